// hkdf.cc — HkdfSha256 over OpenSSL 3's EVP_KDF "HKDF".
#include "crypto/hkdf.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "crypto/algorithms.h"

namespace npsd::crypto {
namespace {

struct KdfDeleter {
  void operator()(EVP_KDF_CTX* context) const { EVP_KDF_CTX_free(context); }
};

// OctetParam views `bytes` as an OSSL_PARAM; OpenSSL copies it and never writes to it.
OSSL_PARAM OctetParam(const char* name, const std::string& bytes) {
  return OSSL_PARAM_construct_octet_string(name, const_cast<char*>(bytes.data()), bytes.size());
}

// HkdfParams lists the parameters of one derivation; OpenSSL's default salt applies
// when `salt` is empty.
std::vector<OSSL_PARAM> HkdfParams(const std::string& ikm, const std::string& salt,
                                   const std::string& info) {
  static char kDigest[] = "SHA256";
  std::vector<OSSL_PARAM> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, kDigest, 0),
      OctetParam(OSSL_KDF_PARAM_KEY, ikm),
      OctetParam(OSSL_KDF_PARAM_INFO, info),
  };
  if (!salt.empty()) params.push_back(OctetParam(OSSL_KDF_PARAM_SALT, salt));
  params.push_back(OSSL_PARAM_construct_end());
  return params;
}

}  // namespace

absl::StatusOr<std::string> HkdfSha256(const std::string& ikm, const std::string& salt,
                                       const std::string& info, size_t length) {
  if (ikm.empty()) return absl::InvalidArgumentError("HKDF needs input keying material");
  if (length == 0 || length > kHkdfSha256MaxLength) {
    return absl::InvalidArgumentError("HKDF-SHA256 output length must be 1 to 8160 bytes");
  }
  std::unique_ptr<EVP_KDF_CTX, KdfDeleter> context(EVP_KDF_CTX_new(HkdfAlgorithm()));
  const std::vector<OSSL_PARAM> params = HkdfParams(ikm, salt, info);
  std::string key(length, '\0');
  if (context == nullptr ||
      EVP_KDF_derive(context.get(), reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     params.data()) != 1) {
    return absl::InternalError("HKDF-SHA256 derivation failed");
  }
  return key;
}

}  // namespace npsd::crypto
