// data_subject_execution.h — carrying out a data-subject request inside one transaction.
//
// The person's subjects are found by the lookup hashes of the request's identifiers and
// locked, so ingestion cannot add to them while the request runs. Then, by type:
//   ACCESS         counts what is stored (the export is read by subject_export.h);
//   RESTRICTION    sets (or, with lift_restriction, clears) npsd.subjects.restricted;
//   RECTIFICATION  replaces the subject's identifiers of each kind given with the new
//                  value: new lookup hash, new ciphertext under the subject's data key;
//   ERASURE        strips or deletes the responses (tenant's erasure mode), suppresses
//                  every identifier of the person and of the request, then deletes the
//                  subject rows: their wrapped data keys go, which makes every copy of
//                  their ciphertext unreadable (crypto-shredding), and their identifiers
//                  cascade. A legal hold on any of the responses rejects the erasure.
// A dry run evaluates the same and writes nothing.
#ifndef NPSD_STORAGE_PG_DATA_SUBJECT_EXECUTION_H_
#define NPSD_STORAGE_PG_DATA_SUBJECT_EXECUTION_H_

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "domain/data_subject_request.h"
#include "privacy/personal_data_cipher.h"
#include "storage/pg/subject_lookup.h"

namespace npsd::storage::pg {

// ExecuteDataSubjectRequest carries out `request` of `tenant_id`, whose identifiers
// hash to `hashes`, and returns its terminal outcome. Errors (cipher failures, DATA_LOSS
// for a wrapped key that does not open) mean the transaction must roll back.
absl::StatusOr<domain::RequestOutcome> ExecuteDataSubjectRequest(pqxx::work& txn,
                                                                 const privacy::PersonalDataCipher& cipher,
                                                                 const std::string& tenant_id,
                                                                 const domain::ValidDataSubjectRequest& request,
                                                                 const std::vector<IdentifierHash>& hashes);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_DATA_SUBJECT_EXECUTION_H_
