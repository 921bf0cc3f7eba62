// benchmark_proto.h — conversions between nps.v1 benchmark messages and the domain.
//
// Requests are read into queries, collecting every invalid field at once with its
// path (e.g. `filter.region_codes[2]`); results are rendered into responses.
#ifndef NPSD_SERVER_BENCHMARK_PROTO_H_
#define NPSD_SERVER_BENCHMARK_PROTO_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/benchmark.h"
#include "domain/nps_statistics.h"
#include "nps/v1/benchmark_service.pb.h"
#include "storage/benchmark_repository.h"

namespace npsd::server {

// ScoreQuery is a validated GetScoreRequest.
struct ScoreQuery {
  storage::BenchmarkFilter filter;
  domain::AnalysisOptions options;  // minimum_sample_size comes from the tenant
};

// SegmentQuery is a validated CompareSegmentsRequest.
struct SegmentQuery {
  storage::BenchmarkFilter filter;
  domain::AnalysisOptions options;
  std::vector<domain::Dimension> dimensions;  // one or two, distinct
  std::vector<std::string> parent_codes;      // one per dimension, empty for none
  std::optional<std::vector<std::string>> baseline;  // one value per dimension
};

// TrendQuery is a validated GetTrendRequest.
struct TrendQuery {
  storage::BenchmarkFilter filter;
  domain::AnalysisOptions options;
  domain::TrendInterval interval = domain::TrendInterval::kDay;
  std::string time_zone;  // empty: the tenant's reporting time zone
};

// ScoreQueryFromProto reads and validates a GetScoreRequest.
absl::StatusOr<ScoreQuery> ScoreQueryFromProto(const nps::v1::GetScoreRequest& request);

// SegmentQueryFromProto reads and validates a CompareSegmentsRequest.
absl::StatusOr<SegmentQuery> SegmentQueryFromProto(const nps::v1::CompareSegmentsRequest& request);

// TrendQueryFromProto reads and validates a GetTrendRequest.
absl::StatusOr<TrendQuery> TrendQueryFromProto(const nps::v1::GetTrendRequest& request);

// LookbackDaysFromProto maps 0 to 365 and accepts 1 to 3660 days.
absl::StatusOr<int32_t> LookbackDaysFromProto(int32_t lookback_days);

// SampleSizePlan is a validated PlanSampleSizeRequest.
struct SampleSizePlan {
  double target_margin = 0;
  double confidence_percent = 95;
  std::optional<domain::ExpectedShares> expected;
};

// SampleSizePlanFromProto reads and validates a PlanSampleSizeRequest.
absl::StatusOr<SampleSizePlan> SampleSizePlanFromProto(const nps::v1::PlanSampleSizeRequest& request);

// CorrectionToProto maps a correction to the wire.
nps::v1::PValueCorrection CorrectionToProto(domain::PValueCorrection correction);

// ToProto renders the statistics of one group.
nps::v1::NpsStatistics ToProto(const domain::SampleStatistics& statistics);

// SegmentToProto renders one segment: `values` holds its value in each dimension.
nps::v1::Segment SegmentToProto(const std::vector<domain::SegmentValue>& values, const domain::SegmentResult& result);

// ToProto renders one point of a trend.
nps::v1::TrendPoint ToProto(const domain::TrendPointResult& point);

}  // namespace npsd::server

#endif  // NPSD_SERVER_BENCHMARK_PROTO_H_
