// rollup_update.cc — set-based rollup upserts.
#include "storage/pg/rollup_update.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {
namespace {

// UpsertSql builds the statement for one rollup table keyed by `dimensions`.
std::string UpsertSql(const std::string& table, const std::vector<std::string>& dimensions,
                      const std::string& extra_condition, RollupDirection direction) {
  const std::string sign = direction == RollupDirection::kAdd ? "" : "-";
  std::vector<std::string> counts, columns, updates;
  for (int score = 0; score <= 10; ++score) {
    counts.push_back(absl::StrCat(sign, "count(*) FILTER (WHERE score = ", score, ")"));
    columns.push_back(absl::StrCat("s", score));
    updates.push_back(absl::StrCat("s", score, " = r.s", score, " + excluded.s", score));
  }
  const std::string keys = absl::StrCat("tenant_id, day, ", absl::StrJoin(dimensions, ", "));
  return absl::StrCat("INSERT INTO npsd.", table, " AS r (", keys, ", ", absl::StrJoin(columns, ", "), ")",
                      " SELECT tenant_id, (answered_at AT TIME ZONE $2)::date AS day, ",
                      absl::StrJoin(dimensions, ", "), ", ", absl::StrJoin(counts, ", "),
                      " FROM npsd.responses WHERE tenant_id = $1::uuid AND response_id = ANY ($3::uuid[])",
                      extra_condition, " GROUP BY ", keys, " ORDER BY ", keys,
                      " ON CONFLICT (", keys, ") DO UPDATE SET ", absl::StrJoin(updates, ", "));
}

}  // namespace

void UpdateRollups(pqxx::work& txn, const std::string& tenant_id, const std::string& time_zone,
                   const std::vector<std::string>& response_ids, RollupDirection direction) {
  if (response_ids.empty()) return;
  static const auto* const kStatements = [] {
    const std::vector<std::string> organization = {"campaign_id", "channel", "region_code", "brand_code",
                                                   "business_unit_code"};
    const std::vector<std::string> contact_center = {"campaign_id", "channel", "agent_id", "queue", "team"};
    const std::string has_agent = " AND (agent_id <> '' OR queue <> '' OR team <> '')";
    auto* statements = new std::vector<std::pair<RollupDirection, std::string>>;
    for (RollupDirection d : {RollupDirection::kAdd, RollupDirection::kRemove}) {
      statements->emplace_back(d, UpsertSql("response_rollups", organization, "", d));
      statements->emplace_back(d, UpsertSql("agent_rollups", contact_center, has_agent, d));
    }
    return statements;
  }();
  const std::string ids = TextArrayLiteral(response_ids);
  for (const auto& [statement_direction, sql] : *kStatements) {
    if (statement_direction == direction) txn.exec_params(sql, tenant_id, time_zone, ids);
  }
}

}  // namespace npsd::storage::pg
