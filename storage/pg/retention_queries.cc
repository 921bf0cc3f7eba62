// retention_queries.cc — retention candidate selection and counts.
#include "storage/pg/retention_queries.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/last_surveyed.h"
#include "storage/pg/personal_data_removal.h"

namespace npsd::storage::pg {
namespace {

// PlanParameters are the parameters $2 to $7 shared by every query below: the override
// campaigns with their cutoffs, the default cutoffs and the personal attribute keys.
struct PlanParameters {
  std::string campaign_ids;
  std::string remove_before;
  std::string delete_before;
  std::optional<int64_t> default_remove_before;
  std::optional<int64_t> default_delete_before;
  std::string personal_keys;
};

std::optional<std::string> MicrosText(const std::optional<absl::Time>& time) {
  if (!time) return std::nullopt;
  return absl::StrCat(absl::ToUnixMicros(*time));
}

PlanParameters ParametersOf(const domain::RetentionPlan& plan, const std::vector<std::string>& keys) {
  std::vector<std::string> ids;
  std::vector<std::optional<std::string>> removes, deletes;
  for (const auto& [campaign_id, cutoffs] : plan.campaign_cutoffs()) {
    ids.push_back(campaign_id);
    removes.push_back(MicrosText(cutoffs.remove_personal_data_before));
    deletes.push_back(MicrosText(cutoffs.delete_before));
  }
  return {TextArrayLiteral(ids),
          NullableTextArrayLiteral(removes),
          NullableTextArrayLiteral(deletes),
          OptionalMicros(plan.default_cutoffs().remove_personal_data_before),
          OptionalMicros(plan.default_cutoffs().delete_before),
          TextArrayLiteral(keys)};
}

// kCutoffJoin gives each response `r` its campaign's override cutoffs `o` (NULL row:
// the default cutoffs apply).
constexpr char kCutoffJoin[] =
    " LEFT JOIN unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS o(campaign_id, remove_before, delete_before)"
    " ON o.campaign_id = r.campaign_id";

// DeleteCondition and RemoveCondition decide, in SQL, what RetentionPlan::Decide does.
std::string DeleteCondition() {
  return "coalesce(r.answered_at < npsd.from_micros(CASE WHEN o.campaign_id IS NULL THEN $6::bigint"
         " ELSE o.delete_before END), false)";
}

std::string RemoveCondition() {
  return absl::StrCat("coalesce(", HasPersonalDataSql("$7"),
                      " AND r.answered_at < npsd.from_micros(CASE WHEN o.campaign_id IS NULL THEN $5::bigint"
                      " ELSE o.remove_before END), false)");
}

}  // namespace

std::vector<RetentionCandidate> SelectRetentionCandidates(pqxx::work& txn, const std::string& tenant_id,
                                                          const domain::RetentionPlan& plan,
                                                          const std::vector<std::string>& personal_attribute_keys,
                                                          int limit) {
  std::vector<RetentionCandidate> candidates;
  if (!plan.latest_cutoff()) return candidates;
  const PlanParameters p = ParametersOf(plan, personal_attribute_keys);
  const std::string sql = absl::StrCat(
      "SELECT r.response_id::text, r.campaign_id::text, npsd.to_micros(r.answered_at), ", HasPersonalDataSql("$7"),
      ", coalesce(r.subject_id::text, '') FROM npsd.responses r", kCutoffJoin,
      " WHERE r.tenant_id = $1::uuid AND r.answered_at < npsd.from_micros($8) AND (", DeleteCondition(), " OR ",
      RemoveCondition(), ") ORDER BY r.answered_at LIMIT $9 FOR UPDATE OF r SKIP LOCKED");
  for (const auto& row : txn.exec_params(sql, tenant_id, p.campaign_ids, p.remove_before, p.delete_before,
                                         p.default_remove_before, p.default_delete_before, p.personal_keys,
                                         absl::ToUnixMicros(*plan.latest_cutoff()), limit)) {
    candidates.push_back({row[0].as<std::string>(), row[1].as<std::string>(), TimeField(row[2]), row[3].as<bool>(),
                          row[4].as<std::string>()});
  }
  return candidates;
}

int64_t DeleteExpiredSubjects(pqxx::work& txn, const std::string& tenant_id, absl::Time cutoff, int limit) {
  return txn
      .exec_params(
          absl::StrCat("DELETE FROM npsd.subjects WHERE tenant_id = $1::uuid AND subject_id IN ("
                       " SELECT s.subject_id FROM npsd.subjects s WHERE s.tenant_id = $1::uuid AND NOT s.restricted"
                       " AND coalesce(",
                       LastSurveyedSql("s"),
                       ", s.create_time) < npsd.from_micros($2)"
                       " AND NOT EXISTS (SELECT FROM npsd.responses r WHERE r.tenant_id = $1::uuid"
                       "                 AND r.subject_id = s.subject_id)"
                       " ORDER BY s.subject_id LIMIT $3 FOR UPDATE SKIP LOCKED)"),
          tenant_id, absl::ToUnixMicros(cutoff), limit)
      .affected_rows();
}

RetentionPreview CountRetention(pqxx::work& txn, const std::string& tenant_id, const domain::RetentionPlan& plan,
                                const std::vector<std::string>& personal_attribute_keys) {
  RetentionPreview preview;
  const PlanParameters p = ParametersOf(plan, personal_attribute_keys);
  if (plan.latest_cutoff()) {
    const pqxx::row row = txn.exec_params1(
        absl::StrCat("SELECT count(*) FILTER (WHERE d), count(*) FILTER (WHERE NOT d AND a) FROM (SELECT ",
                     DeleteCondition(), " AS d, ", RemoveCondition(), " AS a FROM npsd.responses r", kCutoffJoin,
                     " WHERE r.tenant_id = $1::uuid AND r.answered_at < npsd.from_micros($8)) x"),
        tenant_id, p.campaign_ids, p.remove_before, p.delete_before, p.default_remove_before, p.default_delete_before,
        p.personal_keys, absl::ToUnixMicros(*plan.latest_cutoff()));
    preview.responses_to_delete = row[0].as<int64_t>();
    preview.responses_to_anonymize = row[1].as<int64_t>();
  }
  if (plan.subject_cutoff()) {
    preview.subjects_to_delete =
        txn.exec_params1(
               absl::StrCat("SELECT count(*) FROM npsd.subjects s WHERE s.tenant_id = $1::uuid AND NOT s.restricted"
                            " AND coalesce(", LastSurveyedSql("s"), ", s.create_time) < npsd.from_micros($8)"
                            " AND NOT EXISTS (SELECT FROM npsd.responses r",
                            kCutoffJoin, " WHERE r.tenant_id = $1::uuid AND r.subject_id = s.subject_id AND NOT (",
                            DeleteCondition(), " OR ", RemoveCondition(), "))"),
               tenant_id, p.campaign_ids, p.remove_before, p.delete_before, p.default_remove_before,
               p.default_delete_before, p.personal_keys, absl::ToUnixMicros(*plan.subject_cutoff()))[0]
            .as<int64_t>();
  }
  return preview;
}

}  // namespace npsd::storage::pg
