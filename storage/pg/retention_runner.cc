// retention_runner.cc — batched retention under a cluster-wide advisory lock.
#include "storage/pg/retention_runner.h"

#include <memory>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "domain/audit_event.h"
#include "domain/status_macros.h"
#include "storage/pg/audit_trail.h"
#include "storage/pg/error_mapping.h"
#include "storage/pg/personal_data_removal.h"
#include "storage/pg/privacy_config.h"
#include "storage/pg/retention_queries.h"
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
    TenantTotals totals;
    const absl::Status status = RunOneTenant(tenant_id, now, totals);
    if (!totals.applies && status.ok()) continue;
    const absl::Status audited = Audit(tenant_id, totals, status);
    ++report.tenants;
    if (!status.ok() || !audited.ok()) ++report.tenants_failed;
    report.responses_deleted += totals.deleted;
    report.responses_anonymized += totals.anonymized;
    report.subjects_deleted += totals.subjects;
  }
  return report;
}

absl::Status RetentionRunner::RunOneTenant(const std::string& tenant_id, absl::Time now, TenantTotals& totals) {
  domain::RetentionPolicy policy;
  domain::PrivacySettings settings;
  NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, Deadline()), [&](pqxx::work& txn) {
    NPSD_ASSIGN_OR_RETURN(settings, SelectPrivacySettings(txn, tenant_id));
    policy = SelectRetentionPolicy(txn, tenant_id);
    return absl::OkStatus();
  }));
  const domain::RetentionPlan plan(policy, now);
  totals.applies = plan.latest_cutoff().has_value() || plan.subject_cutoff().has_value();
  NPSD_RETURN_IF_ERROR(ApplyResponseBatches(tenant_id, plan, settings.personal_attribute_keys, totals));
  if (!plan.subject_cutoff()) return absl::OkStatus();
  return DeleteSubjectBatches(tenant_id, *plan.subject_cutoff(), totals);
}

absl::Status RetentionRunner::ApplyResponseBatches(const std::string& tenant_id, const domain::RetentionPlan& plan,
                                                   const std::vector<std::string>& personal_attribute_keys,
                                                   TenantTotals& totals) {
  while (plan.latest_cutoff() && !stopping_) {
    size_t selected = 0;
    int64_t deleted = 0, anonymized = 0;
    NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, Deadline()), [&](pqxx::work& txn) {
      const std::vector<RetentionCandidate> batch =
          SelectRetentionCandidates(txn, tenant_id, plan, personal_attribute_keys, options_.batch_size);
      selected = batch.size();
      std::vector<std::string> to_delete, to_strip;
      for (const RetentionCandidate& candidate : batch) {
        switch (plan.Decide(candidate.campaign_id, candidate.answered_at, candidate.has_personal_data)) {
          case domain::RetentionAction::kDelete:
            to_delete.push_back(candidate.response_id);
            break;
          case domain::RetentionAction::kRemovePersonalData:
            to_strip.push_back(candidate.response_id);
            break;
          case domain::RetentionAction::kKeep:
            break;
        }
      }
      deleted = DeleteResponses(txn, tenant_id, to_delete);
      anonymized = RemovePersonalData(txn, tenant_id, to_strip, personal_attribute_keys);
      return absl::OkStatus();
    }));
    totals.deleted += deleted;
    totals.anonymized += anonymized;
    if (selected < static_cast<size_t>(options_.batch_size) || deleted + anonymized == 0) break;
  }
  return absl::OkStatus();
}

absl::Status RetentionRunner::DeleteSubjectBatches(const std::string& tenant_id, absl::Time cutoff,
                                                   TenantTotals& totals) {
  while (!stopping_) {
    int64_t deleted = 0;
    NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, Deadline()), [&](pqxx::work& txn) {
      deleted = DeleteExpiredSubjects(txn, tenant_id, cutoff, options_.batch_size);
      return absl::OkStatus();
    }));
    totals.subjects += deleted;
    if (deleted < options_.batch_size) break;
  }
  return absl::OkStatus();
}

absl::Status RetentionRunner::Audit(const std::string& tenant_id, const TenantTotals& totals,
                                    const absl::Status& status) {
  const domain::AuditEvent event{domain::kRetentionActor,
                                 "retention.run",
                                 tenant_id,
                                 status.ok() ? "OK" : absl::StatusCodeToString(status.code()),
                                 {{"responses_deleted", absl::StrCat(totals.deleted)},
                                  {"responses_anonymized", absl::StrCat(totals.anonymized)},
                                  {"subjects_deleted", absl::StrCat(totals.subjects)}}};
  return RunTransaction(pool_, TenantScope(tenant_id, Deadline()), [&](pqxx::work& txn) {
    AppendAuditEvent(txn, tenant_id, event);
    return absl::OkStatus();
  });
}

}  // namespace npsd::storage::pg
