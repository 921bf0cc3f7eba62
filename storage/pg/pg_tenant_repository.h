// pg_tenant_repository.h — TenantRepository on PostgreSQL.
#ifndef NPSD_STORAGE_PG_PG_TENANT_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_TENANT_REPOSITORY_H_

#include "storage/pg/connection_pool.h"
#include "storage/tenant_repository.h"

namespace npsd::storage::pg {

// PgTenantRepository stores tenants in npsd.tenants.
class PgTenantRepository final : public TenantRepository {
 public:
  // PgTenantRepository uses connections of `pool`, which must outlive it.
  explicit PgTenantRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<domain::Tenant> CreateTenant(const domain::Tenant& tenant,
                                              absl::Time deadline) override;
  absl::StatusOr<domain::Tenant> GetTenant(const std::string& tenant_id,
                                           absl::Time deadline) override;
  absl::StatusOr<Page<domain::Tenant>> ListAllTenants(const PageRequest& page,
                                                      absl::Time deadline) override;
  absl::StatusOr<domain::Tenant> UpdateTenant(const std::string& tenant_id,
                                              const domain::TenantPatch& patch, const std::string& actor,
                                              absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_TENANT_REPOSITORY_H_
