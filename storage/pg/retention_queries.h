// retention_queries.h — the SQL that finds what a retention plan acts on.
//
// A domain::RetentionPlan is turned into query parameters (the default cutoffs and one
// row per campaign override); the same conditions serve the runner, which takes
// candidates in locked batches, and PreviewRetention, which only counts them. The
// plan's latest cutoff bounds every scan to responses old enough to matter.
#ifndef NPSD_STORAGE_PG_RETENTION_QUERIES_H_
#define NPSD_STORAGE_PG_RETENTION_QUERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/time/time.h"
#include "domain/retention.h"
#include "storage/privacy_repository.h"

namespace npsd::storage::pg {

// RetentionCandidate is a response a plan deletes or strips of its personal data.
struct RetentionCandidate {
  std::string response_id;
  std::string campaign_id;
  absl::Time answered_at;
  bool has_personal_data = false;
  std::string subject_id;  // empty: anonymous
};

// SelectRetentionCandidates returns up to `limit` candidates of `tenant_id`, oldest
// answers first, locked FOR UPDATE; rows locked by other transactions are skipped
// (the next batch or run takes them).
std::vector<RetentionCandidate> SelectRetentionCandidates(pqxx::work& txn, const std::string& tenant_id,
                                                          const domain::RetentionPlan& plan,
                                                          const std::vector<std::string>& personal_attribute_keys,
                                                          int limit);

// DeleteExpiredSubjects deletes up to `limit` subjects of `tenant_id` that no response
// refers to, that are not restricted and that were last surveyed (or created) before
// `cutoff`; their identifiers go with them. Returns how many it deleted.
int64_t DeleteExpiredSubjects(pqxx::work& txn, const std::string& tenant_id, absl::Time cutoff, int limit);

// CountRetention counts what a run of `plan` would change (as_of is left unset).
RetentionPreview CountRetention(pqxx::work& txn, const std::string& tenant_id, const domain::RetentionPlan& plan,
                                const std::vector<std::string>& personal_attribute_keys);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RETENTION_QUERIES_H_
