// retention_runner.h — enforcing every tenant's retention policy, in batches.
//
// A run applies each tenant's policy as evaluated at the time it is given, with
// TenantRetention (batches, rollups, legal holds: see tenant_retention.h), and writes
// each tenant's run to its audit trail (actor kRetentionActor) when the policy does
// something or the run failed.
//
// One runner at a time across all servers: a run first takes the session-level
// advisory lock kLockKey on a connection of its own, and a run that cannot take it
// does nothing (report.ran is false). Servers and `npsd retention run` share the lock;
// on-demand runs of one tenant (PrivacyService.RunRetention) do not take it, and
// interleave with a runner's batches through the per-tenant lock of TenantRetention.
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
#include "storage/pg/connection_pool.h"
#include "storage/pg/tenant_retention.h"

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
  RetentionRunner(ConnectionPool& pool, Options options)
      : pool_(pool),
        options_(std::move(options)),
        retention_(pool, {options_.batch_size, options_.transaction_timeout}) {}

  // RunAll applies every tenant's policy as evaluated at `now`. An error of one tenant
  // is counted and audited and the others go on; errors are returned only when the
  // run could not start (no lock connection, no tenant list).
  absl::StatusOr<RetentionRunReport> RunAll(absl::Time now);

  // RunTenant applies the policy of `tenant_id` alone, as evaluated at `now`.
  absl::StatusOr<RetentionRunReport> RunTenant(const std::string& tenant_id, absl::Time now);

  // Stop makes the run in progress, and any later one, end after the current batch
  // (the tenant interrupted is audited CANCELLED).
  void Stop() { stopping_ = true; }

 private:
  RetentionRunReport RunLocked(const std::vector<std::string>& tenant_ids, absl::Time now);
  // RunOneTenant applies the policy of `tenant_id`; `applies` tells whether it does anything.
  absl::Status RunOneTenant(const std::string& tenant_id, absl::Time now, bool& applies, RetentionRun& totals);
  absl::Time Deadline() const { return absl::Now() + options_.transaction_timeout; }

  ConnectionPool& pool_;
  const Options options_;
  TenantRetention retention_;
  std::atomic<bool> stopping_{false};
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RETENTION_RUNNER_H_
