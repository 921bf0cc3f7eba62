// data_subject_request_rows.h — the rows of npsd.data_subject_requests.
//
// A request row holds the request's type, status, counts and times, and the lookup
// hashes of the identifiers it named (never their values), by which a later ACCESS
// export finds the person again and lists the requests about them.
#ifndef NPSD_STORAGE_PG_DATA_SUBJECT_REQUEST_ROWS_H_
#define NPSD_STORAGE_PG_DATA_SUBJECT_REQUEST_ROWS_H_

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/data_subject_request.h"
#include "storage/pg/subject_lookup.h"

namespace npsd::storage::pg {

// kRequestColumns selects a request (table alias `q`) in the order ReadRequest reads.
extern const char kRequestColumns[];

// ReadRequest reads a row selected with kRequestColumns.
domain::DataSubjectRequest ReadRequest(const pqxx::row& row);

// InsertRequest stores a new request of `tenant_id` with the hashes of its identifiers.
void InsertRequest(pqxx::work& txn, const std::string& tenant_id, const domain::DataSubjectRequest& request,
                   const std::vector<IdentifierHash>& hashes);

// SelectRequest reads one request (FOR UPDATE when `lock`), or NOT_FOUND.
absl::StatusOr<domain::DataSubjectRequest> SelectRequest(pqxx::work& txn, const std::string& tenant_id,
                                                         const std::string& request_id, bool lock);

// SelectRequestHashes returns the identifier hashes a request named.
std::vector<IdentifierHash> SelectRequestHashes(pqxx::work& txn, const std::string& tenant_id,
                                                const std::string& request_id);

// SelectRequestsNaming returns the requests that named any of `hashes`, oldest first.
std::vector<domain::DataSubjectRequest> SelectRequestsNaming(pqxx::work& txn, const std::string& tenant_id,
                                                             const std::vector<IdentifierHash>& hashes);

// TransitionRequest moves a request to `outcome.status` (checked by
// domain::CheckStatusTransition) and records the outcome; a terminal status also sets
// the completion time `now`. Returns the updated request.
absl::StatusOr<domain::DataSubjectRequest> TransitionRequest(pqxx::work& txn, const std::string& tenant_id,
                                                             const std::string& request_id,
                                                             const domain::RequestOutcome& outcome, absl::Time now);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_DATA_SUBJECT_REQUEST_ROWS_H_
