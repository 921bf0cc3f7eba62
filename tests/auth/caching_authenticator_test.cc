// caching_authenticator_test.cc — what is cached, for how long, and what is not.
#include "auth/caching_authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace npsd::auth {
namespace {

using ::testing::_;
using ::testing::Return;

class MockAuthenticator : public Authenticator {
 public:
  MOCK_METHOD(absl::StatusOr<Principal>, Authenticate, (const std::optional<std::string>&, absl::Time), (override));
};

Principal Tenant() { return Principal{Principal::Kind::kTenant, "t1", {domain::Scope::kRead}, "k1"}; }

TEST(CachingAuthenticatorTest, SuccessIsReusedUntilTheTtlPasses) {
  MockAuthenticator inner;
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  CachingAuthenticator cache(inner, absl::Seconds(5), 100, [&] { return now; });
  EXPECT_CALL(inner, Authenticate(_, _)).Times(2).WillRepeatedly(Return(Tenant()));
  EXPECT_EQ(cache.Authenticate(std::string("Bearer a"), absl::InfiniteFuture())->tenant_id, "t1");
  now += absl::Seconds(4);
  EXPECT_EQ(cache.Authenticate(std::string("Bearer a"), absl::InfiniteFuture())->tenant_id, "t1");
  now += absl::Seconds(2);
  EXPECT_TRUE(cache.Authenticate(std::string("Bearer a"), absl::InfiniteFuture()).ok());
}

TEST(CachingAuthenticatorTest, FailuresAndOtherCredentialsAreNeverServedFromTheCache) {
  MockAuthenticator inner;
  CachingAuthenticator cache(inner, absl::Seconds(5));
  EXPECT_CALL(inner, Authenticate(std::optional<std::string>("Bearer bad"), _))
      .Times(2)
      .WillRepeatedly(Return(absl::UnauthenticatedError("no")));
  EXPECT_CALL(inner, Authenticate(std::optional<std::string>("Bearer good"), _)).WillOnce(Return(Tenant()));
  EXPECT_FALSE(cache.Authenticate(std::string("Bearer bad"), absl::InfiniteFuture()).ok());
  EXPECT_FALSE(cache.Authenticate(std::string("Bearer bad"), absl::InfiniteFuture()).ok());
  EXPECT_TRUE(cache.Authenticate(std::string("Bearer good"), absl::InfiniteFuture()).ok());
  EXPECT_TRUE(cache.Authenticate(std::string("Bearer good"), absl::InfiniteFuture()).ok());
}

TEST(CachingAuthenticatorTest, AnEntryEndsWhenItsCredentialExpires) {
  MockAuthenticator inner;
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  CachingAuthenticator cache(inner, absl::Seconds(5), 100, [&] { return now; });
  Principal expiring = Tenant();
  expiring.expires = now + absl::Seconds(2);  // a JWT's `exp`, sooner than the TTL
  EXPECT_CALL(inner, Authenticate(_, _))
      .WillOnce(Return(expiring))
      .WillOnce(Return(absl::UnauthenticatedError("expired")));
  EXPECT_TRUE(cache.Authenticate(std::string("Bearer jwt"), absl::InfiniteFuture()).ok());
  now += absl::Seconds(1);
  EXPECT_TRUE(cache.Authenticate(std::string("Bearer jwt"), absl::InfiniteFuture()).ok());
  now += absl::Seconds(2);
  EXPECT_FALSE(cache.Authenticate(std::string("Bearer jwt"), absl::InfiniteFuture()).ok());
}

TEST(CachingAuthenticatorTest, ZeroTtlDisablesCaching) {
  MockAuthenticator inner;
  CachingAuthenticator cache(inner, absl::ZeroDuration());
  EXPECT_CALL(inner, Authenticate(_, _)).Times(3).WillRepeatedly(Return(Tenant()));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(cache.Authenticate(std::string("Bearer a"), absl::InfiniteFuture()).ok());
}

}  // namespace
}  // namespace npsd::auth
