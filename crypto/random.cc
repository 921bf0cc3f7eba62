// random.cc — RandomBytes and RandomToken over OpenSSL's RAND_bytes.
#include "crypto/random.h"

#include <openssl/rand.h>

#include <climits>

#include "absl/status/status.h"
#include "crypto/digest.h"

namespace npsd::crypto {

absl::StatusOr<std::string> RandomBytes(size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) {
    return absl::InvalidArgumentError("too many random bytes requested at once");
  }
  std::string bytes(n, '\0');
  if (n > 0 &&
      RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(n)) != 1) {
    return absl::InternalError("the random number generator failed");
  }
  return bytes;
}

absl::StatusOr<std::string> RandomToken(size_t bytes) {
  absl::StatusOr<std::string> random = RandomBytes(bytes);
  if (!random.ok()) return random.status();
  return Base64UrlEncode(*random);
}

}  // namespace npsd::crypto
