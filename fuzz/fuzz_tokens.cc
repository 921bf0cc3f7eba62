// fuzz_tokens.cc — libFuzzer target: bearer tokens from unauthenticated callers.
//
// Each input is tried as an API key token, as a JWT against a fixed set of issuers, and
// as the claims of a JWT correctly signed by a trusted key (so the claim checks behind
// the signature are reached as well). Anything accepted must name a canonical tenant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/time/time.h"
#include "auth/api_key_token.h"
#include "auth/jwt_verifier.h"
#include "domain/uuid.h"
#include "tests/support/jwt_test_keys.h"

namespace {

using npsd::auth::Jwks;
using npsd::auth::JwtIssuer;
using npsd::auth::JwtVerifier;

// The public key of RFC 7515 Appendix A.3, whose example JWS is a seed.
constexpr char kRfcEcJwks[] =
    R"({"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
    R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})";

// Fixture holds the trusted key and the verifier, made once per process.
struct Fixture {
  npsd::testing::TestSigningKey key = npsd::testing::TestSigningKey::GenerateEs256("fuzz");
  JwtVerifier verifier{{JwtIssuer{"joe", "npsd", "npsd_tenant", Load(kRfcEcJwks)},
                        JwtIssuer{"https://fuzz.example/", "npsd", "npsd_tenant",
                                  Load(npsd::testing::JwksDocument({key.PublicJwk()}))}},
                       npsd::auth::kDefaultJwtLeeway,
                       [] { return absl::FromUnixSeconds(1300819300); }};

  static Jwks Load(const std::string& json) {
    absl::StatusOr<Jwks> keys = Jwks::Parse(json);
    if (!keys.ok()) std::abort();
    return *std::move(keys);
  }
};

// CheckAccepted aborts when an accepted token names a tenant in a non-canonical form.
void CheckAccepted(const absl::StatusOr<npsd::auth::JwtIdentity>& identity) {
  if (!identity.ok()) return;
  std::optional<std::string> canonical = npsd::domain::CanonicalUuid(identity->tenant_id);
  if (!canonical.has_value() || *canonical != identity->tenant_id || identity->subject.empty()) std::abort();
}

}  // namespace

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture* fixture = new Fixture();
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::optional<npsd::auth::ApiKeyToken> api_key = npsd::auth::ParseApiKeyToken(input);
  if (api_key.has_value() && (!npsd::domain::CanonicalUuid(api_key->tenant_id) || npsd::auth::LooksLikeJwt(input))) {
    std::abort();
  }
  CheckAccepted(fixture->verifier.Verify(input));
  CheckAccepted(fixture->verifier.Verify(fixture->key.Mint(input)));
  return 0;
}
