// pg_benchmark_repository.h — BenchmarkRepository on PostgreSQL.
//
// Counts come from the daily rollups (npsd.response_rollups, npsd.agent_rollups)
// whenever the filter allows, and from npsd.responses otherwise:
//
//   * custom-attribute filters, organization dimensions combined with agent, queue
//     or team, and days in a time zone other than the tenant's reporting time zone
//     are counted from responses only;
//   * a time range that does not fall on local midnights is counted from the
//     rollups for its whole days and from responses for its partial edge days.
//
// Both ways give the same exact integers: the rollups are maintained in the
// transactions that change responses. Every statement is filtered by tenant_id and a
// day or answered_at range, the leading columns of the tables' keys and indexes.
#ifndef NPSD_STORAGE_PG_PG_BENCHMARK_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_BENCHMARK_REPOSITORY_H_

#include "storage/benchmark_repository.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// PgBenchmarkRepository counts responses under the caller's row-level security; the
// industry benchmark alone goes through npsd.industry_benchmark_peers, a SECURITY
// DEFINER function returning anonymous aggregates (docs/ARCHITECTURE.md).
class PgBenchmarkRepository final : public BenchmarkRepository {
 public:
  // PgBenchmarkRepository uses connections of `pool`, which must outlive it.
  explicit PgBenchmarkRepository(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<ScoreTotal> GetTotal(const std::string& tenant_id, const BenchmarkFilter& filter,
                                      absl::Time deadline) override;
  absl::StatusOr<SegmentHistograms> GetSegmentHistograms(const std::string& tenant_id, const BenchmarkFilter& filter,
                                                         const std::vector<domain::Dimension>& dimensions,
                                                         absl::Time deadline) override;
  absl::StatusOr<DailyHistograms> GetDailyHistograms(const std::string& tenant_id, const BenchmarkFilter& filter,
                                                     const std::string& time_zone, absl::Time deadline) override;
  absl::StatusOr<IndustryPeers> GetIndustryPeers(const std::string& tenant_id, int32_t lookback_days,
                                                 absl::Time deadline) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_BENCHMARK_REPOSITORY_H_
