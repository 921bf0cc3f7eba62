// transaction.cc — tenant-scoped transactions with deadlines.
#include "storage/pg/transaction.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "storage/pg/error_mapping.h"

namespace npsd::storage::pg {
namespace {

// ApplyScope sets the tenant, the operator flag and the statement timeout for the
// rest of the transaction only (set_config's third argument). It also turns parallel
// query off: a request's statements read an index or the rollups and finish in
// milliseconds, and the two workers PostgreSQL started for the benchmark RPCs' rollup
// scans cost more than they saved and lengthened the tail (over 2M responses, p99
// GetScore 27-103 ms and CompareSegments 69-95 ms with them, 19-26 and 25-47 ms
// without, in alternating runs of the bench).
void ApplyScope(pqxx::work& txn, const TransactionScope& scope, int64_t timeout_ms) {
  txn.exec_params(
      "SELECT set_config('app.tenant_id', $1, true), set_config('app.operator', $2, true),"
      " set_config('statement_timeout', $3, true), set_config('max_parallel_workers_per_gather', '0', true)",
      scope.tenant_id, scope.operator_access ? "on" : "off", absl::StrCat(timeout_ms));
}

}  // namespace

absl::Status RunTransaction(ConnectionPool& pool, const TransactionScope& scope,
                            const std::function<absl::Status(pqxx::work&)>& body) {
  if (absl::Now() >= scope.deadline) {
    return absl::DeadlineExceededError("the deadline passed before the database work started");
  }
  absl::StatusOr<ConnectionPool::Lease> lease = pool.Acquire(scope.deadline);
  if (!lease.ok()) return lease.status();
  absl::Status status;
  try {
    const absl::Duration remaining = scope.deadline - absl::Now();
    const int64_t timeout_ms =
        std::clamp<int64_t>(absl::ToInt64Milliseconds(remaining), 1, int64_t{24} * 3600 * 1000);
    pqxx::work txn(lease->connection());
    ApplyScope(txn, scope, timeout_ms);
    status = body(txn);
    if (status.ok()) txn.commit();
  } catch (const std::exception& error) {
    status = StatusFromException(error);
  }
  if (IsConnectionLoss(status) || !lease->connection().is_open()) lease->MarkBroken();
  return status;
}

absl::Status RequireVisibleTenant(pqxx::work& txn, const std::string& tenant_id) {
  if (txn.exec_params("SELECT 1 FROM npsd.tenants WHERE tenant_id = $1::uuid", tenant_id).empty()) {
    return absl::NotFoundError("tenant not found");
  }
  return absl::OkStatus();
}

}  // namespace npsd::storage::pg
