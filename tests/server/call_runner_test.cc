// call_runner_test.cc — the access log record of calls admitted and refused.
//
// A fixed authenticator stands in for the credential check; the runner's log goes to a
// vector instead of stderr.
#include "server/call_runner.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace npsd::server {
namespace {

constexpr char kTenant[] = "6b3c0a4e-1f2d-4c5b-8a9e-0d1c2b3a4f5e";

// FixedAuthenticator answers every call with one principal, or one error.
class FixedAuthenticator final : public auth::Authenticator {
 public:
  explicit FixedAuthenticator(absl::StatusOr<auth::Principal> answer) : answer_(std::move(answer)) {}

  absl::StatusOr<auth::Principal> Authenticate(const std::optional<std::string>&, absl::Time) override {
    return answer_;
  }

 private:
  absl::StatusOr<auth::Principal> answer_;
};

auth::Principal TenantKey(domain::Scope scope) {
  auth::Principal principal;
  principal.tenant_id = kTenant;
  principal.scopes = domain::ScopeSet{scope};
  principal.credential_id = "key-1";
  return principal;
}

const RpcMethod kPrivacyMethod{"/nps.v1.PrivacyService/GetPrivacySettings",
                               auth::MethodPolicy::TenantScope(domain::Scope::kPrivacy)};

// Logged runs one call of kPrivacyMethod as `answer` authenticates it and returns the
// one record logged.
CallRecord Logged(absl::StatusOr<auth::Principal> answer) {
  FixedAuthenticator authenticator(std::move(answer));
  RateLimiter limiter(RateLimits{});
  Metrics metrics;
  std::vector<CallRecord> records;
  CallRunner runner(authenticator, limiter, metrics, absl::Seconds(30),
                    [&](const CallRecord& record) { records.push_back(record); });
  grpc::ServerContext context;
  runner.Run(&context, kPrivacyMethod, [](const CallContext&) { return absl::OkStatus(); });
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? CallRecord{} : records.front();
}

TEST(CallRunnerTest, AdmittedCallIsLoggedWithItsTenant) {
  const CallRecord record = Logged(TenantKey(domain::Scope::kPrivacy));
  EXPECT_EQ(record.code, absl::StatusCode::kOk);
  EXPECT_EQ(record.tenant_id, kTenant);
  EXPECT_EQ(record.method, kPrivacyMethod.name);
}

TEST(CallRunnerTest, CallRefusedForItsScopeIsLoggedWithTheCallersTenant) {
  const CallRecord record = Logged(TenantKey(domain::Scope::kRead));
  EXPECT_EQ(record.code, absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(record.tenant_id, kTenant);
}

TEST(CallRunnerTest, UnauthenticatedCallIsLoggedWithoutTenant) {
  const CallRecord record = Logged(absl::UnauthenticatedError("no credential"));
  EXPECT_EQ(record.code, absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(record.tenant_id, "");
}

}  // namespace
}  // namespace npsd::server
