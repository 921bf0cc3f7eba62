// algorithms.h — OpenSSL algorithm implementations fetched once per process.
//
// OpenSSL 3 looks an algorithm up by name (under a global lock, through property
// queries) whenever a legacy getter such as EVP_sha256() or a one-shot such as
// EVP_Q_mac() is used; on ingestion, where every response is hashed and many are
// sealed, those lookups cost more than the cryptography. Fetched objects are immutable
// and shared by every thread.
#ifndef NPSD_CRYPTO_ALGORITHMS_H_
#define NPSD_CRYPTO_ALGORITHMS_H_

#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace npsd::crypto {

// Sha256Algorithm is SHA-256.
const EVP_MD* Sha256Algorithm();

// Aes256GcmAlgorithm is AES-256 in GCM mode.
const EVP_CIPHER* Aes256GcmAlgorithm();

// HmacSha256Template is an HMAC context with SHA-256 loaded and no key; callers
// duplicate it (EVP_MAC_CTX_dup) and never change it.
const EVP_MAC_CTX* HmacSha256Template();

// HkdfAlgorithm is HKDF (its digest is a parameter of each derivation: OpenSSL 3.0
// does not duplicate HKDF contexts).
EVP_KDF* HkdfAlgorithm();

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_ALGORITHMS_H_
