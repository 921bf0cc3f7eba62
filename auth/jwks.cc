// jwks.cc — JWK parsing into OpenSSL keys (EVP_PKEY_fromdata) and JWS verification.
#include "auth/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "auth/json_value.h"
#include "crypto/digest.h"
#include "domain/status_macros.h"

namespace npsd::auth {
namespace {

constexpr JsonLimits kJwksLimits{1024 * 1024, 8};
constexpr int kMinRsaBits = 2048;  // RFC 7518 §3.3
constexpr int kMaxRsaBits = 8192;
constexpr size_t kMaxRsaExponentBytes = 4;
constexpr size_t kP256CoordinateBytes = 32;
constexpr size_t kEs256SignatureBytes = 2 * kP256CoordinateBytes;

// Members that only private or symmetric keys have (RFC 7518 §6.2.2, §6.3.2, §6.4).
constexpr const char* kSecretMembers[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};

const unsigned char* Bytes(absl::string_view data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

BnPtr ToBignum(absl::string_view big_endian) {
  return BnPtr(BN_bin2bn(Bytes(big_endian), static_cast<int>(big_endian.size()), nullptr));
}

// KeyError prefixes a problem with the position of the key in the set.
absl::Status KeyError(size_t index, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("JWKS key ", index, ": ", problem));
}

// OptionalString returns the string member `name` ("" when absent); an error when it is
// present but not a string.
absl::StatusOr<std::string> OptionalString(const JsonValue& key, size_t index, absl::string_view name) {
  const JsonValue* value = key.Find(name);
  if (value == nullptr) return std::string();
  if (!value->is_string()) return KeyError(index, absl::StrCat("`", name, "` must be a string"));
  return value->string_value();
}

// Base64UrlMember decodes the required base64url member `name`.
absl::StatusOr<std::string> Base64UrlMember(const JsonValue& key, size_t index, absl::string_view name) {
  const JsonValue* value = key.Find(name);
  if (value == nullptr || !value->is_string() || value->string_value().empty()) {
    return KeyError(index, absl::StrCat("`", name, "` is required"));
  }
  absl::StatusOr<std::string> bytes = crypto::Base64UrlDecode(value->string_value());
  if (!bytes.ok()) return KeyError(index, absl::StrCat("`", name, "` is not base64url"));
  return bytes;
}

// FromParams builds a public key of `type` ("RSA", "EC") from `bld` and checks it.
absl::StatusOr<std::shared_ptr<EVP_PKEY>> FromParams(const char* type, OSSL_PARAM_BLD* bld, size_t index) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return KeyError(index, "not a valid public key");
  }
  std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (check == nullptr || EVP_PKEY_public_check(check.get()) != 1) {
    return KeyError(index, "not a valid public key");
  }
  return key;
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> RsaKey(const JsonValue& jwk, size_t index) {
  NPSD_ASSIGN_OR_RETURN(std::string n, Base64UrlMember(jwk, index, "n"));
  NPSD_ASSIGN_OR_RETURN(std::string e, Base64UrlMember(jwk, index, "e"));
  BnPtr modulus = ToBignum(n);
  BnPtr exponent = ToBignum(e);
  if (modulus == nullptr || exponent == nullptr) return KeyError(index, "not a valid public key");
  const int bits = BN_num_bits(modulus.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    return KeyError(index, "an RSA modulus must have 2048 to 8192 bits");
  }
  if (e.size() > kMaxRsaExponentBytes) return KeyError(index, "the RSA exponent is too large");
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (bld == nullptr || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return KeyError(index, "not a valid public key");
  }
  return FromParams("RSA", bld.get(), index);
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> Es256Key(const JsonValue& jwk, size_t index) {
  NPSD_ASSIGN_OR_RETURN(std::string crv, OptionalString(jwk, index, "crv"));
  if (crv != "P-256") return KeyError(index, "only EC keys on P-256 are supported");
  NPSD_ASSIGN_OR_RETURN(std::string x, Base64UrlMember(jwk, index, "x"));
  NPSD_ASSIGN_OR_RETURN(std::string y, Base64UrlMember(jwk, index, "y"));
  if (x.size() != kP256CoordinateBytes || y.size() != kP256CoordinateBytes) {
    return KeyError(index, "P-256 coordinates must be 32 bytes");
  }
  const std::string point = std::string(1, '\x04') + x + y;  // SEC 1 uncompressed form
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (bld == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return KeyError(index, "not a valid public key");
  }
  return FromParams("EC", bld.get(), index);
}

// IsForVerification is false for keys published for another purpose (RFC 7517 §4.2,
// §4.3), which the set skips.
absl::StatusOr<bool> IsForVerification(const JsonValue& jwk, size_t index) {
  NPSD_ASSIGN_OR_RETURN(std::string use, OptionalString(jwk, index, "use"));
  if (!use.empty() && use != "sig") return false;
  const JsonValue* ops = jwk.Find("key_ops");
  if (ops == nullptr) return true;
  if (!ops->is_array()) return KeyError(index, "`key_ops` must be an array");
  for (const JsonValue& op : ops->elements()) {
    if (op.is_string() && op.string_value() == "verify") return true;
  }
  return false;
}

// AlgorithmOf returns the algorithm a key of type `kty` with `alg` (may be empty) is
// used with, or nullopt for keys npsd does not use.
std::optional<JwsAlgorithm> AlgorithmOf(const std::string& kty, const std::string& alg) {
  if (kty == "RSA" && (alg.empty() || alg == "RS256")) return JwsAlgorithm::kRs256;
  if (kty == "EC" && (alg.empty() || alg == "ES256")) return JwsAlgorithm::kEs256;
  return std::nullopt;
}

// ParseKey returns the key at `index`, nullopt for a key the set skips.
absl::StatusOr<std::optional<JwkPublicKey>> ParseKey(const JsonValue& jwk, size_t index) {
  if (!jwk.is_object()) return KeyError(index, "must be an object");
  for (const char* member : kSecretMembers) {
    if (jwk.Find(member) != nullptr) return KeyError(index, "holds private or symmetric key material");
  }
  NPSD_ASSIGN_OR_RETURN(std::string kty, OptionalString(jwk, index, "kty"));
  if (kty.empty()) return KeyError(index, "`kty` is required");
  if (kty == "oct") return KeyError(index, "symmetric keys are not accepted");
  NPSD_ASSIGN_OR_RETURN(std::string alg, OptionalString(jwk, index, "alg"));
  NPSD_ASSIGN_OR_RETURN(std::string kid, OptionalString(jwk, index, "kid"));
  NPSD_ASSIGN_OR_RETURN(bool for_verification, IsForVerification(jwk, index));
  const std::optional<JwsAlgorithm> algorithm = AlgorithmOf(kty, alg);
  if (!for_verification || !algorithm.has_value()) return std::optional<JwkPublicKey>();
  absl::StatusOr<std::shared_ptr<EVP_PKEY>> key =
      *algorithm == JwsAlgorithm::kRs256 ? RsaKey(jwk, index) : Es256Key(jwk, index);
  if (!key.ok()) return key.status();
  return std::optional<JwkPublicKey>(JwkPublicKey(std::move(kid), *algorithm, *std::move(key)));
}

// CheckKids requires a unique `kid` on every key of a set with more than one.
absl::Status CheckKids(const std::vector<JwkPublicKey>& keys) {
  if (keys.empty()) return absl::InvalidArgumentError("the JWKS has no usable RS256 or ES256 key");
  if (keys.size() == 1) return absl::OkStatus();
  std::set<std::string> seen;
  for (const JwkPublicKey& key : keys) {
    if (key.kid().empty()) return absl::InvalidArgumentError("every key of a JWKS with several keys needs a `kid`");
    if (!seen.insert(key.kid()).second) return absl::InvalidArgumentError("the JWKS has a duplicate `kid`");
  }
  return absl::OkStatus();
}

// DerSignature converts a raw r||s ES256 signature to the DER form OpenSSL verifies.
std::optional<std::string> DerSignature(absl::string_view raw) {
  if (raw.size() != kEs256SignatureBytes) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(ECDSA_SIG_new());
  BnPtr r = ToBignum(raw.substr(0, kP256CoordinateBytes));
  BnPtr s = ToBignum(raw.substr(kP256CoordinateBytes));
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return std::nullopt;
  }
  r.release();  // owned by `sig` now
  s.release();
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string result(reinterpret_cast<const char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return result;
}

}  // namespace

const char* JwsAlgorithmName(JwsAlgorithm algorithm) {
  return algorithm == JwsAlgorithm::kRs256 ? "RS256" : "ES256";
}

JwkPublicKey::JwkPublicKey(std::string kid, JwsAlgorithm algorithm, std::shared_ptr<EVP_PKEY> key)
    : kid_(std::move(kid)), algorithm_(algorithm), key_(std::move(key)) {}

bool JwkPublicKey::Verify(absl::string_view signing_input, absl::string_view signature) const {
  std::string encoded(signature);
  if (algorithm_ == JwsAlgorithm::kEs256) {
    std::optional<std::string> der = DerSignature(signature);
    if (!der.has_value()) return false;
    encoded = *std::move(der);
  } else if (signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key_.get()))) {
    return false;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;  // owned by `ctx`
  if (ctx == nullptr ||
      EVP_DigestVerifyInit_ex(ctx.get(), &pkey_ctx, "SHA256", nullptr, nullptr, key_.get(), nullptr) != 1) {
    return false;
  }
  if (algorithm_ == JwsAlgorithm::kRs256 && EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), Bytes(encoded), encoded.size(), Bytes(signing_input),
                          signing_input.size()) == 1;
}

absl::StatusOr<Jwks> Jwks::Parse(absl::string_view json) {
  NPSD_ASSIGN_OR_RETURN(JsonValue document, ParseJson(json, kJwksLimits));
  const JsonValue* list = document.Find("keys");
  if (list == nullptr || !list->is_array()) return absl::InvalidArgumentError("a JWKS needs a `keys` array");
  std::vector<JwkPublicKey> keys;
  for (size_t i = 0; i < list->elements().size(); ++i) {
    NPSD_ASSIGN_OR_RETURN(std::optional<JwkPublicKey> key, ParseKey(list->elements()[i], i));
    if (key.has_value()) keys.push_back(*std::move(key));
  }
  NPSD_RETURN_IF_ERROR(CheckKids(keys));
  return Jwks(std::move(keys));
}

absl::StatusOr<Jwks> Jwks::LoadFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read the JWKS file ", path));
  std::stringstream contents;
  contents << file.rdbuf();
  absl::StatusOr<Jwks> keys = Parse(contents.str());
  if (!keys.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("JWKS file ", path, ": ", keys.status().message()));
  }
  return keys;
}

const JwkPublicKey* Jwks::Select(const std::optional<std::string>& kid) const {
  if (!kid.has_value()) return keys_.size() == 1 ? &keys_.front() : nullptr;
  for (const JwkPublicKey& key : keys_) {
    if (key.kid() == *kid) return &key;
  }
  return nullptr;
}

}  // namespace npsd::auth
