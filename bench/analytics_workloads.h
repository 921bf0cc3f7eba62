// analytics_workloads.h — benchmark RPCs over a large data set, and baseline G.
//
// The data set is written straight into the database (generate_series, then the rollups
// rebuilt with the same statements ingestion uses), because streaming ten million
// responses through the API would take longer than the measurement.
#ifndef NPSD_BENCH_ANALYTICS_WORKLOADS_H_
#define NPSD_BENCH_ANALYTICS_WORKLOADS_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"

namespace npsd::bench {

// SeedResponses writes `rows` synthetic responses (two years, 8 regions, 3 brands, 4
// business units, 50 agents) for the tenant and campaign, and their rollups, then
// vacuums and analyzes the tables they are read from.
absl::Status SeedResponses(const std::string& owner_url, const std::string& tenant_id,
                           const std::string& campaign_id, int64_t rows);

// MeasureRawGroupBy is baseline G: the median time of the raw GROUP BY region, brand,
// business unit NPS query over the tenant's responses.
absl::StatusOr<absl::Duration> MeasureRawGroupBy(const std::string& owner_url, const std::string& tenant_id);

// MeasureGetScore and MeasureCompareRegions call the RPC `calls` times, one at a time.
LoadResult MeasureGetScore(const std::shared_ptr<grpc::Channel>& channel, const std::string& token, int calls);
LoadResult MeasureCompareRegions(const std::shared_ptr<grpc::Channel>& channel, const std::string& token, int calls);

}  // namespace npsd::bench

#endif  // NPSD_BENCH_ANALYTICS_WORKLOADS_H_
