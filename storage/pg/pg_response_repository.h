// pg_response_repository.h — ResponseRepository on PostgreSQL.
#ifndef NPSD_STORAGE_PG_PG_RESPONSE_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_RESPONSE_REPOSITORY_H_

#include "privacy/personal_data_cipher.h"
#include "storage/pg/connection_pool.h"
#include "storage/response_repository.h"

namespace npsd::storage::pg {

// PgResponseRepository reads npsd.responses, decrypting comments.
class PgResponseRepository final : public ResponseRepository {
 public:
  // PgResponseRepository uses `pool` and `cipher`, which must outlive it.
  PgResponseRepository(ConnectionPool& pool, const privacy::PersonalDataCipher& cipher)
      : pool_(pool), cipher_(cipher) {}

  absl::StatusOr<StoredResponse> GetResponse(const std::string& tenant_id, const std::string& response_id,
                                             absl::Time deadline) override;
  absl::StatusOr<Page<StoredResponse>> ListResponses(const std::string& tenant_id, const ResponseFilter& filter,
                                                     const PageRequest& page, absl::Time deadline) override;
  absl::StatusOr<domain::EligibilityFacts> GetEligibilityFacts(
      const std::string& tenant_id, const std::string& campaign_id,
      const std::vector<domain::NormalizedIdentifier>& identifiers, absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
  const privacy::PersonalDataCipher& cipher_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_RESPONSE_REPOSITORY_H_
