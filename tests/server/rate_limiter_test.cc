// rate_limiter_test.cc — per-tenant and per-key limits, stream slots, RetryInfo on the wire.
#include "server/rate_limiter.h"

#include <gtest/gtest.h>

#include "nps/v1/error_details.pb.h"
#include "server/status_conversion.h"

namespace npsd::server {
namespace {

auth::Principal Key(const std::string& tenant, const std::string& key) {
  return auth::Principal{auth::Principal::Kind::kTenant, tenant, {}, key};
}

TEST(RateLimiterTest, TenantAndKeyBucketsAreIndependentAndTheOperatorIsExempt) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  RateLimiter limiter(RateLimits{10, 2, 100, 100, 1}, [&] { return now; });
  EXPECT_TRUE(limiter.Admit(Key("t1", "k1")).ok());
  EXPECT_TRUE(limiter.Admit(Key("t1", "k2")).ok());
  const absl::Status limited = limiter.Admit(Key("t1", "k3"));
  EXPECT_EQ(limited.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(limiter.Admit(Key("t2", "k4")).ok()) << "another tenant has its own bucket";
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Admit(auth::Principal::Operator()).ok());
  now += absl::Milliseconds(100);
  EXPECT_TRUE(limiter.Admit(Key("t1", "k3")).ok()) << "refilled at 10/s";
}

TEST(RateLimiterTest, KeyLimitAppliesWithinATenant) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  RateLimiter limiter(RateLimits{0, 0, 1, 1, 0}, [&] { return now; });
  EXPECT_TRUE(limiter.Admit(Key("t1", "k1")).ok());
  EXPECT_EQ(limiter.Admit(Key("t1", "k1")).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(limiter.Admit(Key("t1", "k2")).ok());
}

TEST(RateLimiterTest, StreamSlotsAreHeldUntilReleased) {
  RateLimiter limiter(RateLimits{0, 0, 0, 0, 2});
  auto first = limiter.AcquireStream(Key("t1", "k"));
  auto second = limiter.AcquireStream(Key("t1", "k"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(limiter.AcquireStream(Key("t1", "k")).status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(limiter.AcquireStream(Key("t2", "k")).ok());
  { auto released = std::move(first); }
  EXPECT_TRUE(limiter.AcquireStream(Key("t1", "k")).ok());
}

TEST(RateLimiterTest, RejectionCarriesRetryInfoOnTheWire) {
  RateLimiter limiter(RateLimits{1, 1, 0, 0, 0}, [] { return absl::FromUnixSeconds(1'800'000'000); });
  ASSERT_TRUE(limiter.Admit(Key("t1", "k")).ok());
  const grpc::Status status = ToGrpcStatus(limiter.Admit(Key("t1", "k")));
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  nps::v1::ErrorStatus details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  EXPECT_EQ(details.details(0).type_url(), "type.googleapis.com/google.rpc.RetryInfo");
  nps::v1::RetryInfo retry;
  ASSERT_TRUE(retry.ParseFromString(details.details(0).value()));
  EXPECT_EQ(retry.retry_delay().seconds(), 1);
}

}  // namespace
}  // namespace npsd::server
