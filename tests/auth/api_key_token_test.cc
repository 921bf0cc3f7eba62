// api_key_token_test.cc — API key token format.
#include "auth/api_key_token.h"

#include <gtest/gtest.h>

namespace npsd::auth {
namespace {

constexpr char kTenant[] = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
constexpr char kKey[] = "9b2d8c1e-0a4f-4e3b-8c7d-6e5f4a3b2c1d";

TEST(ApiKeyTokenTest, FormatThenParseRoundTrips) {
  auto secret = NewApiKeySecret();
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->size(), 43u);
  const std::string token = FormatApiKeyToken({kTenant, kKey, *secret});
  EXPECT_EQ(token.rfind("npsk_", 0), 0u);
  auto parsed = ParseApiKeyToken(token);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->tenant_id, kTenant);
  EXPECT_EQ(parsed->key_id, kKey);
  EXPECT_EQ(parsed->secret, *secret);
}

TEST(ApiKeyTokenTest, SecretsAreFreshAndHashed) {
  EXPECT_NE(*NewApiKeySecret(), *NewApiKeySecret());
  EXPECT_EQ(SecretHash("abc").size(), 32u);
  EXPECT_NE(SecretHash("abc"), SecretHash("abd"));
}

TEST(ApiKeyTokenTest, RejectsAnythingElse) {
  const std::string good = FormatApiKeyToken({kTenant, kKey, std::string(43, 'A')});
  EXPECT_TRUE(ParseApiKeyToken(good).has_value());
  EXPECT_FALSE(ParseApiKeyToken("").has_value());
  EXPECT_FALSE(ParseApiKeyToken(good.substr(1)).has_value());
  EXPECT_FALSE(ParseApiKeyToken(good + "A").has_value());
  std::string bad_hex = good;
  bad_hex[7] = 'z';
  EXPECT_FALSE(ParseApiKeyToken(bad_hex).has_value());
  std::string bad_secret = good;
  bad_secret.back() = '+';
  EXPECT_FALSE(ParseApiKeyToken(bad_secret).has_value());
  std::string bad_prefix = good;
  bad_prefix[0] = 'x';
  EXPECT_FALSE(ParseApiKeyToken(bad_prefix).has_value());
}

}  // namespace
}  // namespace npsd::auth
