// benchmark_query.h — the one statement that counts responses for analytics.
//
// A count request names groupings (a total, one or two dimensions, or local days);
// each is planned on its own source — npsd.response_rollups, npsd.agent_rollups or
// npsd.responses — and the time range is split into whole days of the tenant's
// reporting time zone (rollups) and partial edge days (responses). All parts run as
// one UNION ALL statement, so every grouping sees the same snapshot:
//
//   CountRequest request{tenant_id, &filter, settings.reporting_time_zone,
//                        settings.reporting_time_zone, {{kTotal, {}, false}}};
//   NPSD_ASSIGN_OR_RETURN(std::vector<CountRow> rows, CountResponses(txn, request));
#ifndef NPSD_STORAGE_PG_BENCHMARK_QUERY_H_
#define NPSD_STORAGE_PG_BENCHMARK_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/benchmark.h"
#include "domain/nps_statistics.h"
#include "storage/benchmark_repository.h"

namespace npsd::storage::pg {

// Grouping is one result set of a count request.
struct Grouping {
  int kind = 0;                               // tags this grouping's rows
  std::vector<domain::Dimension> dimensions;  // zero (a total) to two
  bool by_day = false;                        // also per local day
};

// CountRequest describes what to count for one tenant.
struct CountRequest {
  std::string tenant_id;
  const BenchmarkFilter* filter = nullptr;
  std::string reporting_time_zone;  // the calendar of the rollups' days
  std::string day_time_zone;        // the calendar of by_day groupings
  std::vector<Grouping> groupings;
};

// CountRow is one row of a grouping: the stored values of its dimensions, its local
// day (when grouped by day) and its histogram.
struct CountRow {
  int kind = 0;
  std::vector<std::string> values;
  absl::CivilDay day;
  domain::ScoreHistogram histogram;
};

// CountResponses runs `request` in `txn`. A grouping without dimensions or days
// always yields exactly one row; other groupings yield a row per non-empty group.
absl::StatusOr<std::vector<CountRow>> CountResponses(pqxx::work& txn, const CountRequest& request);

// LocalDay returns the day containing the instant `micros` (since the epoch) in the
// calendar of `time_zone`, as PostgreSQL computes it for the rollups.
absl::CivilDay LocalDay(pqxx::work& txn, int64_t micros, const std::string& time_zone);

// CeilMicros returns `time` in microseconds since the epoch, rounded up: stored
// times have microsecond precision, so `t >= time` iff `t >= CeilMicros(time)`.
int64_t CeilMicros(absl::Time time);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_BENCHMARK_QUERY_H_
