// subject_resolution.h — finding or creating the subjects of a batch of responses.
//
// Each identifier is looked up by its keyed hash. A suppressed identifier (erased
// person) or a restricted subject refuses the item; a known identifier gives its
// subject and unwraps its data key; otherwise a new subject with a fresh data key is
// created, and identifiers it did not yet have are stored encrypted under its key.
#ifndef NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_
#define NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "domain/identity.h"
#include "privacy/personal_data_cipher.h"
#include "storage/pg/batch_transaction.h"

namespace npsd::storage::pg {

// SubjectRequest is one item's identity and, once resolved, its subject.
struct SubjectRequest {
  std::vector<domain::NormalizedIdentifier> identifiers;  // input; empty: anonymous
  absl::Status status;     // output: FAILED_PRECONDITION when suppressed or restricted
  std::string subject_id;  // output: set when OK and not anonymous
  std::string data_key;    // output: the subject's data key
};

// ResolveSubjects resolves every request in the transaction's tenant; errors of the
// cipher (never of one item) are returned and abort the batch.
absl::Status ResolveSubjects(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher,
                             const std::string& tenant_id, std::vector<SubjectRequest*>& requests);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_
