// digest.cc — SHA-256 and HMAC over OpenSSL, and strict hex and base64url codecs.
#include "crypto/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "crypto/algorithms.h"

namespace npsd::crypto {
namespace {

// DieOnOpenSslFailure ends the process. Hashing bytes in memory fails only when OpenSSL
// cannot allocate, which npsd treats like any other allocation failure.
[[noreturn]] void DieOnOpenSslFailure(const char* operation) {
  std::fprintf(stderr, "npsd: OpenSSL %s failed\n", operation);
  std::abort();
}

const unsigned char* Bytes(const std::string& data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

// HexValue returns the value of a hex digit, or -1.
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Base64UrlValue returns the 6-bit value of a base64url character, or -1.
int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// UnpaddedLength returns the length of `text` without its '=' padding, or nullopt
// when there is padding but not the one or two characters that complete a quantum.
std::optional<size_t> UnpaddedLength(const std::string& text) {
  size_t length = text.size();
  while (length > 0 && text[length - 1] == '=') --length;
  const size_t padding = text.size() - length;
  if (padding > 0 && (padding > 2 || text.size() % 4 != 0)) return std::nullopt;
  return length;
}

absl::Status InvalidBase64Url() {
  return absl::InvalidArgumentError("text is not valid base64url");
}

}  // namespace

std::string Sha256(const std::string& data) {
  std::string digest(kSha256Size, '\0');
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), nullptr,
                 Sha256Algorithm(), nullptr) != 1) {
    DieOnOpenSslFailure("SHA-256");
  }
  return digest;
}

std::string HmacSha256(const std::string& key, const std::string& message) {
  std::string tag(kSha256Size, '\0');
  size_t tag_size = 0;
  std::unique_ptr<EVP_MAC_CTX, void (*)(EVP_MAC_CTX*)> context(EVP_MAC_CTX_dup(HmacSha256Template()),
                                                               EVP_MAC_CTX_free);
  if (context == nullptr || EVP_MAC_init(context.get(), Bytes(key), key.size(), nullptr) != 1 ||
      EVP_MAC_update(context.get(), Bytes(message), message.size()) != 1 ||
      EVP_MAC_final(context.get(), reinterpret_cast<unsigned char*>(tag.data()), &tag_size, tag.size()) != 1 ||
      tag_size != kSha256Size) {
    DieOnOpenSslFailure("HMAC-SHA256");
  }
  return tag;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HexEncode(const std::string& bytes) { return absl::BytesToHexString(bytes); }

absl::StatusOr<std::string> HexDecode(const std::string& hex) {
  if (hex.size() % 2 != 0) return absl::InvalidArgumentError("hex text has an odd length");
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = HexValue(hex[i]);
    const int low = HexValue(hex[i + 1]);
    if (high < 0 || low < 0) return absl::InvalidArgumentError("hex text has a non-hex digit");
    bytes.push_back(static_cast<char>(high << 4 | low));
  }
  return bytes;
}

std::string Base64UrlEncode(const std::string& bytes) { return absl::WebSafeBase64Escape(bytes); }

absl::StatusOr<std::string> Base64UrlDecode(const std::string& text) {
  const std::optional<size_t> length = UnpaddedLength(text);
  if (!length || *length % 4 == 1) return InvalidBase64Url();
  std::string bytes;
  bytes.reserve(*length / 4 * 3 + 2);
  uint32_t pending = 0;  // bits read but not yet emitted, in the low `pending_bits`
  int pending_bits = 0;
  for (size_t i = 0; i < *length; ++i) {
    const int value = Base64UrlValue(text[i]);
    if (value < 0) return InvalidBase64Url();
    pending = (pending << 6 | static_cast<uint32_t>(value)) & 0xfff;
    pending_bits += 6;
    if (pending_bits >= 8) {
      pending_bits -= 8;
      bytes.push_back(static_cast<char>((pending >> pending_bits) & 0xff));
    }
  }
  if ((pending & ((1u << pending_bits) - 1)) != 0) return InvalidBase64Url();
  return bytes;
}

}  // namespace npsd::crypto
