// subject_resolution.h — finding or creating the subjects of a batch of responses.
//
// Each identifier is looked up by its keyed hash. A suppressed identifier (erased
// person) or a restricted subject refuses the item; a known identifier gives its
// subject and unwraps its data key; otherwise a new subject with a fresh data key is
// created, and identifiers it did not yet have are stored encrypted under its key.
#ifndef NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_
#define NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "domain/identity.h"
#include "privacy/personal_data_cipher.h"
#include "storage/pg/batch_transaction.h"
#include "storage/pg/subject_lookup.h"

namespace npsd::storage::pg {

// SubjectRequest is one item's identity and, once resolved, its subject.
struct SubjectRequest {
  std::vector<domain::NormalizedIdentifier> identifiers;  // input; empty: anonymous
  std::vector<IdentifierHash> keys;                       // one per identifier (HashRequestIdentifiers)
  absl::Status status;     // output: FAILED_PRECONDITION when suppressed or restricted
  std::string subject_id;  // output: set when OK and not anonymous
  std::string data_key;    // output: the subject's data key
};

// KnownSubject is an existing subject found through one of its identifiers.
struct KnownSubject {
  std::string subject_id;
  bool restricted = false;
  std::string wrapped_key;
};

// IdentifierLookup is what the database holds for a batch's identifiers.
struct IdentifierLookup {
  std::set<IdentifierHash> suppressed;            // erased identifiers, refused for good
  std::map<IdentifierHash, KnownSubject> known;  // identifiers of existing subjects
};

// NewSubjects are the subjects a batch creates and the identifiers it adds, as text
// parameters (bytea members in ByteaText form). The batch's response insert stores them
// in the same statement (one round trip less per batch with a new person); the
// responses' subjects are checked at the statement's end (migration 0015).
//
// When two writers create the same person at once, the second one's identifier waits
// for the first one's commit and then violates the identifiers' key: its batch fails
// as ALREADY_EXISTS, which the writer retries, and the retry finds the person.
// (Skipping the identifier instead would leave a second subject that no request about
// the person could find: its responses would escape access and erasure.)
struct NewSubjects {
  std::vector<std::string> subject_ids, wrapped_keys;              // one per new subject
  std::vector<std::string> kinds, hashes, owner_ids, ciphertexts;  // one per new identifier
};

// HashRequestIdentifiers fills in the keys of every request's identifiers (see
// HashIdentifiers); an error is the cipher's (never one item's).
absl::Status HashRequestIdentifiers(const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
                                    const std::vector<SubjectRequest*>& requests);

// LookUpSql returns the statement, for BatchTransaction::ExecTogether, that looks up
// the keys of `requests` in the tenant's context; empty when they have none.
std::string LookUpSql(BatchTransaction& txn, const std::string& tenant_id,
                      const std::vector<SubjectRequest*>& requests);

// ReadLookup reads the rows of LookUpSql's statement.
IdentifierLookup ReadLookup(const pqxx::result& rows);

// ResolveSubjects resolves every request (keys hashed, and looked up in `lookup`) and
// adds what it creates to `created`; errors of the cipher (never of one item) are
// returned and abort the batch.
absl::Status ResolveSubjects(const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
                             IdentifierLookup lookup, const std::vector<SubjectRequest*>& requests,
                             NewSubjects& created);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_SUBJECT_RESOLUTION_H_
