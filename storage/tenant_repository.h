// tenant_repository.h — persistence of tenants.
//
// Every method takes the call's deadline; implementations give up with
// DEADLINE_EXCEEDED once it has passed and cancel the database work in flight.
#ifndef NPSD_STORAGE_TENANT_REPOSITORY_H_
#define NPSD_STORAGE_TENANT_REPOSITORY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/tenant.h"
#include "storage/page.h"

namespace npsd::storage {

// TenantRepository stores tenants.
class TenantRepository {
 public:
  virtual ~TenantRepository() = default;

  // CreateTenant inserts `tenant`; the id, version and times are assigned by the store.
  virtual absl::StatusOr<domain::Tenant> CreateTenant(const domain::Tenant& tenant,
                                                      absl::Time deadline) = 0;

  // GetTenant returns the tenant `tenant_id`, or NOT_FOUND.
  virtual absl::StatusOr<domain::Tenant> GetTenant(const std::string& tenant_id,
                                                   absl::Time deadline) = 0;

  // ListAllTenants pages through every tenant by creation time. Operator use only.
  virtual absl::StatusOr<Page<domain::Tenant>> ListAllTenants(const PageRequest& page,
                                                              absl::Time deadline) = 0;

  // UpdateTenant applies `patch` atomically (see domain::ApplyTenantPatch), records the
  // change in the audit trail as done by `actor`, and returns the updated tenant;
  // NOT_FOUND, ABORTED (stale version) or INVALID_ARGUMENT.
  virtual absl::StatusOr<domain::Tenant> UpdateTenant(const std::string& tenant_id,
                                                      const domain::TenantPatch& patch,
                                                      const std::string& actor, absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_TENANT_REPOSITORY_H_
