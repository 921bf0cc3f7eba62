// pg_privacy_repository.cc — data-subject requests, privacy settings and retention policies.
#include "storage/pg/pg_privacy_repository.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "crypto/random.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "storage/pg/audit_trail.h"
#include "storage/pg/data_subject_execution.h"
#include "storage/pg/data_subject_request_rows.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/privacy_config.h"
#include "storage/pg/retention_queries.h"
#include "storage/pg/subject_export.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

using domain::DataSubjectRequest;
using domain::DataSubjectRequestStatus;

// kFailureRecordTimeout bounds the transaction that records a failed execution, which
// may run after the call's own deadline has passed.
constexpr absl::Duration kFailureRecordTimeout = absl::Seconds(5);

domain::AuditEvent RequestEvent(const DataSubjectRequest& request, const std::string& actor) {
  return {actor,
          absl::StrCat("privacy.", absl::AsciiStrToLower(domain::DataSubjectRequestTypeName(request.type))),
          request.id,
          domain::DataSubjectRequestStatusName(request.status),
          {{"dry_run", request.dry_run ? "true" : "false"},
           {"lift_restriction", request.lift_restriction ? "true" : "false"},
           {"subjects_found", absl::StrCat(request.subjects_found)},
           {"records_found", absl::StrCat(request.records_found)},
           {"records_affected", absl::StrCat(request.records_affected)}}};
}

// OpenStatusNames lists the stored names of the statuses that are not terminal.
std::string OpenStatusNames() {
  std::vector<std::string> names;
  for (DataSubjectRequestStatus status : {DataSubjectRequestStatus::kReceived, DataSubjectRequestStatus::kRunning,
                                          DataSubjectRequestStatus::kCompleted,
                                          DataSubjectRequestStatus::kPartiallyCompleted,
                                          DataSubjectRequestStatus::kFailed, DataSubjectRequestStatus::kRejected}) {
    if (!domain::IsTerminal(status)) names.push_back(domain::DataSubjectRequestStatusName(status));
  }
  return TextArrayLiteral(names);
}

absl::Status CheckOverrideCampaigns(pqxx::work& txn, const std::string& tenant_id,
                                    const domain::RetentionPolicy& policy) {
  std::vector<std::string> ids;
  for (const domain::CampaignRetention& entry : policy.campaign_overrides) ids.push_back(entry.campaign_id);
  std::set<std::string> existing;
  for (const auto& row : txn.exec_params(
           "SELECT campaign_id::text FROM npsd.campaigns WHERE tenant_id = $1::uuid AND campaign_id = ANY ($2::uuid[])",
           tenant_id, TextArrayLiteral(ids))) {
    existing.insert(row[0].as<std::string>());
  }
  domain::FieldViolations violations;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (existing.count(ids[i]) == 0) {
      violations.Add(absl::StrCat("policy.campaign_overrides[", i, "].campaign_id"), "names no campaign of the tenant");
    }
  }
  return violations.ToStatus();
}

void StorePolicy(pqxx::work& txn, const std::string& tenant_id, const domain::RetentionPolicy& policy) {
  txn.exec_params(
      "INSERT INTO npsd.retention_policies (tenant_id, personal_data_days, delete_after_days, legal_hold)"
      " VALUES ($1::uuid, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE SET"
      " personal_data_days = excluded.personal_data_days, delete_after_days = excluded.delete_after_days,"
      " legal_hold = excluded.legal_hold, update_time = clock_timestamp()",
      tenant_id, policy.default_rule.personal_data_days, policy.default_rule.delete_after_days, policy.legal_hold);
  std::vector<std::string> ids, personal, deletion, held;
  for (const domain::CampaignRetention& entry : policy.campaign_overrides) {
    ids.push_back(entry.campaign_id);
    personal.push_back(absl::StrCat(entry.rule.personal_data_days));
    deletion.push_back(absl::StrCat(entry.rule.delete_after_days));
    held.push_back(entry.legal_hold ? "true" : "false");
  }
  txn.exec_params("DELETE FROM npsd.retention_overrides WHERE tenant_id = $1::uuid", tenant_id);
  txn.exec_params(
      "INSERT INTO npsd.retention_overrides (tenant_id, campaign_id, personal_data_days, delete_after_days, legal_hold)"
      " SELECT $1::uuid, c, p, d, h FROM unnest($2::uuid[], $3::integer[], $4::integer[], $5::boolean[]) AS u(c, p, d, h)",
      tenant_id, TextArrayLiteral(ids), TextArrayLiteral(personal), TextArrayLiteral(deletion),
      TextArrayLiteral(held));
}

}  // namespace

absl::StatusOr<DataSubjectRequest> PgPrivacyRepository::CreateDataSubjectRequest(
    const std::string& tenant_id, const domain::ValidDataSubjectRequest& request, const std::string& actor,
    absl::Time now, absl::Time deadline) {
  NPSD_ASSIGN_OR_RETURN(std::vector<IdentifierHash> hashes, HashIdentifiers(cipher_, tenant_id, request.identifiers));
  DataSubjectRequest record;
  NPSD_ASSIGN_OR_RETURN(record.id, crypto::RandomUuid());
  record.type = request.type;
  record.dry_run = request.dry_run;
  record.lift_restriction = request.lift_restriction;
  record.reason = request.reason;
  record.requested_by = actor;
  record.receive_time = now;
  record.due_time = domain::DueTime(now);
  NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
    InsertRequest(txn, tenant_id, record, hashes);
    return absl::OkStatus();
  }));
  absl::StatusOr<DataSubjectRequest> done = Execute(tenant_id, record.id, request, hashes, actor, now, deadline);
  if (done.ok()) return done;
  return RecordFailure(tenant_id, record.id, done.status(), actor, now);
}

absl::StatusOr<DataSubjectRequest> PgPrivacyRepository::Execute(const std::string& tenant_id,
                                                                const std::string& request_id,
                                                                const domain::ValidDataSubjectRequest& request,
                                                                const std::vector<IdentifierHash>& hashes,
                                                                const std::string& actor, absl::Time now,
                                                                absl::Time deadline) {
  NPSD_RETURN_IF_ERROR(RunTransaction(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    domain::RequestOutcome running;
    running.status = DataSubjectRequestStatus::kRunning;
    return TransitionRequest(txn, tenant_id, request_id, running, now).status();
  }));
  return RunTransaction<DataSubjectRequest>(pool_, TenantScope(tenant_id, deadline),
                                            [&](pqxx::work& txn) -> absl::StatusOr<DataSubjectRequest> {
    NPSD_ASSIGN_OR_RETURN(domain::RequestOutcome outcome,
                          ExecuteDataSubjectRequest(txn, cipher_, tenant_id, request, hashes));
    NPSD_ASSIGN_OR_RETURN(DataSubjectRequest done, TransitionRequest(txn, tenant_id, request_id, outcome, now));
    AppendAuditEvent(txn, tenant_id, RequestEvent(done, actor));
    return done;
  });
}

absl::StatusOr<DataSubjectRequest> PgPrivacyRepository::RecordFailure(const std::string& tenant_id,
                                                                      const std::string& request_id,
                                                                      const absl::Status& failure,
                                                                      const std::string& actor, absl::Time now) {
  const absl::Time deadline = absl::Now() + kFailureRecordTimeout;
  absl::StatusOr<DataSubjectRequest> failed =
      RunTransaction<DataSubjectRequest>(pool_, TenantScope(tenant_id, deadline),
                                         [&](pqxx::work& txn) -> absl::StatusOr<DataSubjectRequest> {
    domain::RequestOutcome outcome;
    outcome.status = DataSubjectRequestStatus::kFailed;
    outcome.detail = absl::StrCat("execution failed (", absl::StatusCodeToString(failure.code()),
                                  "); nothing was changed: create a new request");
    NPSD_ASSIGN_OR_RETURN(DataSubjectRequest done, TransitionRequest(txn, tenant_id, request_id, outcome, now));
    AppendAuditEvent(txn, tenant_id, RequestEvent(done, actor));
    return done;
  });
  if (!failed.ok()) return failure;
  return failed;
}

absl::StatusOr<DataSubjectRequest> PgPrivacyRepository::GetDataSubjectRequest(const std::string& tenant_id,
                                                                              const std::string& request_id,
                                                                              absl::Time deadline) {
  return RunTransaction<DataSubjectRequest>(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    return SelectRequest(txn, tenant_id, request_id, false);
  });
}

absl::StatusOr<Page<DataSubjectRequest>> PgPrivacyRepository::ListDataSubjectRequests(
    const std::string& tenant_id, const DataSubjectRequestFilter& filter, const PageRequest& page, absl::Time now,
    absl::Time deadline) {
  return RunTransaction<Page<DataSubjectRequest>>(pool_, TenantScope(tenant_id, deadline),
                                                  [&](pqxx::work& txn) -> absl::StatusOr<Page<DataSubjectRequest>> {
    const pqxx::result rows = txn.exec_params(
        std::string("SELECT ") + kRequestColumns +
            " FROM npsd.data_subject_requests q WHERE q.tenant_id = $1::uuid"
            " AND ($2 = '' OR q.request_type = $2) AND ($3 = '' OR q.status = $3)"
            " AND (NOT $4 OR (q.status = ANY ($5::text[]) AND q.due_time < npsd.from_micros($6)))"
            " AND ($7::bigint IS NULL OR (q.receive_time, q.request_id) < (npsd.from_micros($7), $8::uuid))"
            " ORDER BY q.receive_time DESC, q.request_id DESC LIMIT $9",
        tenant_id, filter.type ? domain::DataSubjectRequestTypeName(*filter.type) : "",
        filter.status ? domain::DataSubjectRequestStatusName(*filter.status) : "", filter.overdue_only,
        OpenStatusNames(), absl::ToUnixMicros(now),
        CursorMicros(page),
        CursorId(page), page.size + 1);
    std::vector<DataSubjectRequest> requests;
    for (const auto& row : rows) requests.push_back(ReadRequest(row));
    return MakePage(std::move(requests), page.size, [](const DataSubjectRequest& last) {
      return domain::PageCursor{last.receive_time, last.id};
    });
  });
}

absl::StatusOr<SubjectDataExport> PgPrivacyRepository::ExportSubjectData(const std::string& tenant_id,
                                                                         const std::string& request_id,
                                                                         const std::string& actor, absl::Time now,
                                                                         absl::Time deadline) {
  return RunTransaction<SubjectDataExport>(pool_, TenantScope(tenant_id, deadline),
                                           [&](pqxx::work& txn) -> absl::StatusOr<SubjectDataExport> {
    NPSD_ASSIGN_OR_RETURN(DataSubjectRequest request, SelectRequest(txn, tenant_id, request_id, false));
    if (request.type != domain::DataSubjectRequestType::kAccess ||
        request.status != DataSubjectRequestStatus::kCompleted || request.dry_run) {
      return absl::FailedPreconditionError("only a COMPLETED ACCESS request without dry_run has an export");
    }
    NPSD_ASSIGN_OR_RETURN(SubjectDataExport data, ReadSubjectDataExport(txn, cipher_, tenant_id, request, now));
    AppendAuditEvent(txn, tenant_id,
                     {actor, "privacy.access.export", request_id, "OK",
                      {{"subjects", absl::StrCat(data.subjects.size())}}});
    return data;
  });
}

absl::StatusOr<domain::PrivacySettings> PgPrivacyRepository::GetPrivacySettings(const std::string& tenant_id,
                                                                               absl::Time deadline) {
  return RunTransaction<domain::PrivacySettings>(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    return SelectPrivacySettings(txn, tenant_id);
  });
}

absl::StatusOr<domain::PrivacySettings> PgPrivacyRepository::SetPrivacySettings(
    const std::string& tenant_id, const domain::PrivacySettings& settings, const std::string& actor,
    absl::Time deadline) {
  return RunTransaction<domain::PrivacySettings>(pool_, TenantScope(tenant_id, deadline),
                                                 [&](pqxx::work& txn) -> absl::StatusOr<domain::PrivacySettings> {
    NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
    txn.exec_params(
        "UPDATE npsd.tenants SET erasure_keeps_scores = $2, personal_attribute_keys = $3::text[]"
        " WHERE tenant_id = $1::uuid",
        tenant_id, settings.erasure_mode == domain::ErasureMode::kKeepAnonymousScores,
        TextArrayLiteral(settings.personal_attribute_keys));
    AppendAuditEvent(txn, tenant_id,
                     {actor, "privacy.settings.update", tenant_id, "OK",
                      {{"erasure_mode", domain::ErasureModeName(settings.erasure_mode)},
                       {"personal_attribute_keys", absl::StrCat(settings.personal_attribute_keys.size())}}});
    return SelectPrivacySettings(txn, tenant_id);
  });
}

absl::StatusOr<domain::RetentionPolicy> PgPrivacyRepository::GetRetentionPolicy(const std::string& tenant_id,
                                                                               absl::Time deadline) {
  return RunTransaction<domain::RetentionPolicy>(pool_, TenantScope(tenant_id, deadline),
                                                 [&](pqxx::work& txn) -> absl::StatusOr<domain::RetentionPolicy> {
    NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
    return SelectRetentionPolicy(txn, tenant_id);
  });
}

absl::StatusOr<domain::RetentionPolicy> PgPrivacyRepository::SetRetentionPolicy(
    const std::string& tenant_id, const domain::RetentionPolicy& policy, const std::string& actor,
    absl::Time deadline) {
  return RunTransaction<domain::RetentionPolicy>(pool_, TenantScope(tenant_id, deadline),
                                                 [&](pqxx::work& txn) -> absl::StatusOr<domain::RetentionPolicy> {
    NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
    NPSD_RETURN_IF_ERROR(CheckOverrideCampaigns(txn, tenant_id, policy));
    StorePolicy(txn, tenant_id, policy);
    AppendAuditEvent(txn, tenant_id,
                     {actor, "retention.policy.update", tenant_id, "OK",
                      {{"personal_data_days", absl::StrCat(policy.default_rule.personal_data_days)},
                       {"delete_after_days", absl::StrCat(policy.default_rule.delete_after_days)},
                       {"legal_hold", policy.legal_hold ? "true" : "false"},
                       {"campaign_overrides", absl::StrCat(policy.campaign_overrides.size())}}});
    return SelectRetentionPolicy(txn, tenant_id);
  });
}

absl::StatusOr<RetentionPreview> PgPrivacyRepository::PreviewRetention(const std::string& tenant_id, absl::Time now,
                                                                       absl::Time deadline) {
  return RunTransaction<RetentionPreview>(pool_, TenantScope(tenant_id, deadline),
                                          [&](pqxx::work& txn) -> absl::StatusOr<RetentionPreview> {
    NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings settings, SelectPrivacySettings(txn, tenant_id));
    const domain::RetentionPlan plan(SelectRetentionPolicy(txn, tenant_id), now);
    RetentionPreview preview = CountRetention(txn, tenant_id, plan, settings.personal_attribute_keys);
    preview.as_of = now;
    return preview;
  });
}

absl::StatusOr<RetentionRun> PgPrivacyRepository::RunRetention(const std::string& tenant_id, const std::string& actor,
                                                               absl::Time now, absl::Time deadline,
                                                               const std::function<bool()>& cancelled) {
  NPSD_ASSIGN_OR_RETURN(TenantRetention::Plan plan, retention_.PlanRun(tenant_id, now, deadline));
  RetentionRun run;
  run.as_of = now;
  const absl::Status status = retention_.Apply(tenant_id, plan, {deadline, cancelled}, run);
  const absl::Status audited = retention_.Audit(tenant_id, actor, run, status);
  NPSD_RETURN_IF_ERROR(status);
  NPSD_RETURN_IF_ERROR(audited);
  return run;
}

}  // namespace npsd::storage::pg
