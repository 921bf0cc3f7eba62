// org_unit_checks.cc — catalogue code checks within a tenant transaction.
#include "storage/pg/org_unit_checks.h"

#include "domain/field_violation.h"
#include "domain/org_unit.h"

namespace npsd::storage::pg {

absl::Status CheckOrgCode(pqxx::work& txn, const std::string& kind, const std::string& code,
                          bool allow_archived, const std::string& field_path) {
  if (!domain::ParseOrgUnitKind(kind).has_value()) {
    return absl::InternalError("CheckOrgCode called with an unknown org unit kind");
  }
  const pqxx::result rows = txn.exec_params(
      "SELECT archived FROM npsd.org_units"
      " WHERE tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid"
      " AND kind = $1 AND code = $2 FOR SHARE",
      kind, code);
  if (rows.empty()) return domain::InvalidField(field_path, "does not name a unit of the catalogue");
  if (!allow_archived && rows[0][0].as<bool>()) {
    return domain::InvalidField(field_path, "names an archived unit");
  }
  return absl::OkStatus();
}

}  // namespace npsd::storage::pg
