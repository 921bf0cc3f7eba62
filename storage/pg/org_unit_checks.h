// org_unit_checks.h — checks of catalogue codes inside another repository's transaction.
//
// Campaigns and responses reference regions, brands and business units by code. A
// repository that stores such a reference checks it in its own transaction, which must
// run in the tenant's context (see transaction.h):
//
//   NPSD_RETURN_IF_ERROR(CheckOrgCode(txn, "REGION", scope.region_code, false,
//                                     "campaign.default_scope.region_code"));
#ifndef NPSD_STORAGE_PG_ORG_UNIT_CHECKS_H_
#define NPSD_STORAGE_PG_ORG_UNIT_CHECKS_H_

#include <string>

#include <pqxx/pqxx>

#include "absl/status/status.h"

namespace npsd::storage::pg {

// CheckOrgCode is OK when the transaction's tenant has a unit of `kind` (a stored kind
// name: "REGION", "BRAND" or "BUSINESS_UNIT") with `code`, and, unless `allow_archived`,
// that unit is not archived. Otherwise INVALID_ARGUMENT on `field_path`, the same for a
// code that is unknown and one of another tenant. The unit's row stays share-locked
// until the transaction ends, so it cannot be archived before the reference commits.
absl::Status CheckOrgCode(pqxx::work& txn, const std::string& kind, const std::string& code,
                          bool allow_archived, const std::string& field_path);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_ORG_UNIT_CHECKS_H_
