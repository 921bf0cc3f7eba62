// jwt_test_keys.cc — OpenSSL key generation, JWK export and JWS signing for tests.
#include "tests/support/jwt_test_keys.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "crypto/digest.h"

namespace npsd::testing {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "jwt_test_keys: OpenSSL %s failed\n", what);
  std::abort();
}

// BignumParam returns the big-endian bytes of the key's BIGNUM parameter `name`,
// left-padded with zeros to `width` bytes when `width` is not 0.
std::string BignumParam(EVP_PKEY* key, const char* name, int width) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1) Die("EVP_PKEY_get_bn_param");
  const int size = width == 0 ? BN_num_bytes(value) : width;
  std::string bytes(static_cast<size_t>(size), '\0');
  if (BN_bn2binpad(value, reinterpret_cast<unsigned char*>(bytes.data()), size) != size) Die("BN_bn2binpad");
  BN_free(value);
  return bytes;
}

// RawEcdsaSignature converts a DER ECDSA signature to the r||s form of RFC 7518.
std::string RawEcdsaSignature(const std::string& der) {
  const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size()));
  if (sig == nullptr) Die("d2i_ECDSA_SIG");
  std::string raw(64, '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, 32) != 32 || BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + 32, 32) != 32) {
    Die("BN_bn2binpad");
  }
  ECDSA_SIG_free(sig);
  return raw;
}

std::string B64(const std::string& bytes) { return crypto::Base64UrlEncode(bytes); }

}  // namespace

TestSigningKey::TestSigningKey(std::string kid, std::string alg, std::shared_ptr<EVP_PKEY> key)
    : kid_(std::move(kid)), alg_(std::move(alg)), key_(std::move(key)) {}

TestSigningKey TestSigningKey::GenerateRs256(const std::string& kid) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (key == nullptr) Die("RSA key generation");
  return TestSigningKey(kid, "RS256", std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

TestSigningKey TestSigningKey::GenerateEs256(const std::string& kid) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) Die("EC key generation");
  return TestSigningKey(kid, "ES256", std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

std::string TestSigningKey::PublicJwk() const {
  if (alg_ == "RS256") {
    return absl::StrCat(R"({"kty":"RSA","use":"sig","alg":"RS256","kid":")", kid_, R"(","n":")",
                        B64(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_N, 0)), R"(","e":")",
                        B64(BignumParam(key_.get(), OSSL_PKEY_PARAM_RSA_E, 0)), R"("})");
  }
  return absl::StrCat(R"({"kty":"EC","use":"sig","alg":"ES256","crv":"P-256","kid":")", kid_, R"(","x":")",
                      B64(BignumParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32)), R"(","y":")",
                      B64(BignumParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32)), R"("})");
}

std::string TestSigningKey::PublicKeyPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio, key_.get()) != 1) Die("PEM_write_bio_PUBKEY");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string TestSigningKey::Sign(const std::string& signing_input) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t size = 0;
  if (ctx == nullptr || EVP_DigestSignInit_ex(ctx, nullptr, "SHA256", nullptr, nullptr, key_.get(), nullptr) != 1 ||
      EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    Die("EVP_DigestSign");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1) {
    Die("EVP_DigestSign");
  }
  EVP_MD_CTX_free(ctx);
  signature.resize(size);
  return alg_ == "ES256" ? RawEcdsaSignature(signature) : signature;
}

std::string TestSigningKey::Mint(const std::string& claims_json) const {
  return MintWithHeader(absl::StrCat(R"({"alg":")", alg_, R"(","kid":")", kid_, R"(","typ":"JWT"})"), claims_json);
}

std::string TestSigningKey::MintWithHeader(const std::string& header_json, const std::string& claims_json) const {
  const std::string signing_input = B64(header_json) + "." + B64(claims_json);
  return signing_input + "." + B64(Sign(signing_input));
}

std::string JwksDocument(const std::vector<std::string>& jwks) {
  return absl::StrCat(R"({"keys":[)", absl::StrJoin(jwks, ","), "]}");
}

std::string CompactToken(const std::string& header_json, const std::string& payload_json,
                         const std::string& signature) {
  return B64(header_json) + "." + B64(payload_json) + "." + B64(signature);
}

}  // namespace npsd::testing
