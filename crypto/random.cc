// random.cc — random bytes, tokens and UUIDs over OpenSSL's RAND_bytes.
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

namespace {

// kIdPoolSize is how many random bytes an id-drawing thread takes from OpenSSL at once.
constexpr size_t kIdPoolSize = 4096;

// IdRandomBytes returns `n` (at most kIdPoolSize) random bytes for an id, from a
// per-thread pool refilled from RAND_bytes. Each RAND_bytes call pays the generator's
// locking and set-up whatever its size: drawing one response id at a time took about
// 5 % of npsd's CPU during streaming ingestion (perf). Only ids come from the pool: keys
// and nonces are drawn directly, so no secret waits in a buffer.
absl::StatusOr<std::string> IdRandomBytes(size_t n) {
  thread_local std::string pool;
  thread_local size_t used = 0;
  if (pool.size() - used < n) {
    absl::StatusOr<std::string> refill = RandomBytes(kIdPoolSize);
    if (!refill.ok()) return refill.status();
    pool = *std::move(refill);
    used = 0;
  }
  std::string bytes = pool.substr(used, n);
  used += n;
  return bytes;
}

// FormatUuid writes 16 bytes as a UUID, marking them with `version` and the RFC 9562
// variant.
std::string FormatUuid(std::string bytes, int version) {
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | (version << 4));
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  const std::string hex = HexEncode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace

absl::StatusOr<std::string> RandomUuid() {
  absl::StatusOr<std::string> random = IdRandomBytes(16);
  if (!random.ok()) return random.status();
  return FormatUuid(*std::move(random), 4);
}

absl::StatusOr<std::string> TimeOrderedUuid(absl::Time now) {
  absl::StatusOr<std::string> random = IdRandomBytes(10);
  if (!random.ok()) return random.status();
  const uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(now));
  std::string bytes;
  for (int shift = 40; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>((millis >> shift) & 0xff));
  return FormatUuid(bytes + *random, 7);
}

}  // namespace npsd::crypto
