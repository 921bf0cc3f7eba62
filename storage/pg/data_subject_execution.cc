// data_subject_execution.cc — access counts, restriction, rectification and erasure.
#include "storage/pg/data_subject_execution.h"

#include <utility>

#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/personal_data_removal.h"
#include "storage/pg/privacy_config.h"

namespace npsd::storage::pg {
namespace {

using domain::DataSubjectRequestStatus;
using domain::RequestOutcome;

constexpr char kHeldDetail[] = "a legal hold covers some of the person's responses; nothing was erased";
constexpr char kSeveralSubjectsDetail[] =
    "the identifiers lead to more than one stored person; rectify each with its own identifiers";
constexpr char kRefusedDetail[] =
    "some new values already identify another person, or an erased one, and were not applied";

// Subjects is what a request found: the locked subject ids and their record counts.
struct Subjects {
  std::vector<std::string> ids;
  SubjectRecordCounts counts;
};

bool AnyResponseHeld(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& subject_ids) {
  const domain::RetentionPolicy policy = SelectRetentionPolicy(txn, tenant_id);
  for (const auto& row : txn.exec_params(
           "SELECT DISTINCT campaign_id::text FROM npsd.responses WHERE tenant_id = $1::uuid"
           " AND subject_id = ANY ($2::uuid[])",
           tenant_id, TextArrayLiteral(subject_ids))) {
    if (policy.IsHeld(row[0].as<std::string>())) return true;
  }
  return false;
}

std::vector<std::string> ResponsesOf(pqxx::work& txn, const std::string& tenant_id,
                                     const std::vector<std::string>& subject_ids) {
  std::vector<std::string> ids;
  for (const auto& row : txn.exec_params(
           "SELECT response_id::text FROM npsd.responses WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])"
           " ORDER BY response_id",
           tenant_id, TextArrayLiteral(subject_ids))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

// Suppress adds every identifier of the subjects and of the request to the suppression
// list (lookup hashes only); already suppressed ones stay as they are.
void Suppress(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& subject_ids,
              const std::vector<IdentifierHash>& hashes) {
  const auto [kinds, bytes] = HashParameters(hashes);
  txn.exec_params(
      "INSERT INTO npsd.suppressed_identifiers (tenant_id, kind, lookup_hash)"
      " SELECT $1::uuid, kind, lookup_hash FROM npsd.subject_identifiers"
      "  WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])"
      " UNION SELECT $1::uuid, kind, hash FROM unnest($3::text[], $4::bytea[]) AS u(kind, hash)"
      " ON CONFLICT DO NOTHING",
      tenant_id, TextArrayLiteral(subject_ids), kinds, bytes);
}

absl::StatusOr<RequestOutcome> Erase(pqxx::work& txn, const std::string& tenant_id,
                                     const domain::ValidDataSubjectRequest& request,
                                     const std::vector<IdentifierHash>& hashes, const Subjects& subjects,
                                     RequestOutcome outcome) {
  if (!subjects.ids.empty() && AnyResponseHeld(txn, tenant_id, subjects.ids)) {
    outcome.status = DataSubjectRequestStatus::kRejected;
    outcome.detail = kHeldDetail;
    return outcome;
  }
  outcome.records_affected = subjects.counts.total();
  if (request.dry_run) return outcome;
  NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings settings, SelectPrivacySettings(txn, tenant_id));
  const std::vector<std::string> responses = ResponsesOf(txn, tenant_id, subjects.ids);
  const int64_t changed = settings.erasure_mode == domain::ErasureMode::kKeepAnonymousScores
                              ? RemovePersonalData(txn, tenant_id, responses, settings.personal_attribute_keys)
                              : DeleteResponses(txn, tenant_id, responses);
  Suppress(txn, tenant_id, subjects.ids, hashes);
  const int64_t identifiers =
      txn.exec_params("DELETE FROM npsd.subject_identifiers WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])",
                      tenant_id, TextArrayLiteral(subjects.ids))
          .affected_rows();
  txn.exec_params("DELETE FROM npsd.subjects WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])", tenant_id,
                  TextArrayLiteral(subjects.ids));
  outcome.records_affected = changed + identifiers;
  return outcome;
}

RequestOutcome Restrict(pqxx::work& txn, const std::string& tenant_id, const domain::ValidDataSubjectRequest& request,
                        const Subjects& subjects, RequestOutcome outcome) {
  const bool restricted = !request.lift_restriction;
  std::vector<std::string> changing;
  for (const auto& row : txn.exec_params(
           "SELECT subject_id::text FROM npsd.subjects WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])"
           " AND restricted <> $3",
           tenant_id, TextArrayLiteral(subjects.ids), restricted)) {
    changing.push_back(row[0].as<std::string>());
  }
  outcome.records_affected = CountSubjectRecords(txn, tenant_id, changing).total();
  if (!request.dry_run && !changing.empty()) {
    txn.exec_params("UPDATE npsd.subjects SET restricted = $3 WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[])",
                    tenant_id, TextArrayLiteral(changing), restricted);
  }
  return outcome;
}

// Rectification replaces the identifiers of one subject, one kind at a time.
class Rectification {
 public:
  Rectification(pqxx::work& txn, const privacy::PersonalDataCipher& cipher, std::string tenant_id,
                std::string subject_id, bool dry_run)
      : txn_(txn), cipher_(cipher), tenant_id_(std::move(tenant_id)), subject_id_(std::move(subject_id)),
        dry_run_(dry_run) {}

  // Apply replaces the subject's identifiers of `identifier.kind` with `identifier`,
  // unless the new value identifies another person or an erased one (refused).
  absl::Status Apply(const domain::NormalizedIdentifier& identifier) {
    NPSD_ASSIGN_OR_RETURN(std::string hash, cipher_.LookupHash(tenant_id_, identifier));
    const std::string kind = domain::IdentifierKindName(identifier.kind);
    const std::string bytes = ByteaText(hash);
    const pqxx::row row = txn_.exec_params1(
        "SELECT (SELECT subject_id::text FROM npsd.subject_identifiers WHERE tenant_id = $1::uuid AND kind = $2"
        "        AND lookup_hash = $3::bytea),"
        "       EXISTS (SELECT FROM npsd.suppressed_identifiers WHERE tenant_id = $1::uuid AND kind = $2"
        "        AND lookup_hash = $3::bytea),"
        "       (SELECT count(*) FROM npsd.subject_identifiers WHERE tenant_id = $1::uuid AND kind = $2"
        "        AND subject_id = $4::uuid AND lookup_hash <> $3::bytea)",
        tenant_id_, kind, bytes, subject_id_);
    const bool own = !row[0].is_null() && row[0].as<std::string>() == subject_id_;
    if (row[1].as<bool>() || (!row[0].is_null() && !own)) {
      ++refused_;
      return absl::OkStatus();
    }
    const int64_t stale = row[2].as<int64_t>();  // the subject's other values of this kind
    if (own && stale == 0) return absl::OkStatus();
    ++replaced_;
    if (dry_run_) return absl::OkStatus();
    txn_.exec_params("DELETE FROM npsd.subject_identifiers WHERE tenant_id = $1::uuid AND kind = $2"
                     " AND subject_id = $4::uuid AND lookup_hash <> $3::bytea",
                     tenant_id_, kind, bytes, subject_id_);
    if (own) return absl::OkStatus();
    NPSD_ASSIGN_OR_RETURN(std::string data_key, DataKey());
    NPSD_ASSIGN_OR_RETURN(std::string sealed, cipher_.SealIdentifier(data_key, tenant_id_, subject_id_, identifier));
    txn_.exec_params(
        "INSERT INTO npsd.subject_identifiers (tenant_id, kind, lookup_hash, subject_id, value_ciphertext)"
        " VALUES ($1::uuid, $2, $3::bytea, $4::uuid, $5::bytea)",
        tenant_id_, kind, bytes, subject_id_, ByteaText(sealed));
    return absl::OkStatus();
  }

  // replaced and refused count the kinds replaced and refused so far.
  int replaced() const { return replaced_; }
  int refused() const { return refused_; }

 private:
  absl::StatusOr<std::string> DataKey() {
    const pqxx::row row = txn_.exec_params1(
        "SELECT wrapped_key FROM npsd.subjects WHERE tenant_id = $1::uuid AND subject_id = $2::uuid", tenant_id_,
        subject_id_);
    return cipher_.UnwrapSubjectKey(tenant_id_, subject_id_, BytesField(row[0]));
  }

  pqxx::work& txn_;
  const privacy::PersonalDataCipher& cipher_;
  const std::string tenant_id_;
  const std::string subject_id_;
  const bool dry_run_;
  int replaced_ = 0;
  int refused_ = 0;
};

absl::StatusOr<RequestOutcome> Rectify(pqxx::work& txn, const privacy::PersonalDataCipher& cipher,
                                       const std::string& tenant_id, const domain::ValidDataSubjectRequest& request,
                                       const Subjects& subjects, RequestOutcome outcome) {
  if (subjects.ids.empty()) return outcome;
  if (subjects.ids.size() > 1) {
    outcome.status = DataSubjectRequestStatus::kRejected;
    outcome.detail = kSeveralSubjectsDetail;
    return outcome;
  }
  Rectification rectification(txn, cipher, tenant_id, subjects.ids.front(), request.dry_run);
  for (const domain::NormalizedIdentifier& identifier : request.rectified) {
    NPSD_RETURN_IF_ERROR(rectification.Apply(identifier));
  }
  outcome.status = domain::RectificationOutcome(rectification.replaced(), rectification.refused());
  if (rectification.refused() > 0) outcome.detail = kRefusedDetail;
  outcome.records_affected = rectification.replaced();
  return outcome;
}

}  // namespace

absl::StatusOr<RequestOutcome> ExecuteDataSubjectRequest(pqxx::work& txn, const privacy::PersonalDataCipher& cipher,
                                                         const std::string& tenant_id,
                                                         const domain::ValidDataSubjectRequest& request,
                                                         const std::vector<IdentifierHash>& hashes) {
  const bool changes = request.type != domain::DataSubjectRequestType::kAccess && !request.dry_run;
  Subjects subjects;
  subjects.ids = FindSubjects(txn, tenant_id, hashes, changes);
  subjects.counts = CountSubjectRecords(txn, tenant_id, subjects.ids);
  RequestOutcome outcome;
  outcome.subjects_found = static_cast<int32_t>(subjects.ids.size());
  outcome.records_found = subjects.counts.total();
  switch (request.type) {
    case domain::DataSubjectRequestType::kAccess:
      return outcome;
    case domain::DataSubjectRequestType::kRestriction:
      return Restrict(txn, tenant_id, request, subjects, outcome);
    case domain::DataSubjectRequestType::kRectification:
      return Rectify(txn, cipher, tenant_id, request, subjects, outcome);
    case domain::DataSubjectRequestType::kErasure:
      return Erase(txn, tenant_id, request, hashes, subjects, outcome);
  }
  return absl::InternalError("unknown data-subject request type");
}

}  // namespace npsd::storage::pg
