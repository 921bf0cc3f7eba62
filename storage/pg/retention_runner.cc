// retention_runner.cc — every tenant's retention under a cluster-wide advisory lock.
#include "storage/pg/retention_runner.h"

#include <memory>

#include <pqxx/pqxx>

#include "domain/audit_event.h"
#include "domain/status_macros.h"
#include "storage/pg/error_mapping.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

// TryLock opens a connection and takes the runners' advisory lock on it; the lock lasts
// as long as the connection. nullptr when another session holds the lock.
absl::StatusOr<std::unique_ptr<pqxx::connection>> TryLock(const std::string& database_url) {
  try {
    auto connection = std::make_unique<pqxx::connection>(database_url);
    pqxx::nontransaction txn(*connection);
    if (!txn.exec_params1("SELECT pg_try_advisory_lock($1)", RetentionRunner::kLockKey)[0].as<bool>()) {
      return nullptr;
    }
    return connection;
  } catch (const std::exception& error) {
    return StatusFromException(error);
  }
}

// ListTenants lists every tenant, with the operator's read access to the registry.
absl::StatusOr<std::vector<std::string>> ListTenants(ConnectionPool& pool, absl::Time deadline) {
  return RunTransaction<std::vector<std::string>>(pool, TransactionScope{"", true, deadline}, [](pqxx::work& txn) {
    std::vector<std::string> ids;
    for (const auto& row : txn.exec("SELECT tenant_id::text FROM npsd.tenants ORDER BY tenant_id")) {
      ids.push_back(row[0].as<std::string>());
    }
    return absl::StatusOr<std::vector<std::string>>(std::move(ids));
  });
}

}  // namespace

absl::StatusOr<RetentionRunReport> RetentionRunner::RunAll(absl::Time now) {
  NPSD_ASSIGN_OR_RETURN(std::unique_ptr<pqxx::connection> lock, TryLock(options_.database_url));
  if (lock == nullptr) return RetentionRunReport{};
  NPSD_ASSIGN_OR_RETURN(std::vector<std::string> tenant_ids, ListTenants(pool_, Deadline()));
  return RunLocked(tenant_ids, now);
}

absl::StatusOr<RetentionRunReport> RetentionRunner::RunTenant(const std::string& tenant_id, absl::Time now) {
  NPSD_ASSIGN_OR_RETURN(std::unique_ptr<pqxx::connection> lock, TryLock(options_.database_url));
  if (lock == nullptr) return RetentionRunReport{};
  return RunLocked({tenant_id}, now);
}

RetentionRunReport RetentionRunner::RunLocked(const std::vector<std::string>& tenant_ids, absl::Time now) {
  RetentionRunReport report;
  report.ran = true;
  for (const std::string& tenant_id : tenant_ids) {
    if (stopping_) break;
    bool applies = false;
    RetentionRun totals;
    const absl::Status status = RunOneTenant(tenant_id, now, applies, totals);
    if (!applies && status.ok()) continue;
    const absl::Status audited = retention_.Audit(tenant_id, domain::kRetentionActor, totals, status);
    ++report.tenants;
    if (!status.ok() || !audited.ok()) ++report.tenants_failed;
    report.responses_deleted += totals.responses_deleted;
    report.responses_anonymized += totals.responses_anonymized;
    report.subjects_deleted += totals.subjects_deleted;
  }
  return report;
}

absl::Status RetentionRunner::RunOneTenant(const std::string& tenant_id, absl::Time now, bool& applies,
                                           RetentionRun& totals) {
  NPSD_ASSIGN_OR_RETURN(TenantRetention::Plan plan, retention_.PlanRun(tenant_id, now, Deadline()));
  applies = plan.applies();
  return retention_.Apply(tenant_id, plan, {absl::InfiniteFuture(), [this] { return stopping_.load(); }}, totals);
}

}  // namespace npsd::storage::pg
