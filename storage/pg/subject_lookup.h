// subject_lookup.h — finding the stored subjects of a person by keyed lookup hash.
//
// Data-subject requests name a person by identifiers; they are hashed exactly as
// ingestion hashes them (privacy::PersonalDataCipher::LookupHash) and matched against
// npsd.subject_identifiers. A person may have several subject records when their
// identifiers were first seen apart (an e-mail on one response, a phone on another):
//
//   NPSD_ASSIGN_OR_RETURN(std::vector<IdentifierHash> hashes, HashIdentifiers(cipher, tenant, ids));
//   std::vector<std::string> subjects = FindSubjects(txn, tenant, hashes, /*lock=*/true);
#ifndef NPSD_STORAGE_PG_SUBJECT_LOOKUP_H_
#define NPSD_STORAGE_PG_SUBJECT_LOOKUP_H_

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "domain/identity.h"
#include "privacy/personal_data_cipher.h"

namespace npsd::storage::pg {

// IdentifierHash is an identifier in its stored form: kind name and lookup hash.
struct IdentifierHash {
  std::string kind;
  std::string hash;  // raw bytes

  // Identifiers are ordered by kind, then hash (keys of sets and maps).
  bool operator<(const IdentifierHash& other) const { return std::tie(kind, hash) < std::tie(other.kind, other.hash); }
};

// HashIdentifiers computes the lookup hashes of `identifiers` in `tenant_id`.
absl::StatusOr<std::vector<IdentifierHash>> HashIdentifiers(const privacy::PersonalDataCipher& cipher,
                                                            const std::string& tenant_id,
                                                            const std::vector<domain::NormalizedIdentifier>& identifiers);

// HashParameters renders `hashes` as parallel text[] (kinds) and bytea[] (hashes)
// parameter literals.
std::pair<std::string, std::string> HashParameters(const std::vector<IdentifierHash>& hashes);

// FindSubjects returns the ids of the subjects holding any of `hashes`, sorted, and
// locks their rows FOR UPDATE when `lock` (so ingestion cannot add to them meanwhile).
std::vector<std::string> FindSubjects(pqxx::work& txn, const std::string& tenant_id,
                                      const std::vector<IdentifierHash>& hashes, bool lock);

// SubjectRecordCounts counts the records stored about some subjects.
struct SubjectRecordCounts {
  int64_t identifiers = 0;
  int64_t responses = 0;

  int64_t total() const { return identifiers + responses; }
};

// CountSubjectRecords counts the identifiers and responses of `subject_ids`.
SubjectRecordCounts CountSubjectRecords(pqxx::work& txn, const std::string& tenant_id,
                                        const std::vector<std::string>& subject_ids);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_SUBJECT_LOOKUP_H_
