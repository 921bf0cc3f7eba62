// rollup_update.cc — set-based rollup upserts.
#include "storage/pg/rollup_update.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {
namespace {

// UpsertSql builds the statement for one rollup table keyed by `dimensions`.
std::string UpsertSql(const std::string& table, const std::vector<std::string>& dimensions,
                      const std::string& condition, const std::string& source, const std::string& time_zone,
                      const std::string& shard, RollupDirection direction) {
  const std::string sign = direction == RollupDirection::kAdd ? "" : "-";
  std::vector<std::string> counts, columns, updates;
  for (int score = 0; score <= 10; ++score) {
    counts.push_back(absl::StrCat(sign, "count(*) FILTER (WHERE score = ", score, ")"));
    columns.push_back(absl::StrCat("s", score));
    updates.push_back(absl::StrCat("s", score, " = r.s", score, " + excluded.s", score));
  }
  const std::string groups = absl::StrCat("tenant_id, day, ", absl::StrJoin(dimensions, ", "));
  const std::string keys = absl::StrCat(groups, ", shard");
  return absl::StrCat("INSERT INTO npsd.", table, " AS r (", keys, ", ", absl::StrJoin(columns, ", "), ")",
                      " SELECT tenant_id, (answered_at AT TIME ZONE ", time_zone, ")::date AS day, ",
                      absl::StrJoin(dimensions, ", "), ", ", shard, ", ", absl::StrJoin(counts, ", "), " FROM ",
                      source, " WHERE ", condition, " GROUP BY ", groups, " ORDER BY ", groups, " ON CONFLICT (",
                      keys, ") DO UPDATE SET ", absl::StrJoin(updates, ", "));
}

}  // namespace

std::vector<std::string> RollupStatements(const std::string& source, const std::string& time_zone,
                                          const std::string& shard, RollupDirection direction) {
  return {UpsertSql("response_rollups", {"campaign_id", "channel", "region_code", "brand_code", "business_unit_code"},
                    "true", source, time_zone, shard, direction),
          UpsertSql("agent_rollups", {"campaign_id", "channel", "agent_id", "queue", "team"},
                    "agent_id <> '' OR queue <> '' OR team <> ''", source, time_zone, shard, direction)};
}

void UpdateRollups(pqxx::work& txn, const std::string& tenant_id, const std::string& time_zone,
                   const std::vector<std::string>& response_ids, RollupDirection direction) {
  if (response_ids.empty()) return;
  const std::string source =
      "(SELECT * FROM npsd.responses WHERE tenant_id = $1::uuid AND response_id = ANY ($3::uuid[])) AS changed";
  for (const std::string& sql : RollupStatements(source, "$2", "0", direction)) {
    txn.exec_params(sql, tenant_id, time_zone, TextArrayLiteral(response_ids));
  }
}

}  // namespace npsd::storage::pg
