// hkdf.h — HKDF-SHA256 key derivation (RFC 5869).
//
// HKDF turns one strong secret into many independent keys, one per purpose, told apart
// by `info`; the key hierarchy (key_hierarchy.h) derives every tenant's keys this way:
//
//   absl::StatusOr<std::string> key =
//       crypto::HkdfSha256(master_secret, /*salt=*/"", "npsd tenant key v1" + tenant, 32);
#ifndef NPSD_CRYPTO_HKDF_H_
#define NPSD_CRYPTO_HKDF_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::crypto {

// kHkdfSha256MaxLength is the most output HKDF-SHA256 can derive: 255 hash blocks.
inline constexpr size_t kHkdfSha256MaxLength = 255 * 32;

// HkdfSha256 derives `length` bytes from the input keying material `ikm`. An empty
// `salt` stands for the RFC's default of 32 zero bytes. INVALID_ARGUMENT when `ikm` is
// empty or `length` is 0 or above kHkdfSha256MaxLength; INTERNAL when OpenSSL fails.
absl::StatusOr<std::string> HkdfSha256(const std::string& ikm, const std::string& salt,
                                       const std::string& info, size_t length);

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_HKDF_H_
