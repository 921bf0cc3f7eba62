// pg_audit_repository.h — AuditRepository on PostgreSQL (npsd.audit_events).
#ifndef NPSD_STORAGE_PG_PG_AUDIT_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_AUDIT_REPOSITORY_H_

#include "storage/audit_repository.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// PgAuditRepository reads npsd.audit_events.
class PgAuditRepository final : public AuditRepository {
 public:
  // PgAuditRepository uses connections of `pool`, which must outlive it.
  explicit PgAuditRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<Page<StoredAuditEvent>> ListAuditEvents(const std::string& tenant_id, const AuditFilter& filter,
                                                         const PageRequest& page, absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_AUDIT_REPOSITORY_H_
