// pg_api_key_repository.h — ApiKeyRepository on PostgreSQL.
#ifndef NPSD_STORAGE_PG_PG_API_KEY_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_API_KEY_REPOSITORY_H_

#include "storage/api_key_repository.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// PgApiKeyRepository stores API keys in npsd.api_keys.
class PgApiKeyRepository final : public ApiKeyRepository {
 public:
  // PgApiKeyRepository uses connections of `pool`, which must outlive it.
  explicit PgApiKeyRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<domain::ApiKey> CreateApiKey(const std::string& tenant_id,
                                              const domain::NewApiKey& key,
                                              const std::string& secret_sha256, const std::string& actor,
                                              absl::Time deadline) override;
  absl::StatusOr<Page<domain::ApiKey>> ListApiKeys(const std::string& tenant_id,
                                                   const PageRequest& page,
                                                   absl::Time deadline) override;
  absl::StatusOr<domain::ApiKey> RevokeApiKey(const std::string& tenant_id,
                                              const std::string& api_key_id, const std::string& actor,
                                              absl::Time deadline) override;
  absl::Status RecordAuthenticationFailure(const std::string& tenant_id, const std::string& api_key_id,
                                           const std::string& reason, absl::Time deadline) override;
  absl::StatusOr<ApiKeyCredential> FindCredential(const std::string& tenant_id,
                                                  const std::string& api_key_id,
                                                  absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_API_KEY_REPOSITORY_H_
