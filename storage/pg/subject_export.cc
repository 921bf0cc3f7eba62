// subject_export.cc — decrypting a person's subjects, identifiers and responses.
#include "storage/pg/subject_export.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "storage/pg/data_subject_request_rows.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/last_surveyed.h"
#include "storage/pg/response_rows.h"
#include "storage/pg/subject_lookup.h"

namespace npsd::storage::pg {
namespace {

// SubjectReader reads one subject's records with its unwrapped data key.
class SubjectReader {
 public:
  SubjectReader(pqxx::work& txn, const privacy::PersonalDataCipher& cipher, const std::string& tenant_id)
      : txn_(txn), cipher_(cipher), tenant_id_(tenant_id) {}

  // Read returns the subject `subject_id` and appends its identifier hashes to `hashes`.
  absl::StatusOr<ExportedSubject> Read(const std::string& subject_id, std::vector<IdentifierHash>& hashes) {
    const pqxx::row row = txn_.exec_params1(
        absl::StrCat("SELECT restricted, npsd.to_micros(create_time), npsd.to_micros(", LastSurveyedSql("s"),
                     "), wrapped_key FROM npsd.subjects s WHERE tenant_id = $1::uuid AND subject_id = $2::uuid"),
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
      NPSD_ASSIGN_OR_RETURN(StoredResponse response, ReadResponseRow(row, cipher_, tenant_id_, data_key));
      response.has_subject = true;
      responses.push_back(std::move(response));
    }
    return responses;
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
