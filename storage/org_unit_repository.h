// org_unit_repository.h — persistence of the organization catalogue.
//
// Every method acts within one tenant (the caller's, from its credential) and takes the
// call's deadline. A unit of another tenant is NOT_FOUND, exactly like a missing one.
// Changes to the hierarchy of one tenant and kind are serialized, so concurrent updates
// cannot create a cycle or give an archived unit an active child.
#ifndef NPSD_STORAGE_ORG_UNIT_REPOSITORY_H_
#define NPSD_STORAGE_ORG_UNIT_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/org_unit.h"
#include "storage/page.h"

namespace npsd::storage {

// OrgUnitRepository stores regions, brands and business units.
class OrgUnitRepository {
 public:
  virtual ~OrgUnitRepository() = default;

  // CreateOrgUnit inserts `unit` (validated by domain::ValidateNewOrgUnit); the id,
  // version and times are assigned by the store. ALREADY_EXISTS when the tenant has a
  // unit of that kind and code; INVALID_ARGUMENT on `org_unit.parent_code` when the
  // parent is unknown or archived.
  virtual absl::StatusOr<domain::OrgUnit> CreateOrgUnit(const std::string& tenant_id,
                                                        const domain::OrgUnit& unit,
                                                        absl::Time deadline) = 0;

  // GetOrgUnit returns the unit `unit_id`, or NOT_FOUND.
  virtual absl::StatusOr<domain::OrgUnit> GetOrgUnit(const std::string& tenant_id,
                                                     const std::string& unit_id,
                                                     absl::Time deadline) = 0;

  // ListOrgUnits pages through the units matching `filter`, oldest first.
  virtual absl::StatusOr<Page<domain::OrgUnit>> ListOrgUnits(const std::string& tenant_id,
                                                             const domain::OrgUnitFilter& filter,
                                                             const PageRequest& page,
                                                             absl::Time deadline) = 0;

  // UpdateOrgUnit applies `patch` atomically (see domain::ApplyOrgUnitPatch and
  // domain::CheckParent) and returns the updated unit; NOT_FOUND, ABORTED (stale
  // version) or INVALID_ARGUMENT (values, unknown or archived parent, cycle).
  virtual absl::StatusOr<domain::OrgUnit> UpdateOrgUnit(const std::string& tenant_id,
                                                        const std::string& unit_id,
                                                        const domain::OrgUnitPatch& patch,
                                                        absl::Time deadline) = 0;

  // SetOrgUnitArchived archives or restores the unit (see domain::ApplyArchived);
  // NOT_FOUND, ABORTED (stale `expected_version`) or FAILED_PRECONDITION (active
  // children, archived parent). Setting the state it already has changes nothing.
  virtual absl::StatusOr<domain::OrgUnit> SetOrgUnitArchived(const std::string& tenant_id,
                                                             const std::string& unit_id,
                                                             bool archived,
                                                             std::optional<int64_t> expected_version,
                                                             absl::Time deadline) = 0;

  // SelfAndDescendantCodes returns `code` and the codes of every unit below it (archived
  // ones included: they still hold historical data), sorted; NOT_FOUND when the tenant
  // has no unit of that kind and code. Campaign scopes and analytics use it to roll a
  // region up over its sub-regions.
  virtual absl::StatusOr<std::vector<std::string>> SelfAndDescendantCodes(
      const std::string& tenant_id, domain::OrgUnitKind kind, const std::string& code,
      absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_ORG_UNIT_REPOSITORY_H_
