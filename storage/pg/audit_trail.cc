// audit_trail.cc — audit event inserts.
#include "storage/pg/audit_trail.h"

#include <vector>

#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

void AppendAuditEvent(pqxx::work& txn, const std::string& tenant_id, const domain::AuditEvent& event) {
  std::vector<std::string> keys, values;
  for (const auto& [key, value] : event.details) {
    keys.push_back(key);
    values.push_back(value);
  }
  txn.exec_params(
      "INSERT INTO npsd.audit_events (tenant_id, actor, action, target_id, outcome, details)"
      " VALUES ($1::uuid, $2, $3, $4, $5, jsonb_object($6::text[], $7::text[]))",
      tenant_id, event.actor, event.action, event.target_id, event.outcome, TextArrayLiteral(keys),
      TextArrayLiteral(values));
}

}  // namespace npsd::storage::pg
