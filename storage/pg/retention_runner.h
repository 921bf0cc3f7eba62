// retention_runner.h — enforcing every tenant's retention policy, in batches.
//
// A run evaluates each tenant's policy at the time it is given (domain::RetentionPlan),
// then works in transactions of at most `batch_size` rows: it strips the personal data
// from responses past their personal-data period, deletes responses past their deletion
// period (out of the rollups first), and finally deletes the people none of whose
// responses is kept any more. Each tenant's run is written to its audit trail.
//
// One runner at a time across all servers: a run first takes the session-level
// advisory lock kLockKey on a connection of its own, and a run that cannot take it
// does nothing (report.ran is false). Servers and `npsd retention run` share the lock.
//
//   RetentionRunner runner(pool, {database_url});
//   NPSD_ASSIGN_OR_RETURN(RetentionRunReport report, runner.RunAll(absl::Now()));
#ifndef NPSD_STORAGE_PG_RETENTION_RUNNER_H_
#define NPSD_STORAGE_PG_RETENTION_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/retention.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// RetentionRunReport sums up a run.
struct RetentionRunReport {
  bool ran = false;             // false: another runner held the lock
  int tenants = 0;              // tenants with a policy that does something
  int tenants_failed = 0;       // tenants whose run stopped on an error (audited)
  int64_t responses_deleted = 0;
  int64_t responses_anonymized = 0;
  int64_t subjects_deleted = 0;
};

// RetentionRunner applies retention policies.
class RetentionRunner {
 public:
  // kLockKey is the advisory lock key that serializes runners (ASCII "npsdrete").
  static constexpr int64_t kLockKey = 0x6e70736472657465;

  // Options tune the runner.
  struct Options {
    std::string database_url;  // the runtime role; the lock's own connection
    int batch_size = 1000;     // rows per transaction at most
    absl::Duration transaction_timeout = absl::Seconds(60);
  };

  // RetentionRunner works through `pool`, which must outlive it.
  RetentionRunner(ConnectionPool& pool, Options options) : pool_(pool), options_(std::move(options)) {}

  // RunAll applies every tenant's policy as evaluated at `now`. An error of one tenant
  // is counted and audited and the others go on; errors are returned only when the
  // run could not start (no lock connection, no tenant list).
  absl::StatusOr<RetentionRunReport> RunAll(absl::Time now);

  // RunTenant applies the policy of `tenant_id` alone, as evaluated at `now`.
  absl::StatusOr<RetentionRunReport> RunTenant(const std::string& tenant_id, absl::Time now);

  // Stop makes the run in progress, and any later one, end after the current batch.
  void Stop() { stopping_ = true; }

 private:
  // TenantTotals counts what a run did to one tenant.
  struct TenantTotals {
    bool applies = false;  // the tenant's policy does something
    int64_t deleted = 0;
    int64_t anonymized = 0;
    int64_t subjects = 0;
  };

  RetentionRunReport RunLocked(const std::vector<std::string>& tenant_ids, absl::Time now);
  absl::Status RunOneTenant(const std::string& tenant_id, absl::Time now, TenantTotals& totals);
  absl::Status ApplyResponseBatches(const std::string& tenant_id, const domain::RetentionPlan& plan,
                                    const std::vector<std::string>& personal_attribute_keys, TenantTotals& totals);
  absl::Status DeleteSubjectBatches(const std::string& tenant_id, absl::Time cutoff, TenantTotals& totals);
  absl::Status Audit(const std::string& tenant_id, const TenantTotals& totals, const absl::Status& status);
  absl::Time Deadline() const { return absl::Now() + options_.transaction_timeout; }

  ConnectionPool& pool_;
  const Options options_;
  std::atomic<bool> stopping_{false};
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RETENTION_RUNNER_H_
