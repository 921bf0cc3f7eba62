// aead.h — authenticated encryption with AES-256-GCM.
//
// Seal encrypts and authenticates; Open decrypts only what Seal produced with the same
// key and associated data. The sealed form is self-contained:
//
//   nonce (12 bytes) || ciphertext (as long as the plaintext) || tag (16 bytes)
//
//   absl::StatusOr<std::string> sealed = crypto::Seal(key, comment, "response:" + id);
//   absl::StatusOr<std::string> comment = crypto::Open(key, *sealed, "response:" + id);
//
// Associated data is authenticated but not encrypted: bind each ciphertext to where it
// belongs (tenant, table, row, column) so it cannot be moved elsewhere unnoticed.
// Nonces are random, so one key may seal at most 2^32 messages (NIST SP 800-38D §8.3);
// the key hierarchy keeps far below that by sealing with per-record data keys.
#ifndef NPSD_CRYPTO_AEAD_H_
#define NPSD_CRYPTO_AEAD_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::crypto {

// kAeadKeySize is the AES-256-GCM key size in bytes.
inline constexpr size_t kAeadKeySize = 32;

// kAeadNonceSize is the size in bytes of the nonce that starts a sealed message.
inline constexpr size_t kAeadNonceSize = 12;

// kAeadTagSize is the size in bytes of the tag that ends a sealed message.
inline constexpr size_t kAeadTagSize = 16;

// kAeadOverhead is how much longer a sealed message is than its plaintext.
inline constexpr size_t kAeadOverhead = kAeadNonceSize + kAeadTagSize;

// Seal encrypts `plaintext` under `key` (kAeadKeySize bytes) with a fresh random nonce
// and authenticates it together with `associated_data`. INVALID_ARGUMENT for a wrong
// key size or an input of 2 GiB or more; INTERNAL when OpenSSL or the random number
// generator fails.
absl::StatusOr<std::string> Seal(const std::string& key, const std::string& plaintext,
                                 const std::string& associated_data);

// Open returns the plaintext of `sealed`. DATA_LOSS, with a message that reveals
// nothing about the input, when `sealed` is truncated, was altered, or was sealed under
// another key or other associated data; no unauthenticated plaintext is ever returned.
// INVALID_ARGUMENT for a wrong key size or an input of 2 GiB or more.
absl::StatusOr<std::string> Open(const std::string& key, const std::string& sealed,
                                 const std::string& associated_data);

// SealWithNonceForTest is Seal with a caller-chosen nonce (kAeadNonceSize bytes), for
// known-answer tests only: sealing twice with one key and nonce destroys both secrecy
// and authenticity.
absl::StatusOr<std::string> SealWithNonceForTest(const std::string& key, const std::string& nonce,
                                                 const std::string& plaintext,
                                                 const std::string& associated_data);

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_AEAD_H_
