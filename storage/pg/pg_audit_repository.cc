// pg_audit_repository.cc — audit trail pages.
#include "storage/pg/pg_audit_repository.h"

#include "storage/pg/field_conversions.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

StoredAuditEvent EventFromRow(const pqxx::row& row) {
  StoredAuditEvent stored;
  stored.id = row[0].as<std::string>();
  stored.event_time = TimeField(row[1]);
  stored.event.actor = row[2].as<std::string>();
  stored.event.action = row[3].as<std::string>();
  stored.event.target_id = row[4].as<std::string>();
  stored.event.outcome = row[5].as<std::string>();
  const std::vector<std::string> keys = TextArrayField(row[6]);
  const std::vector<std::string> values = TextArrayField(row[7]);
  for (size_t i = 0; i < keys.size() && i < values.size(); ++i) stored.event.details[keys[i]] = values[i];
  return stored;
}

}  // namespace

absl::StatusOr<Page<StoredAuditEvent>> PgAuditRepository::ListAuditEvents(const std::string& tenant_id,
                                                                          const AuditFilter& filter,
                                                                          const PageRequest& page,
                                                                          absl::Time deadline) {
  return RunTransaction<Page<StoredAuditEvent>>(pool_, TenantScope(tenant_id, deadline),
                                                [&](pqxx::work& txn) -> absl::StatusOr<Page<StoredAuditEvent>> {
    const pqxx::result rows = txn.exec_params(
        "SELECT event_id::text, npsd.to_micros(event_time), actor, action, target_id, outcome,"
        " ARRAY(SELECT key FROM jsonb_each_text(details) ORDER BY key),"
        " ARRAY(SELECT value FROM jsonb_each_text(details) ORDER BY key)"
        " FROM npsd.audit_events WHERE tenant_id = $1::uuid AND action LIKE $2 || '%'"
        " AND ($3::bigint IS NULL OR event_time >= npsd.from_micros($3))"
        " AND ($4::bigint IS NULL OR event_time < npsd.from_micros($4))"
        " AND ($5::bigint IS NULL OR (event_time, event_id) > (npsd.from_micros($5), $6::uuid))"
        " ORDER BY event_time, event_id LIMIT $7",
        tenant_id, EscapeLike(filter.action_prefix), OptionalMicros(filter.after), OptionalMicros(filter.before),
        CursorMicros(page),
        CursorId(page), page.size + 1);
    std::vector<StoredAuditEvent> events;
    for (const auto& row : rows) events.push_back(EventFromRow(row));
    return MakePage(std::move(events), page.size, [](const StoredAuditEvent& last) {
      return domain::PageCursor{last.event_time, last.id};
    });
  });
}

}  // namespace npsd::storage::pg
