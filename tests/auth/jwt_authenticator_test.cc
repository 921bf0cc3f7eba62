// jwt_authenticator_test.cc — how CredentialAuthenticator routes and checks JWTs: the
// tenant lookup and its outcomes, the principal it builds, and JWTs when none is trusted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "auth/authenticator.h"
#include "tests/support/jwt_test_keys.h"
#include "tests/support/mock_repositories.h"
#include "tests/support/status_matchers.h"

namespace npsd::auth {
namespace {

using ::npsd::testing::IsOk;
using ::npsd::testing::StatusIs;
using ::npsd::testing::TestSigningKey;
using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Return;

constexpr int64_t kNow = 1800000000;
constexpr char kIssuer[] = "https://idp.example.com/";
constexpr char kTenant[] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

using KeysWithoutCalls = ::npsd::testing::MockApiKeyRepository;
using MockTenants = ::npsd::testing::MockTenantRepository;

domain::Tenant TenantIn(domain::TenantState state) {
  domain::Tenant tenant;
  tenant.id = kTenant;
  tenant.state = state;
  return tenant;
}

class JwtAuthenticatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { key_ = new TestSigningKey(TestSigningKey::GenerateEs256("k1")); }
  static void TearDownTestSuite() { delete key_; }

  void SetUp() override {
    absl::StatusOr<Jwks> keys = Jwks::Parse(npsd::testing::JwksDocument({key_->PublicJwk()}));
    ASSERT_TRUE(keys.ok()) << keys.status();
    verifier_ = std::make_unique<JwtVerifier>(std::vector<JwtIssuer>{JwtIssuer{kIssuer, "npsd", "npsd_tenant", *keys}},
                                              kDefaultJwtLeeway, [] { return absl::FromUnixSeconds(kNow); });
  }

  static std::string Header(const std::string& token) { return "Bearer " + token; }

  static std::string Token(const std::string& subject = "alice@example.com") {
    return key_->Mint(absl::StrCat(R"({"iss":")", kIssuer, R"(","aud":"npsd","sub":")", subject,
                                   R"(","exp":)", kNow + 300, R"(,"npsd_tenant":")", kTenant,
                                   R"(","scope":"read privacy"})"));
  }

  static inline TestSigningKey* key_ = nullptr;
  KeysWithoutCalls keys_;
  MockTenants tenants_;
  std::unique_ptr<JwtVerifier> verifier_;
};

TEST_F(JwtAuthenticatorTest, AnActiveTenantGetsAPrincipalWithoutTheSubjectInIt) {
  CredentialAuthenticator authenticator(std::nullopt, keys_, verifier_.get(), &tenants_);
  EXPECT_CALL(tenants_, GetTenant(kTenant, _)).Times(2).WillRepeatedly(Return(TenantIn(domain::TenantState::kActive)));
  absl::StatusOr<Principal> alice = authenticator.Authenticate(Header(Token()), absl::InfiniteFuture());
  ASSERT_THAT(alice, IsOk());
  EXPECT_EQ(alice->tenant_id, kTenant);
  EXPECT_FALSE(alice->is_operator());
  EXPECT_EQ(alice->scopes, (domain::ScopeSet{domain::Scope::kRead, domain::Scope::kPrivacy}));
  EXPECT_EQ(alice->expires, absl::FromUnixSeconds(kNow + 300));
  EXPECT_THAT(alice->credential_id, HasSubstr("jwt:"));
  EXPECT_THAT(alice->credential_id, Not(HasSubstr("alice")));
  absl::StatusOr<Principal> bob = authenticator.Authenticate(Header(Token("bob")), absl::InfiniteFuture());
  ASSERT_THAT(bob, IsOk());
  EXPECT_NE(bob->credential_id, alice->credential_id);
}

TEST_F(JwtAuthenticatorTest, TheTenantLookupDecidesTheOutcome) {
  CredentialAuthenticator authenticator(std::nullopt, keys_, verifier_.get(), &tenants_);
  EXPECT_CALL(tenants_, GetTenant(kTenant, _))
      .WillOnce(Return(absl::NotFoundError("no tenant")))
      .WillOnce(Return(TenantIn(domain::TenantState::kSuspended)))
      .WillOnce(Return(absl::UnavailableError("database down")));
  EXPECT_THAT(authenticator.Authenticate(Header(Token()), absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(authenticator.Authenticate(Header(Token()), absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(authenticator.Authenticate(Header(Token()), absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(JwtAuthenticatorTest, AnInvalidTokenNeverReachesTheTenantRegistry) {
  CredentialAuthenticator authenticator(std::nullopt, keys_, verifier_.get(), &tenants_);
  EXPECT_CALL(tenants_, GetTenant(_, _)).Times(0);
  std::string token = Token();
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(authenticator.Authenticate(Header(token), absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(JwtAuthenticatorTest, WithoutAVerifierAJwtIsJustAnInvalidCredential) {
  CredentialAuthenticator authenticator(std::nullopt, keys_);
  EXPECT_CALL(keys_, FindCredential(_, _, _)).Times(0);
  EXPECT_THAT(authenticator.Authenticate(Header(Token()), absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace npsd::auth
