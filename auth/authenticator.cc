// authenticator.cc — bearer credential checks: operator, API keys and JWTs.
#include "auth/authenticator.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "auth/api_key_token.h"
#include "crypto/digest.h"
#include "domain/status_macros.h"

namespace npsd::auth {
namespace {

constexpr char kBearerPrefix[] = "bearer ";

absl::Status InvalidCredential() {
  return absl::UnauthenticatedError("the bearer credential is not valid");
}

// BearerToken extracts the token of "Bearer <token>" (the scheme is case-insensitive).
std::optional<std::string> BearerToken(const std::string& header) {
  if (header.size() <= sizeof(kBearerPrefix) - 1 ||
      !absl::StartsWithIgnoreCase(header, kBearerPrefix)) {
    return std::nullopt;
  }
  std::string token(absl::StripAsciiWhitespace(header.substr(sizeof(kBearerPrefix) - 1)));
  if (token.empty()) return std::nullopt;
  return token;
}

// JwtCredentialId names a JWT subject in audit records and rate limits without its
// `sub`, which may be personal data: "jwt:" + 32 hex digits of SHA-256(iss LF sub).
std::string JwtCredentialId(const JwtIdentity& identity) {
  return "jwt:" + crypto::HexEncode(crypto::Sha256(identity.issuer + "\n" + identity.subject)).substr(0, 32);
}

}  // namespace

CredentialAuthenticator::CredentialAuthenticator(std::optional<std::string> operator_token,
                                                 storage::ApiKeyRepository& keys,
                                                 std::function<absl::Time()> clock)
    : CredentialAuthenticator(std::move(operator_token), keys, nullptr, nullptr, std::move(clock)) {}

CredentialAuthenticator::CredentialAuthenticator(std::optional<std::string> operator_token,
                                                 storage::ApiKeyRepository& keys, const JwtVerifier* jwt,
                                                 storage::TenantRepository* tenants,
                                                 std::function<absl::Time()> clock)
    : keys_(keys), jwt_(jwt), tenants_(tenants), clock_(std::move(clock)) {
  if (operator_token.has_value() && !operator_token->empty()) {
    operator_token_hash_ = crypto::Sha256(*operator_token);
  }
}

absl::StatusOr<Principal> CredentialAuthenticator::Authenticate(
    const std::optional<std::string>& authorization, absl::Time deadline) {
  if (!authorization.has_value()) {
    return absl::UnauthenticatedError("missing `authorization: Bearer <token>` metadata");
  }
  std::optional<std::string> token = BearerToken(*authorization);
  if (!token.has_value()) {
    return absl::UnauthenticatedError("the authorization metadata must be `Bearer <token>`");
  }
  if (operator_token_hash_.has_value() &&
      crypto::ConstantTimeEquals(crypto::Sha256(*token), *operator_token_hash_)) {
    return Principal::Operator();
  }
  if (jwt_ != nullptr && tenants_ != nullptr && LooksLikeJwt(*token)) return AuthenticateJwt(*token, deadline);
  return AuthenticateApiKey(*token, deadline);
}

absl::StatusOr<Principal> CredentialAuthenticator::AuthenticateJwt(const std::string& token,
                                                                   absl::Time deadline) {
  NPSD_ASSIGN_OR_RETURN(JwtIdentity identity, jwt_->Verify(token));
  absl::StatusOr<domain::Tenant> tenant = tenants_->GetTenant(identity.tenant_id, deadline);
  if (absl::IsNotFound(tenant.status())) return InvalidCredential();
  if (!tenant.ok()) return tenant.status();
  if (tenant->state == domain::TenantState::kSuspended) {
    return absl::PermissionDeniedError("the tenant is suspended");
  }
  Principal principal{Principal::Kind::kTenant, identity.tenant_id, identity.scopes, JwtCredentialId(identity)};
  principal.expires = identity.expires;
  return principal;
}

void CredentialAuthenticator::RecordRefusal(const ApiKeyToken& token, const char* reason, absl::Time deadline) {
  if (!refusals_.ShouldRecord(token.key_id, clock_())) return;
  keys_.RecordAuthenticationFailure(token.tenant_id, token.key_id, reason, deadline).IgnoreError();
}

absl::StatusOr<Principal> CredentialAuthenticator::AuthenticateApiKey(const std::string& token,
                                                                      absl::Time deadline) {
  std::optional<ApiKeyToken> parsed = ParseApiKeyToken(token);
  if (!parsed.has_value()) return InvalidCredential();
  absl::StatusOr<storage::ApiKeyCredential> credential =
      keys_.FindCredential(parsed->tenant_id, parsed->key_id, deadline);
  if (absl::IsNotFound(credential.status())) return InvalidCredential();
  if (!credential.ok()) return credential.status();
  if (!crypto::ConstantTimeEquals(SecretHash(parsed->secret), credential->secret_sha256)) {
    RecordRefusal(*parsed, "wrong_secret", deadline);
    return InvalidCredential();
  }
  if (domain::ApiKeyStateAt(credential->key, clock_()) != domain::ApiKeyState::kActive) {
    RecordRefusal(*parsed, "revoked_or_expired", deadline);
    return absl::UnauthenticatedError("the API key is revoked or expired");
  }
  if (credential->tenant_state == domain::TenantState::kSuspended) {
    return absl::PermissionDeniedError("the tenant is suspended");
  }
  return Principal{Principal::Kind::kTenant, credential->key.tenant_id, credential->key.scopes,
                   credential->key.id};
}

}  // namespace npsd::auth
