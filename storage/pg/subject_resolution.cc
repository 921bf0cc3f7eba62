// subject_resolution.cc — set-based subject lookup and creation.
#include "storage/pg/subject_resolution.h"

#include <map>
#include <set>

#include "crypto/random.h"
#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {
namespace {

// KnownSubject is an existing subject found through one of its identifiers.
struct KnownSubject {
  std::string subject_id;
  bool restricted = false;
  std::string wrapped_key;
};

// HashKey is the map key of an identifier: its kind and its lookup hash.
using HashKey = std::pair<std::string, std::string>;

// LookupParameters renders identifiers as parallel kind[] and bytea[] parameters.
std::pair<std::string, std::string> LookupParameters(const std::vector<HashKey>& keys) {
  std::vector<std::string> kinds, hashes;
  for (const auto& [kind, hash] : keys) {
    kinds.push_back(kind);
    hashes.push_back(ByteaText(hash));
  }
  return {TextArrayLiteral(kinds), TextArrayLiteral(hashes)};
}

// Lookup is what the database holds for a batch's identifiers.
struct Lookup {
  std::set<HashKey> suppressed;            // erased identifiers, refused for good
  std::map<HashKey, KnownSubject> known;  // identifiers of existing subjects
};

// LookUp probes the suppression list and the identifier index once per identifier, in
// one statement; LIMIT subqueries are never flattened, so each probe stays an index
// lookup on the full key whatever the tables' statistics say.
Lookup LookUp(BatchTransaction& txn, const std::string& tenant_id, const std::vector<HashKey>& keys) {
  const auto [kinds, hashes] = LookupParameters(keys);
  Lookup lookup;
  static const BatchStatement* const statement = new BatchStatement{
      "npsd_look_up_subjects",
      "SELECT w.kind, w.hash, x.suppressed, f.subject_id::text, f.restricted, f.wrapped_key"
      " FROM unnest($1::text[], $2::bytea[]) AS w(kind, hash)"
      " CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM npsd.suppressed_identifiers"
      " WHERE tenant_id = $3::uuid AND kind = w.kind AND lookup_hash = w.hash) AS suppressed) x"
      " LEFT JOIN LATERAL (SELECT s.subject_id, s.restricted, s.wrapped_key FROM npsd.subject_identifiers i"
      " JOIN npsd.subjects s ON s.tenant_id = i.tenant_id AND s.subject_id = i.subject_id"
      " WHERE i.tenant_id = $3::uuid AND i.kind = w.kind AND i.lookup_hash = w.hash LIMIT 1) f ON true"};
  for (const auto& row : txn.Exec(*statement, kinds, hashes, tenant_id)) {
    const HashKey key{row[0].as<std::string>(), BytesField(row[1])};
    if (row[2].as<bool>()) lookup.suppressed.insert(key);
    if (!row[3].is_null()) {
      lookup.known[key] = KnownSubject{row[3].as<std::string>(), row[4].as<bool>(), BytesField(row[5])};
    }
  }
  return lookup;
}

// SubjectWrites collects the rows a batch adds.
struct SubjectWrites {
  std::vector<std::string> new_ids, new_wrapped_keys;
  std::vector<std::string> kinds, hashes, owner_ids, ciphertexts;
  std::set<HashKey> stored;  // identifiers that exist or are being added
};

// Insert adds the new subjects and identifiers in one statement (the identifiers'
// foreign keys are checked at its end, when the subjects exist). When two writers
// create the same person at once, the second one's identifier waits for the first
// one's commit and then violates the identifiers' key: its batch fails as
// ALREADY_EXISTS, which the writer retries, and the retry finds the person. (Skipping
// the identifier instead would leave a second subject that no request about the
// person could find: its responses would escape access and erasure.)
void Insert(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher, const std::string& tenant_id,
            const SubjectWrites& writes) {
  if (writes.kinds.empty()) return;
  static const BatchStatement* const statement = new BatchStatement{
      "npsd_insert_subjects",
      "WITH new_subjects AS (INSERT INTO npsd.subjects (tenant_id, subject_id, wrapped_key, master_key_id)"
      " SELECT $1::uuid, id, key, $4 FROM unnest($2::uuid[], $3::bytea[]) AS u(id, key))"
      " INSERT INTO npsd.subject_identifiers (tenant_id, kind, lookup_hash, subject_id, value_ciphertext)"
      " SELECT $1::uuid, k, h, s, c FROM unnest($5::text[], $6::bytea[], $7::uuid[], $8::bytea[]) AS u(k, h, s, c)"};
  txn.Exec(*statement, tenant_id, TextArrayLiteral(writes.new_ids), TextArrayLiteral(writes.new_wrapped_keys),
           cipher.master_key_id(), TextArrayLiteral(writes.kinds), TextArrayLiteral(writes.hashes),
           TextArrayLiteral(writes.owner_ids), TextArrayLiteral(writes.ciphertexts));
}

}  // namespace

absl::Status ResolveSubjects(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher,
                             const std::string& tenant_id, std::vector<SubjectRequest*>& requests) {
  std::vector<std::vector<HashKey>> request_keys(requests.size());
  std::vector<HashKey> all_keys;
  for (size_t i = 0; i < requests.size(); ++i) {
    for (const domain::NormalizedIdentifier& identifier : requests[i]->identifiers) {
      NPSD_ASSIGN_OR_RETURN(std::string hash, cipher.LookupHash(tenant_id, identifier));
      request_keys[i].push_back({domain::IdentifierKindName(identifier.kind), hash});
      all_keys.push_back(request_keys[i].back());
    }
  }
  if (all_keys.empty()) return absl::OkStatus();
  Lookup lookup = LookUp(txn, tenant_id, all_keys);
  const std::set<HashKey>& suppressed = lookup.suppressed;
  std::map<HashKey, KnownSubject>& known = lookup.known;
  std::map<std::string, std::string> data_keys;  // subject id -> unwrapped data key
  SubjectWrites writes;
  for (const auto& [key, subject] : known) writes.stored.insert(key);
  for (size_t i = 0; i < requests.size(); ++i) {
    SubjectRequest& request = *requests[i];
    if (request.identifiers.empty()) continue;
    const KnownSubject* subject = nullptr;
    for (const HashKey& key : request_keys[i]) {
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
      writes.new_ids.push_back(request.subject_id);
      writes.new_wrapped_keys.push_back(ByteaText(key.wrapped));
    }
    request.data_key = data_keys[request.subject_id];
    for (size_t k = 0; k < request_keys[i].size(); ++k) {
      const HashKey& key = request_keys[i][k];
      if (!writes.stored.insert(key).second) continue;
      // Later items of this batch naming the same identifier find this subject.
      known[key] = KnownSubject{request.subject_id, false, ""};
      NPSD_ASSIGN_OR_RETURN(std::string sealed, cipher.SealIdentifier(request.data_key, tenant_id, request.subject_id,
                                                                      request.identifiers[k]));
      writes.kinds.push_back(key.first);
      writes.hashes.push_back(ByteaText(key.second));
      writes.owner_ids.push_back(request.subject_id);
      writes.ciphertexts.push_back(ByteaText(sealed));
    }
  }
  Insert(txn, cipher, tenant_id, writes);
  return absl::OkStatus();
}

}  // namespace npsd::storage::pg
