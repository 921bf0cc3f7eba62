// tenant_retention.h — applying one tenant's retention policy, in batches.
//
// The one implementation of a retention run of a tenant, shared by the RetentionRunner
// (the job inside npsd, `npsd retention run`) and PrivacyRepository::RunRetention (the
// RunRetention RPC). It reads the tenant's settings and policy, evaluates them at a
// given time (domain::RetentionPlan), then works in transactions of at most
// `batch_size` rows: it strips the personal data from responses past their
// personal-data period, deletes responses past their deletion period (out of the
// rollups first), and finally deletes the people none of whose responses is kept any
// more. Legal holds and campaign overrides are the plan's.
//
// Concurrent runs of one tenant: every batch transaction first takes the tenant's
// transaction-scoped advisory lock (pg_advisory_xact_lock(kTenantLockSpace,
// hashtext(tenant_id))). Batches of one tenant therefore never overlap, whoever runs
// them (any replica's job, `npsd retention run`, API calls): each batch sees what the
// previous ones committed, so no response is counted twice, no run waits on rows
// another run locked (its candidates are taken FOR UPDATE SKIP LOCKED) and the rollup
// updates of one tenant never interleave. The lock ends with its transaction, so it
// holds through PgBouncer in transaction mode; a run waits for at most one batch of
// another, within its statement timeout. Runs of different tenants never wait for each
// other (unless their hashes collide, which only serializes them).
//
//   TenantRetention retention(pool, {});
//   NPSD_ASSIGN_OR_RETURN(TenantRetention::Plan plan, retention.PlanRun(tenant_id, now, deadline));
//   RetentionRun totals;  // storage/privacy_repository.h
//   absl::Status status = retention.Apply(tenant_id, plan, control, totals);
//   NPSD_RETURN_IF_ERROR(retention.Audit(tenant_id, actor, totals, status));
#ifndef NPSD_STORAGE_PG_TENANT_RETENTION_H_
#define NPSD_STORAGE_PG_TENANT_RETENTION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/retention.h"
#include "storage/pg/connection_pool.h"
#include "storage/privacy_repository.h"

namespace npsd::storage::pg {

// RunControl says when a run must stop between two batches.
struct RunControl {
  absl::Time deadline = absl::InfiniteFuture();  // no batch starts at or after it
  std::function<bool()> stop_requested;          // true: no further batch (may be empty)
};

// TenantRetention runs retention for one tenant at a time; thread-safe.
class TenantRetention {
 public:
  // kTenantLockSpace is the first key of the per-tenant advisory locks (ASCII "nprt");
  // the second is hashtext(tenant_id).
  static constexpr int32_t kTenantLockSpace = 0x6e707274;

  // Options tune the batches.
  struct Options {
    int batch_size = 1000;  // rows per transaction at most
    absl::Duration transaction_timeout = absl::Seconds(60);  // per batch, within the run's deadline
  };

  // Plan is a tenant's policy evaluated at one time, with what it needs to apply it.
  struct Plan {
    domain::RetentionPlan plan;
    std::vector<std::string> personal_attribute_keys;

    // applies is true when the policy does anything at all (some limit, not all held).
    bool applies() const { return plan.latest_cutoff().has_value() || plan.subject_cutoff().has_value(); }
  };

  // TenantRetention works through `pool`, which must outlive it.
  TenantRetention(ConnectionPool& pool, Options options) : pool_(pool), options_(options) {}

  // PlanRun reads the settings and policy of `tenant_id` and evaluates them at `now`;
  // NOT_FOUND when the tenant is not visible.
  absl::StatusOr<Plan> PlanRun(const std::string& tenant_id, absl::Time now, absl::Time deadline);

  // Apply carries out `plan` in batches, each committed on its own and counted in
  // `totals` (its as_of is left alone), also when it stops early: CANCELLED when `control` asked to stop,
  // DEADLINE_EXCEEDED at its deadline, or the error of a failed batch (which changed
  // nothing). Batches already committed stay; running again continues.
  absl::Status Apply(const std::string& tenant_id, const Plan& plan, const RunControl& control,
                     RetentionRun& totals);

  // Audit writes the run to the tenant's audit trail: action `retention.run` by
  // `actor`, outcome OK or the code of `status`, and the counts.
  absl::Status Audit(const std::string& tenant_id, const std::string& actor, const RetentionRun& totals,
                     const absl::Status& status);

 private:
  absl::Status ApplyResponseBatches(const std::string& tenant_id, const Plan& plan, const RunControl& control,
                                    RetentionRun& totals);
  absl::Status DeleteSubjectBatches(const std::string& tenant_id, absl::Time cutoff, const RunControl& control,
                                    RetentionRun& totals);
  // BatchDeadline is when a batch starting now must end.
  absl::Time BatchDeadline(const RunControl& control) const;

  ConnectionPool& pool_;
  const Options options_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_TENANT_RETENTION_H_
