// jwt_test_keys.h — signing keys made at test time, to mint JWTs as an SSO issuer would.
//
// Keys are generated with OpenSSL when a test asks for them; nothing secret is checked
// into the repository:
//
//   TestSigningKey key = TestSigningKey::GenerateEs256("ec-1");
//   std::string jwks = JwksDocument({key.PublicJwk()});
//   std::string token = key.Mint(R"({"iss":"https://idp.example", ...})");
#ifndef NPSD_TESTS_SUPPORT_JWT_TEST_KEYS_H_
#define NPSD_TESTS_SUPPORT_JWT_TEST_KEYS_H_

#include <openssl/types.h>

#include <memory>
#include <string>
#include <vector>

namespace npsd::testing {

// TestSigningKey is a private key of an RS256 or ES256 issuer.
class TestSigningKey {
 public:
  // GenerateRs256 makes a fresh RSA 2048 key; GenerateEs256 a fresh P-256 key. Both
  // abort the test program if OpenSSL fails.
  static TestSigningKey GenerateRs256(const std::string& kid);
  static TestSigningKey GenerateEs256(const std::string& kid);

  // kid returns the key id; alg "RS256" or "ES256".
  const std::string& kid() const { return kid_; }
  const std::string& alg() const { return alg_; }

  // PublicJwk returns the public key as a JWK object with `kid` and `alg`.
  std::string PublicJwk() const;

  // PublicKeyPem returns the public key in PEM (SubjectPublicKeyInfo) form.
  std::string PublicKeyPem() const;

  // Sign returns the JWS signature of `signing_input` (raw r||s for ES256).
  std::string Sign(const std::string& signing_input) const;

  // Mint returns a compact JWS of `claims_json` with header {"alg", "kid", "typ":"JWT"}.
  std::string Mint(const std::string& claims_json) const;

  // MintWithHeader returns a compact JWS of `claims_json` under `header_json`, signed
  // with this key whatever the header says.
  std::string MintWithHeader(const std::string& header_json, const std::string& claims_json) const;

 private:
  TestSigningKey(std::string kid, std::string alg, std::shared_ptr<EVP_PKEY> key);

  std::string kid_;
  std::string alg_;
  std::shared_ptr<EVP_PKEY> key_;
};

// JwksDocument wraps JWK objects into a JWK Set document.
std::string JwksDocument(const std::vector<std::string>& jwks);

// CompactToken joins base64url(header).base64url(payload).base64url(signature).
std::string CompactToken(const std::string& header_json, const std::string& payload_json,
                         const std::string& signature);

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_JWT_TEST_KEYS_H_
