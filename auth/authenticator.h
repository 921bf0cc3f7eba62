// authenticator.h — turns a call's `authorization` metadata into a Principal.
//
// Accepted: `Bearer <operator credential>` (configured at start-up),
// `Bearer <API key token>` (see api_key_token.h) and, when a JwtVerifier is configured,
// `Bearer <JWT>` from a trusted SSO issuer (see jwt_verifier.h). Errors: UNAUTHENTICATED
// for a missing, malformed, unknown, revoked or expired credential or a JWT naming an
// unknown tenant; PERMISSION_DENIED for a suspended tenant; UNAVAILABLE when the key
// store cannot be reached. Messages never contain the credential.
#ifndef NPSD_AUTH_AUTHENTICATOR_H_
#define NPSD_AUTH_AUTHENTICATOR_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auth/jwt_verifier.h"
#include "auth/api_key_token.h"
#include "auth/failure_throttle.h"
#include "auth/principal.h"
#include "storage/api_key_repository.h"
#include "storage/tenant_repository.h"

namespace npsd::auth {

// Authenticator authenticates calls.
class Authenticator {
 public:
  virtual ~Authenticator() = default;

  // Authenticate checks the value of the `authorization` header (nullopt when absent).
  virtual absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& authorization,
                                                 absl::Time deadline) = 0;
};

// CredentialAuthenticator accepts the operator credential, tenant API keys and JWTs.
class CredentialAuthenticator final : public Authenticator {
 public:
  // CredentialAuthenticator checks keys in `keys` (which must outlive it); without an
  // `operator_token` no call authenticates as the operator. It accepts no JWT.
  CredentialAuthenticator(std::optional<std::string> operator_token,
                          storage::ApiKeyRepository& keys,
                          std::function<absl::Time()> clock = absl::Now);

  // CredentialAuthenticator also accepts JWTs that `jwt` verifies (nullptr: none) for
  // tenants that exist in `tenants` and are active. Both must outlive it.
  CredentialAuthenticator(std::optional<std::string> operator_token,
                          storage::ApiKeyRepository& keys, const JwtVerifier* jwt,
                          storage::TenantRepository* tenants,
                          std::function<absl::Time()> clock = absl::Now);

  absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& authorization,
                                         absl::Time deadline) override;

 private:
  absl::StatusOr<Principal> AuthenticateApiKey(const std::string& token, absl::Time deadline);
  absl::StatusOr<Principal> AuthenticateJwt(const std::string& token, absl::Time deadline);
  // RecordRefusal writes a refused key to its tenant's audit trail (throttled, best
  // effort: a failure to record never changes the answer).
  void RecordRefusal(const ApiKeyToken& token, const char* reason, absl::Time deadline);

  std::optional<std::string> operator_token_hash_;
  storage::ApiKeyRepository& keys_;
  const JwtVerifier* jwt_ = nullptr;
  storage::TenantRepository* tenants_ = nullptr;
  std::function<absl::Time()> clock_;
  FailureThrottle refusals_;
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_AUTHENTICATOR_H_
