// jwt_verifier.h — JWT bearer tokens (RFC 7519) from configured SSO issuers.
//
// A token is accepted only when all of this holds (RFC 8725):
//   * compact JWS of at most 8 KiB, three unpadded base64url segments, JSON header and
//     claims without duplicate names and nested at most 8 deep;
//   * its `iss` is a configured issuer, and its header names (by `kid`, or by nothing
//     when that issuer has a single key) a key of that issuer's JWKS whose algorithm is
//     exactly the header's `alg`: RS256 for RSA keys, ES256 for P-256 keys ("none",
//     HS256 and every other algorithm are refused);
//   * the header has no `crit` (no extension is understood) and no `jku`, `x5u`, `jwk`
//     or `x5c` (keys come from configuration only);
//   * the signature verifies; `aud` (string or array) holds the issuer's audience; `exp`
//     is present and not past, `nbf` not ahead and `iat` not in the future, each with
//     the configured leeway; `sub` is present;
//   * the issuer's tenant claim (default `npsd_tenant`) holds a tenant UUID.
// `scope` (space-separated) grants the npsd scopes it names; unknown names are ignored.
//
//   NPSD_ASSIGN_OR_RETURN(std::unique_ptr<JwtVerifier> verifier,
//                         LoadJwtVerifier("/etc/npsd/jwt-issuers.json", absl::Seconds(60)));
//   NPSD_ASSIGN_OR_RETURN(JwtIdentity identity, verifier->Verify(token));
//
// Every rejection is UNAUTHENTICATED with a message that never quotes the token.
#ifndef NPSD_AUTH_JWT_VERIFIER_H_
#define NPSD_AUTH_JWT_VERIFIER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auth/json_value.h"
#include "auth/jwks.h"
#include "domain/scope.h"

namespace npsd::auth {

// kMaxJwtBytes bounds the size of an accepted token.
inline constexpr size_t kMaxJwtBytes = 8 * 1024;

// kDefaultJwtLeeway is the default clock skew allowed on `exp`, `nbf` and `iat`.
inline constexpr absl::Duration kDefaultJwtLeeway = absl::Seconds(60);

// kDefaultTenantClaim is the default claim that names the caller's tenant.
inline constexpr char kDefaultTenantClaim[] = "npsd_tenant";

// LooksLikeJwt is true for a compact JWS shape: exactly two dots. API key tokens and
// the operator credential never contain one.
bool LooksLikeJwt(const std::string& token);

// CompactJws is a token split into its parts, with nothing verified yet.
struct CompactJws {
  std::string signing_input;  // "<header>.<payload>" as sent
  JsonValue header;           // the decoded protected header (a JSON object)
  std::string payload;        // the decoded payload bytes
  std::string signature;      // the decoded signature bytes
};

// ParseCompactJws splits and decodes `token`: UNAUTHENTICATED when it is too large, not
// three unpadded base64url segments, or its header is not a bounded JSON object.
absl::StatusOr<CompactJws> ParseCompactJws(const std::string& token);

// VerifyJwsSignature checks the header rules above against `keys` and verifies the
// signature; it does not look at the payload. UNAUTHENTICATED on any failure.
absl::Status VerifyJwsSignature(const CompactJws& jws, const Jwks& keys);

// JwtIssuer is one trusted token issuer.
struct JwtIssuer {
  std::string issuer;    // the exact `iss` value
  std::string audience;  // the value `aud` must hold
  std::string tenant_claim = kDefaultTenantClaim;
  Jwks keys;             // the issuer's verification keys
};

// JwtIdentity is what a verified token establishes.
struct JwtIdentity {
  std::string issuer;
  std::string subject;    // `sub`: may be personal data, never log it
  std::string tenant_id;  // canonical UUID
  domain::ScopeSet scopes;
  absl::Time expires;     // `exp`
};

// JwtVerifier verifies tokens from a fixed set of issuers. Thread-safe.
class JwtVerifier {
 public:
  // JwtVerifier trusts `issuers` (distinct `issuer` values), allowing `leeway` of clock
  // skew; `clock` gives the current time.
  explicit JwtVerifier(std::vector<JwtIssuer> issuers, absl::Duration leeway = kDefaultJwtLeeway,
                       std::function<absl::Time()> clock = absl::Now);

  // Verify checks `token` as described in the file comment.
  absl::StatusOr<JwtIdentity> Verify(const std::string& token) const;

 private:
  const JwtIssuer* FindIssuer(const std::string& issuer) const;

  std::vector<JwtIssuer> issuers_;
  absl::Duration leeway_;
  std::function<absl::Time()> clock_;
};

// LoadJwtVerifier reads the issuer configuration in `path`: a JSON array of
// {"issuer", "audience", "jwks_file", "tenant_claim" (optional)} objects; a relative
// `jwks_file` is relative to the configuration file's folder. INVALID_ARGUMENT for an
// unreadable or malformed file, an unknown member, a duplicate issuer, or a bad JWKS.
absl::StatusOr<std::unique_ptr<JwtVerifier>> LoadJwtVerifier(const std::string& path, absl::Duration leeway,
                                                             std::function<absl::Time()> clock = absl::Now);

}  // namespace npsd::auth

#endif  // NPSD_AUTH_JWT_VERIFIER_H_
