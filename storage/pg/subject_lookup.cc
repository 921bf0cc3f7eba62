// subject_lookup.cc — subject lookups by identifier hash.
#include "storage/pg/subject_lookup.h"

#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

absl::StatusOr<std::vector<IdentifierHash>> HashIdentifiers(
    const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
    const std::vector<domain::NormalizedIdentifier>& identifiers) {
  std::vector<IdentifierHash> hashes;
  for (const domain::NormalizedIdentifier& identifier : identifiers) {
    NPSD_ASSIGN_OR_RETURN(std::string hash, cipher.LookupHash(tenant_id, identifier));
    hashes.push_back({domain::IdentifierKindName(identifier.kind), std::move(hash)});
  }
  return hashes;
}

std::pair<std::string, std::string> HashParameters(const std::vector<IdentifierHash>& hashes) {
  std::vector<std::string> kinds, bytes;
  for (const IdentifierHash& hash : hashes) {
    kinds.push_back(hash.kind);
    bytes.push_back(ByteaText(hash.hash));
  }
  return {TextArrayLiteral(kinds), TextArrayLiteral(bytes)};
}

std::vector<std::string> FindSubjects(pqxx::work& txn, const std::string& tenant_id,
                                      const std::vector<IdentifierHash>& hashes, bool lock) {
  const auto [kinds, bytes] = HashParameters(hashes);
  std::vector<std::string> ids;
  for (const auto& row : txn.exec_params(
           std::string("SELECT s.subject_id::text FROM npsd.subjects s"
                       " WHERE s.tenant_id = $1::uuid AND s.subject_id IN ("
                       "   SELECT i.subject_id FROM unnest($2::text[], $3::bytea[]) AS w(kind, hash)"
                       "   JOIN npsd.subject_identifiers i ON i.tenant_id = $1::uuid AND i.kind = w.kind"
                       "   AND i.lookup_hash = w.hash)"
                       " ORDER BY s.subject_id") +
               (lock ? " FOR UPDATE" : ""),
           tenant_id, kinds, bytes)) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

SubjectRecordCounts CountSubjectRecords(pqxx::work& txn, const std::string& tenant_id,
                                        const std::vector<std::string>& subject_ids) {
  if (subject_ids.empty()) return {};
  const pqxx::row row = txn.exec_params1(
      "SELECT (SELECT count(*) FROM npsd.subject_identifiers WHERE tenant_id = $1::uuid"
      "        AND subject_id = ANY ($2::uuid[])),"
      "       (SELECT count(*) FROM npsd.responses WHERE tenant_id = $1::uuid AND subject_id = ANY ($2::uuid[]))",
      tenant_id, TextArrayLiteral(subject_ids));
  return {row[0].as<int64_t>(), row[1].as<int64_t>()};
}

}  // namespace npsd::storage::pg
