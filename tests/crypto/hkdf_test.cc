// hkdf_test.cc — HKDF-SHA256 against RFC 5869 and its argument checks.
#include "crypto/hkdf.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/digest.h"

namespace npsd::crypto {
namespace {

std::string Unhex(const std::string& hex) { return HexDecode(hex).value(); }

TEST(HkdfSha256Test, MatchesRfc5869TestCase1) {
  absl::StatusOr<std::string> okm =
      HkdfSha256(std::string(22, '\x0b'), Unhex("000102030405060708090a0b0c"),
                 Unhex("f0f1f2f3f4f5f6f7f8f9"), 42);
  ASSERT_TRUE(okm.ok()) << okm.status();
  EXPECT_EQ(HexEncode(*okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST(HkdfSha256Test, MatchesRfc5869TestCase3WithEmptySaltAndInfo) {
  absl::StatusOr<std::string> okm = HkdfSha256(std::string(22, '\x0b'), "", "", 42);
  ASSERT_TRUE(okm.ok()) << okm.status();
  EXPECT_EQ(HexEncode(*okm),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

TEST(HkdfSha256Test, DifferentInfoGivesIndependentKeys) {
  const std::string ikm(32, '\x42');
  absl::StatusOr<std::string> a = HkdfSha256(ikm, "", "purpose a", 32);
  absl::StatusOr<std::string> b = HkdfSha256(ikm, "", "purpose b", 32);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(HkdfSha256Test, DerivesUpToTheMaximumLength) {
  absl::StatusOr<std::string> okm = HkdfSha256("ikm", "", "", kHkdfSha256MaxLength);
  ASSERT_TRUE(okm.ok()) << okm.status();
  EXPECT_EQ(okm->size(), kHkdfSha256MaxLength);
}

TEST(HkdfSha256Test, RejectsBadArguments) {
  EXPECT_EQ(HkdfSha256("ikm", "", "", 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HkdfSha256("ikm", "", "", kHkdfSha256MaxLength + 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HkdfSha256("", "salt", "info", 32).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace npsd::crypto
