// digest_test.cc — SHA-256, HMAC-SHA256 and the hex and base64url codecs.
#include "crypto/digest.h"

#include <gtest/gtest.h>

#include <string>

namespace npsd::crypto {
namespace {

std::string Hex(const std::string& bytes) { return HexEncode(bytes); }

TEST(Sha256Test, MatchesFips180Vectors) {
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HmacSha256Test, MatchesRfc4231TestCase1) {
  const std::string key(20, '\x0b');
  EXPECT_EQ(Hex(HmacSha256(key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256Test, MatchesRfc4231TestCase2) {
  EXPECT_EQ(Hex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256Test, AcceptsAnEmptyKey) {
  EXPECT_EQ(Hex(HmacSha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(ConstantTimeEqualsTest, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("Secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("secret", ""));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(HexTest, EncodesLowerCaseAndDecodesEitherCase) {
  const std::string bytes("\x00\x7f\x80\xff\xab", 5);
  EXPECT_EQ(HexEncode(bytes), "007f80ffab");
  EXPECT_EQ(HexDecode("007f80ffab").value(), bytes);
  EXPECT_EQ(HexDecode("007F80FFAB").value(), bytes);
  EXPECT_EQ(HexDecode("").value(), "");
}

TEST(HexTest, RejectsOddLengthAndNonHexDigits) {
  for (const std::string bad : {"0", "abc", "0g", "g0", " 000", "000 ", "0x00", "+1"}) {
    EXPECT_EQ(HexDecode(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(HexDecode(std::string("0\0", 2)).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Base64UrlTest, MatchesRfc4648VectorsWithoutPadding) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(Base64UrlEncode(bytes), text);
    EXPECT_EQ(Base64UrlDecode(text).value(), bytes) << text;
  }
}

TEST(Base64UrlTest, UsesTheUrlSafeAlphabet) {
  const std::string bytes("\xfb\xff\xbf", 3);  // "+/+/" in standard base64
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-_");
  EXPECT_EQ(Base64UrlDecode("-_-_").value(), bytes);
}

TEST(Base64UrlTest, RoundTripsEveryByteValueAtEveryLength) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  for (size_t length = 0; length <= all_bytes.size(); ++length) {
    const std::string bytes = all_bytes.substr(all_bytes.size() - length);
    const std::string text = Base64UrlEncode(bytes);
    EXPECT_EQ(text.find('='), std::string::npos);
    EXPECT_EQ(Base64UrlDecode(text).value(), bytes) << text;
  }
}

TEST(Base64UrlTest, AcceptsCorrectPadding) {
  EXPECT_EQ(Base64UrlDecode("Zg==").value(), "f");
  EXPECT_EQ(Base64UrlDecode("Zm8=").value(), "fo");
  EXPECT_EQ(Base64UrlDecode("Zm9vYg==").value(), "foob");
}

TEST(Base64UrlTest, RejectsMalformedText) {
  const std::string bad_texts[] = {
      "Z",      // a lone character encodes no byte
      "Zm9vY",  // nor does a fifth one
      "Zg=",    // incomplete padding
      "Zg===",  // too much padding
      "Zm8==",  // padding for the wrong length
      "Zm9v=",  // padding where none is due
      "=",        "==",      "====",
      "Zg==Zg==",          // padding inside the text
      "Zh",                // non-zero unused bits: would also decode to "f"
      "Zm9",               // likewise for two bytes
      "Zm+v",     "Zm/v",  // standard alphabet
      "Zm9\n",    " Zm9",    "Zm 9",
      "Zm9v\r\n",  // whitespace
      "Zm.v",     "Zm9\xff", std::string("Zm\0v", 4),
  };
  for (const std::string& bad : bad_texts) {
    absl::StatusOr<std::string> decoded = Base64UrlDecode(bad);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(Base64UrlTest, ErrorsDoNotEchoTheInput) {
  const std::string hostile = "eyJhbGciOiJub25lIn0+secret";
  absl::StatusOr<std::string> decoded = Base64UrlDecode(hostile);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().message().find("secret"), absl::string_view::npos);
}

}  // namespace
}  // namespace npsd::crypto
