// subject_resolution.cc — set-based subject lookup and creation.
#include "storage/pg/subject_resolution.h"

#include "crypto/random.h"
#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

absl::Status HashRequestIdentifiers(const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
                                    const std::vector<SubjectRequest*>& requests) {
  for (SubjectRequest* request : requests) {
    NPSD_ASSIGN_OR_RETURN(request->keys, HashIdentifiers(cipher, tenant_id, request->identifiers));
  }
  return absl::OkStatus();
}

// The statement probes the suppression list and the identifier index once per
// identifier; LIMIT subqueries are never flattened, so each probe stays an index lookup
// on the full key whatever the tables' statistics say.
std::string LookUpSql(BatchTransaction& txn, const std::string& tenant_id,
                      const std::vector<SubjectRequest*>& requests) {
  std::vector<IdentifierHash> keys;
  for (const SubjectRequest* request : requests) keys.insert(keys.end(), request->keys.begin(), request->keys.end());
  if (keys.empty()) return "";
  static const BatchStatement* const statement = new BatchStatement{
      "npsd_look_up_subjects",
      "SELECT w.kind, w.hash, x.suppressed, f.subject_id::text, f.restricted, f.wrapped_key"
      " FROM unnest($1::text[], $2::bytea[]) AS w(kind, hash)"
      " CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM npsd.suppressed_identifiers"
      " WHERE tenant_id = $3::uuid AND kind = w.kind AND lookup_hash = w.hash) AS suppressed) x"
      " LEFT JOIN LATERAL (SELECT s.subject_id, s.restricted, s.wrapped_key FROM npsd.subject_identifiers i"
      " JOIN npsd.subjects s ON s.tenant_id = i.tenant_id AND s.subject_id = i.subject_id"
      " WHERE i.tenant_id = $3::uuid AND i.kind = w.kind AND i.lookup_hash = w.hash LIMIT 1) f ON true"};
  const auto [kinds, hashes] = HashParameters(keys);
  return txn.Inline(*statement, {txn.Quote(kinds), txn.Quote(hashes), txn.Quote(tenant_id)});
}

IdentifierLookup ReadLookup(const pqxx::result& rows) {
  IdentifierLookup lookup;
  for (const auto& row : rows) {
    const IdentifierHash key{row[0].as<std::string>(), BytesField(row[1])};
    if (row[2].as<bool>()) lookup.suppressed.insert(key);
    if (!row[3].is_null()) {
      lookup.known[key] = KnownSubject{row[3].as<std::string>(), row[4].as<bool>(), BytesField(row[5])};
    }
  }
  return lookup;
}

absl::Status ResolveSubjects(const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
                             IdentifierLookup lookup, const std::vector<SubjectRequest*>& requests,
                             NewSubjects& created) {
  const std::set<IdentifierHash>& suppressed = lookup.suppressed;
  std::map<IdentifierHash, KnownSubject>& known = lookup.known;
  std::map<std::string, std::string> data_keys;  // subject id -> unwrapped data key
  std::set<IdentifierHash> stored;  // identifiers that exist or are being added
  for (const auto& [key, subject] : known) stored.insert(key);
  for (SubjectRequest* pending : requests) {
    SubjectRequest& request = *pending;
    if (request.identifiers.empty()) continue;
    const KnownSubject* subject = nullptr;
    for (const IdentifierHash& key : request.keys) {
      if (suppressed.count(key) > 0) {
        request.status = absl::FailedPreconditionError(
            "the subject's data was erased; responses about this person are refused");
        break;
      }
      if (subject == nullptr && known.count(key) > 0) subject = &known[key];
    }
    if (!request.status.ok()) continue;
    if (subject != nullptr && subject->restricted) {
      request.status = absl::FailedPreconditionError("processing of this person's data is restricted");
      continue;
    }
    if (subject != nullptr) {
      request.subject_id = subject->subject_id;
      if (data_keys.count(subject->subject_id) == 0) {
        NPSD_ASSIGN_OR_RETURN(data_keys[subject->subject_id],
                              cipher.UnwrapSubjectKey(tenant_id, subject->subject_id, subject->wrapped_key));
      }
    } else {
      NPSD_ASSIGN_OR_RETURN(request.subject_id, crypto::RandomUuid());
      NPSD_ASSIGN_OR_RETURN(privacy::SubjectKey key, cipher.NewSubjectKey(tenant_id, request.subject_id));
      data_keys[request.subject_id] = key.data_key;
      created.subject_ids.push_back(request.subject_id);
      created.wrapped_keys.push_back(ByteaText(key.wrapped));
    }
    request.data_key = data_keys[request.subject_id];
    for (size_t k = 0; k < request.keys.size(); ++k) {
      const IdentifierHash& key = request.keys[k];
      if (!stored.insert(key).second) continue;
      // Later items of this batch naming the same identifier find this subject.
      known[key] = KnownSubject{request.subject_id, false, ""};
      NPSD_ASSIGN_OR_RETURN(std::string sealed, cipher.SealIdentifier(request.data_key, tenant_id, request.subject_id,
                                                                      request.identifiers[k]));
      created.kinds.push_back(key.kind);
      created.hashes.push_back(ByteaText(key.hash));
      created.owner_ids.push_back(request.subject_id);
      created.ciphertexts.push_back(ByteaText(sealed));
    }
  }
  return absl::OkStatus();
}

}  // namespace npsd::storage::pg
