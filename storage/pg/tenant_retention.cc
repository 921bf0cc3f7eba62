// tenant_retention.cc — one tenant's retention batches under its transaction-scoped lock.
#include "storage/pg/tenant_retention.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "domain/audit_event.h"
#include "domain/status_macros.h"
#include "storage/pg/audit_trail.h"
#include "storage/pg/last_surveyed.h"
#include "storage/pg/personal_data_removal.h"
#include "storage/pg/privacy_config.h"
#include "storage/pg/retention_queries.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

// kAuditTimeout bounds the transaction that audits a run, which also runs after the
// run's own deadline has passed.
constexpr absl::Duration kAuditTimeout = absl::Seconds(5);

// LockTenant waits for the tenant's retention lock, held until the transaction ends.
void LockTenant(pqxx::work& txn, const std::string& tenant_id) {
  txn.exec_params("SELECT pg_advisory_xact_lock($1, hashtext($2))", TenantRetention::kTenantLockSpace, tenant_id);
}

// NextBatchAllowed is OK when `control` lets another batch start.
absl::Status NextBatchAllowed(const RunControl& control) {
  if (control.stop_requested && control.stop_requested()) {
    return absl::CancelledError("the retention run was stopped; the batches done are kept");
  }
  if (absl::Now() >= control.deadline) {
    return absl::DeadlineExceededError("the deadline passed; the batches done are kept, run again to continue");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TenantRetention::Plan> TenantRetention::PlanRun(const std::string& tenant_id, absl::Time now,
                                                               absl::Time deadline) {
  return RunTransaction<Plan>(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) -> absl::StatusOr<Plan> {
    NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings settings, SelectPrivacySettings(txn, tenant_id));
    return Plan{domain::RetentionPlan(SelectRetentionPolicy(txn, tenant_id), now), settings.personal_attribute_keys};
  });
}

absl::Status TenantRetention::Apply(const std::string& tenant_id, const Plan& plan, const RunControl& control,
                                    RetentionRun& totals) {
  NPSD_RETURN_IF_ERROR(ApplyResponseBatches(tenant_id, plan, control, totals));
  if (!plan.plan.subject_cutoff()) return absl::OkStatus();
  return DeleteSubjectBatches(tenant_id, *plan.plan.subject_cutoff(), control, totals);
}

absl::Status TenantRetention::ApplyResponseBatches(const std::string& tenant_id, const Plan& plan,
                                                   const RunControl& control, RetentionRun& totals) {
  while (plan.plan.latest_cutoff()) {
    NPSD_RETURN_IF_ERROR(NextBatchAllowed(control));
    size_t selected = 0;
    int64_t deleted = 0, anonymized = 0;
    NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, BatchDeadline(control)), [&](pqxx::work& txn) {
      LockTenant(txn, tenant_id);
      const std::vector<RetentionCandidate> batch = SelectRetentionCandidates(
          txn, tenant_id, plan.plan, plan.personal_attribute_keys, options_.batch_size);
      selected = batch.size();
      std::vector<std::pair<const RetentionCandidate*, domain::RetentionAction>> acted_on;
      std::map<std::string, absl::Time> latest;  // by subject, among the responses acted on
      for (const RetentionCandidate& candidate : batch) {
        const domain::RetentionAction action =
            plan.plan.Decide(candidate.campaign_id, candidate.answered_at, candidate.has_personal_data);
        if (action == domain::RetentionAction::kKeep) continue;
        acted_on.push_back({&candidate, action});
        if (candidate.subject_id.empty()) continue;
        absl::Time& at = latest.try_emplace(candidate.subject_id, candidate.answered_at).first->second;
        at = std::max(at, candidate.answered_at);
      }
      const std::set<std::string> skipped = KeepLastSurveyed(txn, tenant_id, latest);
      std::vector<std::string> to_delete, to_strip;
      for (const auto& [candidate, action] : acted_on) {
        if (skipped.count(candidate->subject_id) > 0) continue;
        (action == domain::RetentionAction::kDelete ? to_delete : to_strip).push_back(candidate->response_id);
      }
      deleted = DeleteResponses(txn, tenant_id, to_delete);
      anonymized = RemovePersonalData(txn, tenant_id, to_strip, plan.personal_attribute_keys);
      return absl::OkStatus();
    }));
    totals.responses_deleted += deleted;
    totals.responses_anonymized += anonymized;
    if (selected < static_cast<size_t>(options_.batch_size) || deleted + anonymized == 0) break;
  }
  return absl::OkStatus();
}

absl::Status TenantRetention::DeleteSubjectBatches(const std::string& tenant_id, absl::Time cutoff,
                                                   const RunControl& control, RetentionRun& totals) {
  while (true) {
    NPSD_RETURN_IF_ERROR(NextBatchAllowed(control));
    int64_t deleted = 0;
    NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, BatchDeadline(control)), [&](pqxx::work& txn) {
      LockTenant(txn, tenant_id);
      deleted = DeleteExpiredSubjects(txn, tenant_id, cutoff, options_.batch_size);
      return absl::OkStatus();
    }));
    totals.subjects_deleted += deleted;
    if (deleted < options_.batch_size) break;
  }
  return absl::OkStatus();
}

absl::Status TenantRetention::Audit(const std::string& tenant_id, const std::string& actor,
                                    const RetentionRun& totals, const absl::Status& status) {
  const domain::AuditEvent event{actor,
                                 "retention.run",
                                 tenant_id,
                                 status.ok() ? "OK" : absl::StatusCodeToString(status.code()),
                                 {{"responses_deleted", absl::StrCat(totals.responses_deleted)},
                                  {"responses_anonymized", absl::StrCat(totals.responses_anonymized)},
                                  {"subjects_deleted", absl::StrCat(totals.subjects_deleted)}}};
  return RunTransaction(pool_, TenantScope(tenant_id, absl::Now() + kAuditTimeout), [&](pqxx::work& txn) {
    AppendAuditEvent(txn, tenant_id, event);
    return absl::OkStatus();
  });
}

absl::Time TenantRetention::BatchDeadline(const RunControl& control) const {
  return std::min(control.deadline, absl::Now() + options_.transaction_timeout);
}

}  // namespace npsd::storage::pg
