// personal_data_removal.h — taking personal data out of responses, or the responses out
// of the database, for ERASURE requests and retention alike.
//
// Removing personal data keeps a response as an anonymous score: its score, times,
// campaign, channel, catalogue codes, locale and agent/queue/team context stay (so the
// rollups do not change), while everything that could lead back to the person goes:
//
//   column               after removal
//   subject_id           NULL (no link to the person's identifiers)
//   comment_ciphertext   NULL
//   interaction_id       ''   (the contact-center platform knows who called)
//   idempotency_key      NULL (often the interaction id)
//   payload_sha256       NULL (a hash of the submission, identifiers and comment included)
//   attributes           without the tenant's personal attribute keys
//
// Deleting a response first takes it out of the rollups (UpdateRollups kRemove), so the
// rollups always equal a recount of the raw rows.
#ifndef NPSD_STORAGE_PG_PERSONAL_DATA_REMOVAL_H_
#define NPSD_STORAGE_PG_PERSONAL_DATA_REMOVAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace npsd::storage::pg {

// HasPersonalDataSql returns the SQL condition that a response (aliased `r`) still
// holds personal data; `keys_parameter` is the placeholder (e.g. "$4") bound to the
// tenant's personal attribute keys as a text[] literal.
std::string HasPersonalDataSql(const std::string& keys_parameter);

// RemovePersonalData strips the personal data from the responses `response_ids` of
// `tenant_id`; returns how many responses it changed.
int64_t RemovePersonalData(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& response_ids,
                           const std::vector<std::string>& personal_attribute_keys);

// DeleteResponses deletes the responses `response_ids` of `tenant_id` that still exist,
// after locking them and taking them out of the rollups; returns how many it deleted.
int64_t DeleteResponses(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& response_ids);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PERSONAL_DATA_REMOVAL_H_
