// stable_hash.h — a 64-bit hash that is the same on every build, machine and replica
// (std::hash is not), for page-token fingerprints and sampling draws. Not for security.
#ifndef NPSD_DOMAIN_STABLE_HASH_H_
#define NPSD_DOMAIN_STABLE_HASH_H_

#include <cstdint>
#include <string>

namespace npsd::domain {

// StableHash64 is FNV-1a over `text` followed by a finalizer that spreads every input
// bit over the result (so that `hash % n` is uniform).
inline uint64_t StableHash64(const std::string& text) {
  uint64_t hash = 1469598103934665603ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  return hash;
}

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_STABLE_HASH_H_
