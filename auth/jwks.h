// jwks.h — JSON Web Key Sets (RFC 7517) of JWT verification keys, on OpenSSL 3.
//
// Each key fixes the one algorithm it verifies (RFC 8725 §3.1): an RSA key (2048 to
// 8192 bits) verifies RS256 only, an EC P-256 key ES256 only. A token's header never
// chooses the algorithm; it can only name a key by `kid`.
//
//   NPSD_ASSIGN_OR_RETURN(Jwks keys, Jwks::LoadFile("/etc/npsd/idp-jwks.json"));
//   const JwkPublicKey* key = keys.Select("2024-06");
//   if (key == nullptr || !key->Verify(signing_input, signature)) return Unauthenticated();
//
// Loading rejects a set that holds private or symmetric key material or a malformed
// key, and skips keys meant for something else (`use` other than "sig", `key_ops`
// without "verify", other key types or algorithms). Messages never quote key material.
#ifndef NPSD_AUTH_JWKS_H_
#define NPSD_AUTH_JWKS_H_

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace npsd::auth {

// JwsAlgorithm is a JWS signature algorithm (RFC 7518 §3) that npsd verifies.
enum class JwsAlgorithm { kRs256, kEs256 };

// JwsAlgorithmName returns the `alg` name of `algorithm` ("RS256", "ES256").
const char* JwsAlgorithmName(JwsAlgorithm algorithm);

// JwkPublicKey is one public verification key and the algorithm it is used with.
class JwkPublicKey {
 public:
  // JwkPublicKey takes shared ownership of `key`, which must be of the type `algorithm`
  // needs (Jwks builds these; tests may too).
  JwkPublicKey(std::string kid, JwsAlgorithm algorithm, std::shared_ptr<EVP_PKEY> key);

  // kid returns the key id (empty when the set has a single key without one).
  const std::string& kid() const { return kid_; }

  // algorithm returns the only algorithm this key verifies.
  JwsAlgorithm algorithm() const { return algorithm_; }

  // Verify checks a JWS signature over `signing_input`: RSASSA-PKCS1-v1_5 with SHA-256
  // of exactly the modulus size for RS256, raw r||s of 64 bytes for ES256 (RFC 7518
  // §3.4). False for any other length or a wrong signature.
  bool Verify(absl::string_view signing_input, absl::string_view signature) const;

 private:
  std::string kid_;
  JwsAlgorithm algorithm_;
  std::shared_ptr<EVP_PKEY> key_;
};

// Jwks is a set of verification keys.
class Jwks {
 public:
  // Jwks constructs an empty set, which verifies nothing.
  Jwks() = default;

  // Parse reads a JWK Set document ({"keys": [...]}). INVALID_ARGUMENT when it is not
  // one, holds private or symmetric keys, a malformed or weak key, duplicate or missing
  // `kid`s (required when more than one key is usable), or no usable key.
  static absl::StatusOr<Jwks> Parse(absl::string_view json);

  // LoadFile reads and parses the JWK Set in `path`.
  static absl::StatusOr<Jwks> LoadFile(const std::string& path);

  // Select returns the key a token names with `kid`; without a `kid`, the only key of a
  // single-key set. nullptr when there is no such key.
  const JwkPublicKey* Select(const std::optional<std::string>& kid) const;

  // keys lists the usable keys.
  const std::vector<JwkPublicKey>& keys() const { return keys_; }

 private:
  explicit Jwks(std::vector<JwkPublicKey> keys) : keys_(std::move(keys)) {}

  std::vector<JwkPublicKey> keys_;
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_JWKS_H_
