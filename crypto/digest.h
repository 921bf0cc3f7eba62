// digest.h — hashes, HMAC, constant-time comparison and the byte encodings npsd uses.
//
// All functions take and return raw bytes in std::string; encode them for display or
// transport with HexEncode or Base64UrlEncode:
//
//   std::string id = crypto::HexEncode(crypto::Sha256(secret)).substr(0, 8);
//   absl::StatusOr<std::string> signature = crypto::Base64UrlDecode(jwt_part);
//
// The decoders face hostile input (tokens, JWT segments): they accept exactly one
// spelling of each byte string and reject everything else with INVALID_ARGUMENT, and
// their messages never echo the input.
#ifndef NPSD_CRYPTO_DIGEST_H_
#define NPSD_CRYPTO_DIGEST_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::crypto {

// kSha256Size is the size in bytes of a SHA-256 digest and of an HMAC-SHA256 tag.
inline constexpr size_t kSha256Size = 32;

// Sha256 returns the 32-byte SHA-256 digest of `data`.
std::string Sha256(const std::string& data);

// HmacSha256 returns the 32-byte HMAC-SHA256 of `message` under `key`.
std::string HmacSha256(const std::string& key, const std::string& message);

// ConstantTimeEquals compares `a` and `b` in time that depends only on their length:
// use it for every comparison of secrets, hashes of secrets and MACs. Strings of
// different lengths are unequal (their lengths are not secret).
bool ConstantTimeEquals(const std::string& a, const std::string& b);

// HexEncode returns `bytes` as lower-case hexadecimal, two digits per byte.
std::string HexEncode(const std::string& bytes);

// HexDecode parses hexadecimal of either case. INVALID_ARGUMENT for an odd length or a
// character that is not a hex digit.
absl::StatusOr<std::string> HexDecode(const std::string& hex);

// Base64UrlEncode returns `bytes` in the URL-safe base64 alphabet of RFC 4648 §5
// without padding, as JWTs (RFC 7515) and npsd's tokens use it.
std::string Base64UrlEncode(const std::string& bytes);

// Base64UrlDecode parses URL-safe base64, with or without its '=' padding.
// INVALID_ARGUMENT for characters outside the alphabet (including '+', '/' and
// whitespace), misplaced or wrong padding, an impossible length, or non-zero unused
// bits in the last character, so that no two texts decode to the same bytes.
absl::StatusOr<std::string> Base64UrlDecode(const std::string& text);

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_DIGEST_H_
