// random.h — cryptographically secure random bytes and tokens.
//
// Everything secret in npsd (API key secrets, data keys, AEAD nonces) is drawn here,
// from OpenSSL's CSPRNG, and so are the random bits of ids (buffered per thread):
//
//   absl::StatusOr<std::string> secret = crypto::RandomToken(32);  // 43 characters
//   if (!secret.ok()) return secret.status();
#ifndef NPSD_CRYPTO_RANDOM_H_
#define NPSD_CRYPTO_RANDOM_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace npsd::crypto {

// RandomBytes returns `n` random bytes. INTERNAL when the generator fails (it is never
// silently weaker); INVALID_ARGUMENT when `n` exceeds what one draw supports (2^31 - 1).
absl::StatusOr<std::string> RandomBytes(size_t n);

// RandomToken returns `bytes` random bytes as unpadded base64url, safe in URLs, headers
// and file names: ceil(bytes * 4 / 3) characters.
absl::StatusOr<std::string> RandomToken(size_t bytes);

// RandomUuid returns a random (version 4) UUID in canonical lower-case form.
absl::StatusOr<std::string> RandomUuid();

// TimeOrderedUuid returns a version 7 UUID (RFC 9562) for `now`: 48 bits of Unix
// milliseconds, then 74 random bits. Ids drawn later sort after those drawn in earlier
// milliseconds, so an index on them grows at its end instead of splitting random
// pages; the id reveals its creation time to the millisecond.
absl::StatusOr<std::string> TimeOrderedUuid(absl::Time now);

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_RANDOM_H_
