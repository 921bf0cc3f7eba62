// authenticator.h — turns a call's `authorization` metadata into a Principal.
//
// Accepted: `Bearer <operator credential>` (configured at start-up) and
// `Bearer <API key token>` (see api_key_token.h). Errors: UNAUTHENTICATED for a missing,
// malformed, unknown, revoked or expired credential; PERMISSION_DENIED for a suspended
// tenant; UNAVAILABLE when the key store cannot be reached. Messages never contain the
// credential.
#ifndef NPSD_AUTH_AUTHENTICATOR_H_
#define NPSD_AUTH_AUTHENTICATOR_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auth/principal.h"
#include "storage/api_key_repository.h"

namespace npsd::auth {

// Authenticator authenticates calls.
class Authenticator {
 public:
  virtual ~Authenticator() = default;

  // Authenticate checks the value of the `authorization` header (nullopt when absent).
  virtual absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& authorization,
                                                 absl::Time deadline) = 0;
};

// CredentialAuthenticator accepts the operator credential and tenant API keys.
class CredentialAuthenticator final : public Authenticator {
 public:
  // CredentialAuthenticator checks keys in `keys` (which must outlive it); without an
  // `operator_token` no call authenticates as the operator.
  CredentialAuthenticator(std::optional<std::string> operator_token,
                          storage::ApiKeyRepository& keys,
                          std::function<absl::Time()> clock = absl::Now);

  absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& authorization,
                                         absl::Time deadline) override;

 private:
  absl::StatusOr<Principal> AuthenticateApiKey(const std::string& token, absl::Time deadline);

  std::optional<std::string> operator_token_hash_;
  storage::ApiKeyRepository& keys_;
  std::function<absl::Time()> clock_;
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_AUTHENTICATOR_H_
