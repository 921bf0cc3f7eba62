// pg_campaign_repository.h — CampaignRepository on PostgreSQL.
#ifndef NPSD_STORAGE_PG_PG_CAMPAIGN_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_CAMPAIGN_REPOSITORY_H_

#include <map>
#include <vector>

#include <pqxx/pqxx>

#include "storage/campaign_repository.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// PgCampaignRepository stores campaigns in npsd.campaigns.
class PgCampaignRepository final : public CampaignRepository {
 public:
  // PgCampaignRepository uses connections of `pool`, which must outlive it.
  explicit PgCampaignRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<domain::Campaign> CreateCampaign(const std::string& tenant_id,
                                                  const domain::Campaign& campaign,
                                                  absl::Time deadline) override;
  absl::StatusOr<domain::Campaign> GetCampaign(const std::string& tenant_id,
                                               const std::string& campaign_id,
                                               absl::Time deadline) override;
  absl::StatusOr<Page<domain::Campaign>> ListCampaigns(const std::string& tenant_id,
                                                       const CampaignFilter& filter,
                                                       const PageRequest& page,
                                                       absl::Time deadline) override;
  absl::StatusOr<domain::Campaign> UpdateCampaign(const std::string& tenant_id,
                                                  const std::string& campaign_id,
                                                  const domain::CampaignPatch& patch,
                                                  absl::Time deadline) override;
  absl::StatusOr<domain::Campaign> TransitionCampaign(const std::string& tenant_id,
                                                      const std::string& campaign_id,
                                                      domain::CampaignAction action,
                                                      std::optional<int64_t> expected_version,
                                                      absl::Time now, absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

// SelectCampaign reads one campaign inside an existing transaction (FOR UPDATE when
// `lock`), or NOT_FOUND; ingestion uses it to check responses against their campaign.
absl::StatusOr<domain::Campaign> SelectCampaign(pqxx::work& txn, const std::string& campaign_id,
                                                bool lock);

// SelectCampaignsSql is a query for the campaign rows `source` yields: a table, or a
// function returning npsd.campaigns rows (ingestion reads a batch's campaigns through
// npsd.open_ingestion_batch); CampaignsById reads its rows.
std::string SelectCampaignsSql(const std::string& source);

// CampaignsById holds the campaigns of SelectCampaignsSql's rows by id.
std::map<std::string, domain::Campaign> CampaignsById(const pqxx::result& rows);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_CAMPAIGN_REPOSITORY_H_
