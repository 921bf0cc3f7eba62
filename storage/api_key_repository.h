// api_key_repository.h — persistence of API keys: metadata and the secret's hash only.
#ifndef NPSD_STORAGE_API_KEY_REPOSITORY_H_
#define NPSD_STORAGE_API_KEY_REPOSITORY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/api_key.h"
#include "domain/tenant.h"
#include "storage/page.h"

namespace npsd::storage {

// ApiKeyCredential is what authentication needs to check a presented key.
struct ApiKeyCredential {
  domain::ApiKey key;
  std::string secret_sha256;  // 32 raw bytes
  domain::TenantState tenant_state = domain::TenantState::kActive;
};

// ApiKeyRepository stores the API keys of tenants. Every method acts within the
// tenant `tenant_id` only: keys of other tenants are invisible (NOT_FOUND).
class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;

  // CreateApiKey stores a new key whose secret hashes to `secret_sha256` and records
  // it in the audit trail as done by `actor`; NOT_FOUND when the tenant does not exist.
  virtual absl::StatusOr<domain::ApiKey> CreateApiKey(const std::string& tenant_id,
                                                      const domain::NewApiKey& key,
                                                      const std::string& secret_sha256,
                                                      const std::string& actor, absl::Time deadline) = 0;

  // ListApiKeys pages through the tenant's keys by creation time.
  virtual absl::StatusOr<Page<domain::ApiKey>> ListApiKeys(const std::string& tenant_id,
                                                           const PageRequest& page,
                                                           absl::Time deadline) = 0;

  // RevokeApiKey marks the key revoked (keeping the first revoke time), records it in
  // the audit trail as done by `actor`, and returns it.
  virtual absl::StatusOr<domain::ApiKey> RevokeApiKey(const std::string& tenant_id,
                                                      const std::string& api_key_id,
                                                      const std::string& actor, absl::Time deadline) = 0;

  // RecordAuthenticationFailure adds to the tenant's audit trail that key `api_key_id`
  // was presented and refused for `reason` (a fixed word, never the credential).
  virtual absl::Status RecordAuthenticationFailure(const std::string& tenant_id, const std::string& api_key_id,
                                                   const std::string& reason, absl::Time deadline) = 0;

  // FindCredential returns the key `api_key_id` of `tenant_id` with its secret hash and
  // the tenant's state, or NOT_FOUND.
  virtual absl::StatusOr<ApiKeyCredential> FindCredential(const std::string& tenant_id,
                                                          const std::string& api_key_id,
                                                          absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_API_KEY_REPOSITORY_H_
