// api_key.h — a tenant's API key: its metadata and lifecycle.
//
// The secret itself never reaches this layer (see auth/api_key_token.h); an ApiKey is
// what the tenant may read about its keys.
#ifndef NPSD_DOMAIN_API_KEY_H_
#define NPSD_DOMAIN_API_KEY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "domain/scope.h"

namespace npsd::domain {

// ApiKeyState is derived from an ApiKey's times.
enum class ApiKeyState { kActive, kExpired, kRevoked };

// ApiKey is a tenant credential's metadata.
struct ApiKey {
  std::string id;         // canonical UUID
  std::string tenant_id;  // canonical UUID
  std::string display_name;
  ScopeSet scopes;
  absl::Time create_time;
  std::optional<absl::Time> expire_time;
  std::optional<absl::Time> revoke_time;
};

// NewApiKey is what a caller asks for when creating a key.
struct NewApiKey {
  std::string display_name;
  std::vector<Scope> scopes;
  std::optional<absl::Time> expire_time;
};

// ApiKeyStateAt returns the key's state at `now`: revoked wins over expired.
ApiKeyState ApiKeyStateAt(const ApiKey& key, absl::Time now);

// ValidateNewApiKey checks a key to create at `now`; field paths start with "api_key.".
absl::Status ValidateNewApiKey(const NewApiKey& key, absl::Time now);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_API_KEY_H_
