// last_surveyed.cc — reading and keeping a person's last-surveyed time.
#include "storage/pg/last_surveyed.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

std::string LastSurveyedSql(const std::string& subject) {
  return absl::StrCat("greatest(", subject, ".last_surveyed_at, (SELECT max(r.answered_at) FROM npsd.responses r WHERE",
                      " r.tenant_id = ", subject, ".tenant_id AND r.subject_id = ", subject, ".subject_id))");
}

std::set<std::string> KeepLastSurveyed(pqxx::work& txn, const std::string& tenant_id,
                                       const std::map<std::string, absl::Time>& latest) {
  std::set<std::string> skipped;
  if (latest.empty()) return skipped;
  std::vector<std::string> subject_ids, micros;
  for (const auto& [subject_id, at] : latest) {
    subject_ids.push_back(subject_id);
    micros.push_back(absl::StrCat(absl::ToUnixMicros(at)));
    skipped.insert(subject_id);
  }
  for (const auto& row : txn.exec_params(
           "WITH gone AS (SELECT * FROM unnest($2::uuid[], $3::bigint[]) AS g(subject_id, latest_micros)),"
           " locked AS (SELECT s.subject_id FROM npsd.subjects s"
           "  WHERE s.tenant_id = $1::uuid AND s.subject_id IN (SELECT subject_id FROM gone)"
           "  ORDER BY s.subject_id FOR NO KEY UPDATE SKIP LOCKED),"
           " kept AS (UPDATE npsd.subjects s SET last_surveyed_at = npsd.from_micros(gone.latest_micros) FROM gone"
           "  WHERE s.tenant_id = $1::uuid AND s.subject_id = gone.subject_id"
           "  AND s.subject_id IN (SELECT subject_id FROM locked)"
           "  AND (s.last_surveyed_at IS NULL OR s.last_surveyed_at < npsd.from_micros(gone.latest_micros)))"
           " SELECT subject_id::text FROM locked",
           tenant_id, TextArrayLiteral(subject_ids), TextArrayLiteral(micros))) {
    skipped.erase(row[0].as<std::string>());
  }
  return skipped;
}

}  // namespace npsd::storage::pg
