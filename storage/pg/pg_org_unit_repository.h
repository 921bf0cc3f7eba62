// pg_org_unit_repository.h — OrgUnitRepository on PostgreSQL.
#ifndef NPSD_STORAGE_PG_PG_ORG_UNIT_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_ORG_UNIT_REPOSITORY_H_

#include "storage/org_unit_repository.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// PgOrgUnitRepository stores the catalogue in npsd.org_units. Every write takes a
// transaction-scoped advisory lock on (tenant, kind) before it reads the hierarchy, so
// writes to one tenant's regions (or business units) run one at a time.
class PgOrgUnitRepository final : public OrgUnitRepository {
 public:
  // PgOrgUnitRepository uses connections of `pool`, which must outlive it.
  explicit PgOrgUnitRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<domain::OrgUnit> CreateOrgUnit(const std::string& tenant_id,
                                                const domain::OrgUnit& unit,
                                                absl::Time deadline) override;
  absl::StatusOr<domain::OrgUnit> GetOrgUnit(const std::string& tenant_id,
                                             const std::string& unit_id,
                                             absl::Time deadline) override;
  absl::StatusOr<Page<domain::OrgUnit>> ListOrgUnits(const std::string& tenant_id,
                                                     const domain::OrgUnitFilter& filter,
                                                     const PageRequest& page,
                                                     absl::Time deadline) override;
  absl::StatusOr<domain::OrgUnit> UpdateOrgUnit(const std::string& tenant_id,
                                                const std::string& unit_id,
                                                const domain::OrgUnitPatch& patch,
                                                absl::Time deadline) override;
  absl::StatusOr<domain::OrgUnit> SetOrgUnitArchived(const std::string& tenant_id,
                                                     const std::string& unit_id, bool archived,
                                                     std::optional<int64_t> expected_version,
                                                     absl::Time deadline) override;
  absl::StatusOr<std::vector<std::string>> SelfAndDescendantCodes(const std::string& tenant_id,
                                                                  domain::OrgUnitKind kind,
                                                                  const std::string& code,
                                                                  absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_ORG_UNIT_REPOSITORY_H_
