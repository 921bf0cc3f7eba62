// last_surveyed.cc — reading and keeping a person's last-surveyed time.
#include "storage/pg/last_surveyed.h"

#include "absl/strings/str_cat.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

std::string LastSurveyedSql(const std::string& subject) {
  return absl::StrCat("greatest(", subject, ".last_surveyed_at, (SELECT max(r.answered_at) FROM npsd.responses r WHERE",
                      " r.tenant_id = ", subject, ".tenant_id AND r.subject_id = ", subject, ".subject_id))");
}

std::set<std::string> KeepLastSurveyed(pqxx::work& txn, const std::string& tenant_id,
                                       const std::vector<std::string>& response_ids) {
  std::set<std::string> skipped;
  if (response_ids.empty()) return skipped;
  for (const auto& row : txn.exec_params(
           "WITH gone AS (SELECT subject_id, max(answered_at) AS latest FROM npsd.responses"
           "  WHERE tenant_id = $1::uuid AND response_id = ANY ($2::uuid[]) AND subject_id IS NOT NULL"
           "  GROUP BY subject_id),"
           " locked AS (SELECT s.subject_id FROM npsd.subjects s"
           "  WHERE s.tenant_id = $1::uuid AND s.subject_id IN (SELECT subject_id FROM gone)"
           "  ORDER BY s.subject_id FOR NO KEY UPDATE SKIP LOCKED),"
           " kept AS (UPDATE npsd.subjects s SET last_surveyed_at = gone.latest FROM gone"
           "  WHERE s.tenant_id = $1::uuid AND s.subject_id = gone.subject_id"
           "  AND s.subject_id IN (SELECT subject_id FROM locked)"
           "  AND (s.last_surveyed_at IS NULL OR s.last_surveyed_at < gone.latest))"
           " SELECT r.response_id::text FROM npsd.responses r"
           " WHERE r.tenant_id = $1::uuid AND r.response_id = ANY ($2::uuid[]) AND r.subject_id IS NOT NULL"
           " AND r.subject_id NOT IN (SELECT subject_id FROM locked)",
           tenant_id, TextArrayLiteral(response_ids))) {
    skipped.insert(row[0].as<std::string>());
  }
  return skipped;
}

}  // namespace npsd::storage::pg
