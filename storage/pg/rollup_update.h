// rollup_update.h — keeping the NPS rollups equal to the raw responses.
//
// Every statement that adds or removes responses adjusts npsd.response_rollups and
// npsd.agent_rollups in the same transaction, so the rollups always equal a recount of
// the raw rows. Rows are grouped and sorted by key before the upsert, so concurrent
// writers lock rollup rows in the same order and cannot deadlock on them. Each
// group-commit writer counts into a shard of its own (migration 0009), so writers do not
// wait for each other's commits; every other change counts into shard 0. Readers sum the
// shards.
#ifndef NPSD_STORAGE_PG_ROLLUP_UPDATE_H_
#define NPSD_STORAGE_PG_ROLLUP_UPDATE_H_

#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace npsd::storage::pg {

// RollupDirection says whether responses enter (+1) or leave (-1) the rollups.
enum class RollupDirection { kAdd, kRemove };

// RollupStatements returns one INSERT ... ON CONFLICT DO UPDATE per rollup table that
// counts the rows of `source` (any relation with the columns of npsd.responses, e.g. a
// CTE's name) into or out of the rollups' shard given by the SQL expression `shard`, with
// days in the time zone given by the SQL expression `time_zone`. They can run alone or
// as data-modifying CTEs.
std::vector<std::string> RollupStatements(const std::string& source, const std::string& time_zone,
                                          const std::string& shard, RollupDirection direction);

// UpdateRollups counts the stored responses `response_ids` of `tenant_id` into (or out
// of) the rollups' shard 0, with days in `time_zone`. Call it after inserting and before
// deleting the responses.
void UpdateRollups(pqxx::work& txn, const std::string& tenant_id, const std::string& time_zone,
                   const std::vector<std::string>& response_ids, RollupDirection direction);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_ROLLUP_UPDATE_H_
