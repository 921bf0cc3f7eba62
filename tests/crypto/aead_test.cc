// aead_test.cc — AES-256-GCM Seal and Open: known answers, round trips and forgeries.
#include "crypto/aead.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/digest.h"

namespace npsd::crypto {
namespace {

std::string Unhex(const std::string& hex) { return HexDecode(hex).value(); }

const std::string kKey = Unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const std::string kOtherKey =
    Unhex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
constexpr char kPlaintext[] = "Would recommend, but the survey was too long.";
constexpr char kAad[] = "tenant:1/response:42/comment";

std::string SealOrDie(const std::string& key, const std::string& plaintext,
                      const std::string& aad) {
  absl::StatusOr<std::string> sealed = Seal(key, plaintext, aad);
  EXPECT_TRUE(sealed.ok()) << sealed.status();
  return sealed.value_or("");
}

void ExpectDataLoss(const absl::StatusOr<std::string>& opened) {
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss);
}

TEST(AeadTest, MatchesGcmSpecTestCase16) {
  // AES-256, 96-bit IV, 60-byte plaintext, 20 bytes of associated data
  // (McGrew & Viega, "The Galois/Counter Mode of Operation", appendix B).
  const std::string key = Unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const std::string nonce = Unhex("cafebabefacedbaddecaf888");
  const std::string plaintext = Unhex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  const std::string aad = Unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const std::string expected = Unhex(
      "cafebabefacedbaddecaf888"
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
      "76fc6ece0f4e1768cddf8853bb2d551b");

  absl::StatusOr<std::string> sealed = SealWithNonceForTest(key, nonce, plaintext, aad);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(HexEncode(*sealed), HexEncode(expected));
  absl::StatusOr<std::string> opened = Open(key, expected, aad);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, plaintext);
}

TEST(AeadTest, MatchesGcmSpecTestCase13WithEmptyPlaintext) {
  const std::string zeros(32, '\0');
  absl::StatusOr<std::string> sealed = SealWithNonceForTest(zeros, std::string(12, '\0'), "", "");
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(HexEncode(*sealed), "000000000000000000000000530f8afbc74536b9a963b4f1c4cb738b");
}

TEST(AeadTest, RoundTrips) {
  const std::string sealed = SealOrDie(kKey, kPlaintext, kAad);
  EXPECT_EQ(sealed.size(), sizeof(kPlaintext) - 1 + kAeadOverhead);
  EXPECT_EQ(sealed.find("recommend"), std::string::npos);
  absl::StatusOr<std::string> opened = Open(kKey, sealed, kAad);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, kPlaintext);
}

TEST(AeadTest, RoundTripsEmptyPlaintextAndBinaryData) {
  const std::string binary("\0\xff\0\x01", 4);
  for (const std::string& plaintext : {std::string(), binary}) {
    absl::StatusOr<std::string> opened = Open(kKey, SealOrDie(kKey, plaintext, ""), "");
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(AeadTest, SealingTwiceUsesFreshNonces) {
  const std::string first = SealOrDie(kKey, kPlaintext, kAad);
  const std::string second = SealOrDie(kKey, kPlaintext, kAad);
  EXPECT_NE(first.substr(0, kAeadNonceSize), second.substr(0, kAeadNonceSize));
  EXPECT_NE(first, second);
}

TEST(AeadTest, AnyFlippedBitInNonceCiphertextOrTagIsDataLoss) {
  const std::string sealed = SealOrDie(kKey, kPlaintext, kAad);
  for (size_t i = 0; i < sealed.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string tampered = sealed;
      tampered[i] = static_cast<char>(tampered[i] ^ (1 << bit));
      absl::StatusOr<std::string> opened = Open(kKey, tampered, kAad);
      ASSERT_EQ(opened.status().code(), absl::StatusCode::kDataLoss) << "byte " << i;
      EXPECT_EQ(opened.status().message().find("recommend"), absl::string_view::npos);
    }
  }
}

TEST(AeadTest, WrongAssociatedDataIsDataLoss) {
  const std::string sealed = SealOrDie(kKey, kPlaintext, kAad);
  ExpectDataLoss(Open(kKey, sealed, "tenant:1/response:43/comment"));
  ExpectDataLoss(Open(kKey, sealed, ""));
  ExpectDataLoss(Open(kKey, SealOrDie(kKey, kPlaintext, ""), kAad));
}

TEST(AeadTest, WrongKeyIsDataLoss) {
  ExpectDataLoss(Open(kOtherKey, SealOrDie(kKey, kPlaintext, kAad), kAad));
}

TEST(AeadTest, TruncatedOrExtendedIsDataLoss) {
  const std::string sealed = SealOrDie(kKey, kPlaintext, kAad);
  for (size_t size = 0; size < sealed.size(); ++size) {
    ExpectDataLoss(Open(kKey, sealed.substr(0, size), kAad));
    ExpectDataLoss(Open(kKey, sealed.substr(sealed.size() - size), kAad));
  }
  ExpectDataLoss(Open(kKey, sealed + '\0', kAad));
}

TEST(AeadTest, RejectsKeysOfTheWrongSize) {
  const std::string sealed = SealOrDie(kKey, kPlaintext, kAad);
  for (const std::string& key : {std::string(), std::string(16, 'k'), kKey.substr(1), kKey + 'k'}) {
    EXPECT_EQ(Seal(key, kPlaintext, kAad).status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(Open(key, sealed, kAad).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(AeadTest, SealWithNonceForTestRejectsNoncesOfTheWrongSize) {
  for (size_t size : {0, 8, 11, 13, 16}) {
    EXPECT_EQ(SealWithNonceForTest(kKey, std::string(size, 'n'), kPlaintext, kAad).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace npsd::crypto
