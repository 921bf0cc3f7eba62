// algorithms.cc — the process's fetched OpenSSL algorithms.
#include "crypto/algorithms.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include <cstdio>
#include <cstdlib>

namespace npsd::crypto {
namespace {

// Missing ends the process: OpenSSL lacks an algorithm npsd cannot work without (its
// default provider is not installed), so nothing could be hashed or sealed.
[[noreturn]] void Missing(const char* name) {
  std::fprintf(stderr, "npsd: OpenSSL has no %s\n", name);
  std::abort();
}

template <typename T>
T* Fetched(T* algorithm, const char* name) {
  if (algorithm == nullptr) Missing(name);
  return algorithm;
}

}  // namespace

const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* const md = Fetched(EVP_MD_fetch(nullptr, "SHA256", nullptr), "SHA-256");
  return md;
}

const EVP_CIPHER* Aes256GcmAlgorithm() {
  static const EVP_CIPHER* const cipher = Fetched(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr), "AES-256-GCM");
  return cipher;
}

const EVP_MAC_CTX* HmacSha256Template() {
  static const EVP_MAC_CTX* const context = [] {
    EVP_MAC* mac = Fetched(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "HMAC");
    EVP_MAC_CTX* created = Fetched(EVP_MAC_CTX_new(mac), "HMAC context");
    EVP_MAC_free(mac);  // the context holds its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(created, params) != 1) Missing("HMAC-SHA256");
    return created;
  }();
  return context;
}

EVP_KDF* HkdfAlgorithm() {
  static EVP_KDF* const kdf = Fetched(EVP_KDF_fetch(nullptr, "HKDF", nullptr), "HKDF");
  return kdf;
}

}  // namespace npsd::crypto
