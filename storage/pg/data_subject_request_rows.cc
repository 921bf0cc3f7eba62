// data_subject_request_rows.cc — request row reads and writes.
#include "storage/pg/data_subject_request_rows.h"

#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

const char kRequestColumns[] =
    "q.request_id::text, q.request_type, q.status, q.dry_run, q.lift_restriction, q.reason, q.detail,"
    " q.subjects_found, q.records_found, q.records_affected, q.requested_by, npsd.to_micros(q.receive_time),"
    " npsd.to_micros(q.due_time), npsd.to_micros(q.complete_time)";

domain::DataSubjectRequest ReadRequest(const pqxx::row& row) {
  domain::DataSubjectRequest request;
  request.id = row[0].as<std::string>();
  request.type =
      domain::ParseDataSubjectRequestType(row[1].as<std::string>()).value_or(domain::DataSubjectRequestType::kAccess);
  request.status = domain::ParseDataSubjectRequestStatus(row[2].as<std::string>())
                       .value_or(domain::DataSubjectRequestStatus::kFailed);
  request.dry_run = row[3].as<bool>();
  request.lift_restriction = row[4].as<bool>();
  request.reason = row[5].as<std::string>();
  request.detail = row[6].as<std::string>();
  request.subjects_found = row[7].as<int32_t>();
  request.records_found = row[8].as<int64_t>();
  request.records_affected = row[9].as<int64_t>();
  request.requested_by = row[10].as<std::string>();
  request.receive_time = TimeField(row[11]);
  request.due_time = TimeField(row[12]);
  request.complete_time = OptionalTimeField(row[13]);
  return request;
}

void InsertRequest(pqxx::work& txn, const std::string& tenant_id, const domain::DataSubjectRequest& request,
                   const std::vector<IdentifierHash>& hashes) {
  const auto [kinds, bytes] = HashParameters(hashes);
  txn.exec_params(
      "INSERT INTO npsd.data_subject_requests (tenant_id, request_id, request_type, status, dry_run,"
      " lift_restriction, reason, identifier_kinds, identifier_hashes, requested_by, receive_time, due_time)"
      " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::text[], $9::bytea[], $10, npsd.from_micros($11),"
      " npsd.from_micros($12))",
      tenant_id, request.id, domain::DataSubjectRequestTypeName(request.type),
      domain::DataSubjectRequestStatusName(request.status), request.dry_run, request.lift_restriction,
      request.reason, kinds, bytes, request.requested_by, absl::ToUnixMicros(request.receive_time),
      absl::ToUnixMicros(request.due_time));
}

absl::StatusOr<domain::DataSubjectRequest> SelectRequest(pqxx::work& txn, const std::string& tenant_id,
                                                         const std::string& request_id, bool lock) {
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT ") + kRequestColumns +
          " FROM npsd.data_subject_requests q WHERE q.tenant_id = $1::uuid AND q.request_id = $2::uuid" +
          (lock ? " FOR UPDATE" : ""),
      tenant_id, request_id);
  if (rows.empty()) return absl::NotFoundError("data-subject request not found");
  return ReadRequest(rows[0]);
}

std::vector<IdentifierHash> SelectRequestHashes(pqxx::work& txn, const std::string& tenant_id,
                                                const std::string& request_id) {
  std::vector<IdentifierHash> hashes;
  for (const auto& row : txn.exec_params(
           "SELECT u.kind, u.hash FROM npsd.data_subject_requests q,"
           " unnest(q.identifier_kinds, q.identifier_hashes) AS u(kind, hash)"
           " WHERE q.tenant_id = $1::uuid AND q.request_id = $2::uuid",
           tenant_id, request_id)) {
    hashes.push_back({row[0].as<std::string>(), BytesField(row[1])});
  }
  return hashes;
}

std::vector<domain::DataSubjectRequest> SelectRequestsNaming(pqxx::work& txn, const std::string& tenant_id,
                                                             const std::vector<IdentifierHash>& hashes) {
  std::vector<domain::DataSubjectRequest> requests;
  if (hashes.empty()) return requests;
  for (const auto& row : txn.exec_params(
           std::string("SELECT ") + kRequestColumns +
               " FROM npsd.data_subject_requests q WHERE q.tenant_id = $1::uuid"
               " AND q.identifier_hashes && $2::bytea[] ORDER BY q.receive_time, q.request_id",
           tenant_id, HashParameters(hashes).second)) {
    requests.push_back(ReadRequest(row));
  }
  return requests;
}

absl::StatusOr<domain::DataSubjectRequest> TransitionRequest(pqxx::work& txn, const std::string& tenant_id,
                                                             const std::string& request_id,
                                                             const domain::RequestOutcome& outcome, absl::Time now) {
  NPSD_ASSIGN_OR_RETURN(domain::DataSubjectRequest request, SelectRequest(txn, tenant_id, request_id, true));
  NPSD_RETURN_IF_ERROR(domain::CheckStatusTransition(request.status, outcome.status));
  const bool terminal = domain::IsTerminal(outcome.status);
  txn.exec_params(
      "UPDATE npsd.data_subject_requests SET status = $3, detail = $4, subjects_found = $5, records_found = $6,"
      " records_affected = $7, complete_time = CASE WHEN $8 THEN npsd.from_micros($9) END"
      " WHERE tenant_id = $1::uuid AND request_id = $2::uuid",
      tenant_id, request_id, domain::DataSubjectRequestStatusName(outcome.status), outcome.detail,
      outcome.subjects_found, outcome.records_found, outcome.records_affected, terminal, absl::ToUnixMicros(now));
  return SelectRequest(txn, tenant_id, request_id, false);
}

}  // namespace npsd::storage::pg
