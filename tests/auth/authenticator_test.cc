// authenticator_test.cc — bearer credential checks against a mocked key store.
#include "auth/authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/api_key_token.h"
#include "tests/support/mock_repositories.h"
#include "tests/support/status_matchers.h"

namespace npsd::auth {
namespace {

using ::npsd::testing::StatusIs;
using ::testing::_;
using ::testing::Return;

constexpr char kTenant[] = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
constexpr char kKey[] = "9b2d8c1e-0a4f-4e3b-8c7d-6e5f4a3b2c1d";
constexpr char kOperatorToken[] = "operator-token-0123456789abcdef0123456789";

using ::npsd::testing::MockApiKeyRepository;

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest()
      : secret_(*NewApiKeySecret()),
        authenticator_(std::string(kOperatorToken), keys_, [this] { return now_; }) {
    credential_.key.id = kKey;
    credential_.key.tenant_id = kTenant;
    credential_.key.scopes = domain::ScopeSet{domain::Scope::kIngest};
    credential_.secret_sha256 = SecretHash(secret_);
  }

  std::string Bearer(const std::string& secret) const {
    return "Bearer " + FormatApiKeyToken({kTenant, kKey, secret});
  }

  absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& header) {
    return authenticator_.Authenticate(header, absl::InfiniteFuture());
  }

  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  std::string secret_;
  storage::ApiKeyCredential credential_;
  MockApiKeyRepository keys_;
  CredentialAuthenticator authenticator_;
};

TEST_F(AuthenticatorTest, ValidKeyYieldsItsTenantAndScopes) {
  EXPECT_CALL(keys_, FindCredential(kTenant, kKey, _)).WillOnce(Return(credential_));
  auto principal = Authenticate(Bearer(secret_));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_FALSE(principal->is_operator());
  EXPECT_EQ(principal->tenant_id, kTenant);
  EXPECT_TRUE(principal->scopes.Has(domain::Scope::kIngest));
  EXPECT_FALSE(principal->scopes.Has(domain::Scope::kAdmin));
}

TEST_F(AuthenticatorTest, OperatorTokenYieldsTheOperator) {
  auto principal = Authenticate(std::string("bearer ") + kOperatorToken);
  ASSERT_TRUE(principal.ok());
  EXPECT_TRUE(principal->is_operator());
}

TEST_F(AuthenticatorTest, MissingOrMalformedHeaderIsUnauthenticated) {
  EXPECT_CALL(keys_, FindCredential).Times(0);
  for (const std::optional<std::string>& header :
       {std::optional<std::string>(), std::optional<std::string>(""),
        std::optional<std::string>("Basic abc"), std::optional<std::string>("Bearer "),
        std::optional<std::string>("Bearer not-a-token")}) {
    EXPECT_THAT(Authenticate(header), StatusIs(absl::StatusCode::kUnauthenticated));
  }
}

TEST_F(AuthenticatorTest, WrongSecretUnknownRevokedAndExpiredKeysAreUnauthenticated) {
  EXPECT_CALL(keys_, FindCredential).WillRepeatedly(Return(credential_));
  // Refusals of a known key reach its tenant's audit trail, once per minute per key.
  EXPECT_CALL(keys_, RecordAuthenticationFailure(kTenant, kKey, "wrong_secret", _)).Times(1);
  EXPECT_THAT(Authenticate(Bearer(std::string(43, 'A'))), StatusIs(absl::StatusCode::kUnauthenticated));

  storage::ApiKeyCredential revoked = credential_;
  revoked.key.revoke_time = now_ - absl::Seconds(1);
  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(revoked));
  EXPECT_THAT(Authenticate(Bearer(secret_)), StatusIs(absl::StatusCode::kUnauthenticated));

  storage::ApiKeyCredential expired = credential_;
  expired.key.expire_time = now_;
  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(expired));
  EXPECT_THAT(Authenticate(Bearer(secret_)), StatusIs(absl::StatusCode::kUnauthenticated));

  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(absl::NotFoundError("no")));
  EXPECT_THAT(Authenticate(Bearer(secret_)), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(AuthenticatorTest, SuspendedTenantIsDeniedAndStoreOutageIsUnavailable) {
  storage::ApiKeyCredential suspended = credential_;
  suspended.tenant_state = domain::TenantState::kSuspended;
  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(suspended));
  EXPECT_THAT(Authenticate(Bearer(secret_)), StatusIs(absl::StatusCode::kPermissionDenied));

  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(absl::UnavailableError("down")));
  EXPECT_THAT(Authenticate(Bearer(secret_)), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(AuthenticatorTest, ErrorsNeverEchoTheCredential) {
  EXPECT_CALL(keys_, FindCredential).WillOnce(Return(credential_));
  const std::string wrong = std::string(42, 'Q') + "Z";
  const absl::Status status = Authenticate(Bearer(wrong)).status();
  EXPECT_EQ(std::string(status.message()).find(wrong), std::string::npos);
}

}  // namespace
}  // namespace npsd::auth
