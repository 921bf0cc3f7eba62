// authenticator.cc — bearer credential checks.
#include "auth/authenticator.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "auth/api_key_token.h"
#include "crypto/digest.h"

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

}  // namespace

CredentialAuthenticator::CredentialAuthenticator(std::optional<std::string> operator_token,
                                                 storage::ApiKeyRepository& keys,
                                                 std::function<absl::Time()> clock)
    : keys_(keys), clock_(std::move(clock)) {
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
  return AuthenticateApiKey(*token, deadline);
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
    return InvalidCredential();
  }
  if (domain::ApiKeyStateAt(credential->key, clock_()) != domain::ApiKeyState::kActive) {
    return absl::UnauthenticatedError("the API key is revoked or expired");
  }
  if (credential->tenant_state == domain::TenantState::kSuspended) {
    return absl::PermissionDeniedError("the tenant is suspended");
  }
  return Principal{Principal::Kind::kTenant, credential->key.tenant_id, credential->key.scopes,
                   credential->key.id};
}

}  // namespace npsd::auth
