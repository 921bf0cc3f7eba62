// subject_export.cc — decrypting a person's subjects, identifiers and responses.
#include "storage/pg/subject_export.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_split.h"
#include "domain/status_macros.h"
#include "storage/pg/data_subject_request_rows.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/subject_lookup.h"

namespace npsd::storage::pg {
namespace {

constexpr char kResponseColumns[] =
    "r.response_id::text, r.campaign_id::text, r.score, npsd.to_micros(r.answered_at),"
    " npsd.to_micros(r.received_at), r.channel, r.region_code, r.brand_code, r.business_unit_code, r.locale,"
    " r.comment_ciphertext, r.interaction_id, r.agent_id, r.team, r.queue, r.wait_seconds, r.handle_seconds,"
    " r.wrap_up_code, r.attributes, coalesce(r.idempotency_key, '')";

// SubjectReader reads one subject's records with its unwrapped data key.
class SubjectReader {
 public:
  SubjectReader(pqxx::work& txn, const privacy::PersonalDataCipher& cipher, const std::string& tenant_id)
      : txn_(txn), cipher_(cipher), tenant_id_(tenant_id) {}

  // Read returns the subject `subject_id` and appends its identifier hashes to `hashes`.
  absl::StatusOr<ExportedSubject> Read(const std::string& subject_id, std::vector<IdentifierHash>& hashes) {
    const pqxx::row row = txn_.exec_params1(
        "SELECT restricted, npsd.to_micros(create_time), npsd.to_micros(last_surveyed_at), wrapped_key"
        " FROM npsd.subjects WHERE tenant_id = $1::uuid AND subject_id = $2::uuid",
        tenant_id_, subject_id);
    ExportedSubject subject;
    subject.subject_id = subject_id;
    subject.restricted = row[0].as<bool>();
    subject.create_time = TimeField(row[1]);
    subject.last_surveyed_time = OptionalTimeField(row[2]);
    NPSD_ASSIGN_OR_RETURN(std::string data_key, cipher_.UnwrapSubjectKey(tenant_id_, subject_id, BytesField(row[3])));
    NPSD_ASSIGN_OR_RETURN(subject.identifiers, Identifiers(subject_id, data_key, hashes));
    NPSD_ASSIGN_OR_RETURN(subject.responses, Responses(subject_id, data_key));
    return subject;
  }

 private:
  absl::StatusOr<std::vector<ExportedIdentifier>> Identifiers(const std::string& subject_id,
                                                              const std::string& data_key,
                                                              std::vector<IdentifierHash>& hashes) {
    std::vector<ExportedIdentifier> identifiers;
    for (const auto& row : txn_.exec_params(
             "SELECT kind, lookup_hash, value_ciphertext FROM npsd.subject_identifiers"
             " WHERE tenant_id = $1::uuid AND subject_id = $2::uuid",
             tenant_id_, subject_id)) {
      const std::string kind_name = row[0].as<std::string>();
      hashes.push_back({kind_name, BytesField(row[1])});
      ExportedIdentifier identifier;
      for (domain::IdentifierKind kind :
           {domain::IdentifierKind::kExternalId, domain::IdentifierKind::kEmail, domain::IdentifierKind::kPhone}) {
        if (kind_name == domain::IdentifierKindName(kind)) identifier.kind = kind;
      }
      NPSD_ASSIGN_OR_RETURN(identifier.value, cipher_.OpenIdentifier(data_key, tenant_id_, subject_id, identifier.kind,
                                                                     BytesField(row[2])));
      identifiers.push_back(std::move(identifier));
    }
    std::sort(identifiers.begin(), identifiers.end(), [](const ExportedIdentifier& a, const ExportedIdentifier& b) {
      return std::tie(a.kind, a.value) < std::tie(b.kind, b.value);
    });
    return identifiers;
  }

  absl::StatusOr<std::vector<StoredResponse>> Responses(const std::string& subject_id, const std::string& data_key) {
    std::vector<StoredResponse> responses;
    for (const auto& row : txn_.exec_params(
             std::string("SELECT ") + kResponseColumns +
                 " FROM npsd.responses r WHERE r.tenant_id = $1::uuid AND r.subject_id = $2::uuid"
                 " ORDER BY r.answered_at, r.response_id",
             tenant_id_, subject_id)) {
      NPSD_ASSIGN_OR_RETURN(StoredResponse response, ReadResponse(row, data_key));
      responses.push_back(std::move(response));
    }
    return responses;
  }

  absl::StatusOr<StoredResponse> ReadResponse(const pqxx::row& row, const std::string& data_key) {
    StoredResponse response;
    response.id = row[0].as<std::string>();
    response.campaign_id = row[1].as<std::string>();
    response.score = row[2].as<int32_t>();
    response.answered_at = TimeField(row[3]);
    response.received_at = TimeField(row[4]);
    response.channel = domain::ParseChannel(row[5].as<std::string>()).value_or(domain::Channel::kWeb);
    response.scope = {row[6].as<std::string>(), row[7].as<std::string>(), row[8].as<std::string>()};
    response.locale = row[9].as<std::string>();
    if (!row[10].is_null()) {
      NPSD_ASSIGN_OR_RETURN(response.comment,
                            cipher_.OpenComment(data_key, tenant_id_, response.id, BytesField(row[10])));
    }
    response.has_subject = true;
    response.contact_center = {row[11].as<std::string>(), row[12].as<std::string>(), row[13].as<std::string>(),
                               row[14].as<std::string>(), row[15].as<int32_t>(),    row[16].as<int32_t>(),
                               row[17].as<std::string>()};
    for (const std::string& pair : TextArrayField(row[18])) {
      std::pair<std::string, std::string> parts = absl::StrSplit(pair, absl::MaxSplits('=', 1));
      response.attributes[parts.first] = parts.second;
    }
    response.idempotency_key = row[19].as<std::string>();
    return response;
  }

  pqxx::work& txn_;
  const privacy::PersonalDataCipher& cipher_;
  const std::string& tenant_id_;
};

}  // namespace

absl::StatusOr<SubjectDataExport> ReadSubjectDataExport(pqxx::work& txn, const privacy::PersonalDataCipher& cipher,
                                                        const std::string& tenant_id,
                                                        const domain::DataSubjectRequest& request, absl::Time now) {
  SubjectDataExport data;
  data.request_id = request.id;
  data.export_time = now;
  std::vector<IdentifierHash> hashes = SelectRequestHashes(txn, tenant_id, request.id);
  SubjectReader reader(txn, cipher, tenant_id);
  for (const std::string& subject_id : FindSubjects(txn, tenant_id, hashes, false)) {
    NPSD_ASSIGN_OR_RETURN(ExportedSubject subject, reader.Read(subject_id, hashes));
    data.subjects.push_back(std::move(subject));
  }
  data.requests = SelectRequestsNaming(txn, tenant_id, hashes);
  return data;
}

}  // namespace npsd::storage::pg
