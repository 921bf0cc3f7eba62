// audit_trail.h — appending to a tenant's audit trail (npsd.audit_events).
//
// Events are written in the transaction of the change they describe, so the trail
// holds exactly what was committed:
//
//   AppendAuditEvent(txn, tenant_id, {actor, "privacy.erasure", request_id, "COMPLETED", {}});
#ifndef NPSD_STORAGE_PG_AUDIT_TRAIL_H_
#define NPSD_STORAGE_PG_AUDIT_TRAIL_H_

#include <string>

#include <pqxx/pqxx>

#include "domain/audit_event.h"

namespace npsd::storage::pg {

// AppendAuditEvent records `event` for `tenant_id`; its details become a JSON object of
// strings.
void AppendAuditEvent(pqxx::work& txn, const std::string& tenant_id, const domain::AuditEvent& event);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_AUDIT_TRAIL_H_
