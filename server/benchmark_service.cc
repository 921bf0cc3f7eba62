// benchmark_service.cc — BenchmarkService handlers.
#include "server/benchmark_service.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/benchmark.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "server/access_log.h"
#include "server/benchmark_proto.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kGetScore{"/nps.v1.BenchmarkService/GetScore", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kCompareSegments{"/nps.v1.BenchmarkService/CompareSegments",
                                 MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kGetTrend{"/nps.v1.BenchmarkService/GetTrend", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kGetIndustryBenchmark{"/nps.v1.BenchmarkService/GetIndustryBenchmark",
                                      MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kPlanSampleSize{"/nps.v1.BenchmarkService/PlanSampleSize", MethodPolicy::TenantScope(Scope::kRead)};

// FilterValuesOf returns the values `filter` restricts `dimension` to (none: any).
std::vector<std::string> FilterValuesOf(const storage::BenchmarkFilter& filter, domain::Dimension dimension) {
  switch (dimension) {
    case domain::Dimension::kRegion:
      return filter.region_codes;
    case domain::Dimension::kBrand:
      return filter.brand_codes;
    case domain::Dimension::kBusinessUnit:
      return filter.business_unit_codes;
    case domain::Dimension::kChannel: {
      std::vector<std::string> names;
      for (domain::Channel channel : filter.channels) names.push_back(domain::ChannelName(channel));
      return names;
    }
    case domain::Dimension::kCampaign:
      return filter.campaign_ids;
    case domain::Dimension::kAgent:
      return filter.agent_ids;
    case domain::Dimension::kQueue:
      return filter.queues;
    case domain::Dimension::kTeam:
      return filter.teams;
  }
  return {};
}

std::vector<std::string> ObservedValues(const std::vector<domain::GroupedHistogram>& rows, size_t position) {
  std::vector<std::string> values;
  values.reserve(rows.size());
  for (const domain::GroupedHistogram& row : rows) values.push_back(row.values.at(position));
  return values;
}

// BuildSegments returns the segments of each requested dimension; INVALID_ARGUMENT
// when the grid would exceed domain::kMaxSegments cells.
absl::StatusOr<std::vector<domain::DimensionSegments>> BuildSegments(const SegmentQuery& query,
                                                                     const storage::SegmentHistograms& found) {
  std::vector<domain::DimensionSegments> dimensions;
  size_t cells = 1;
  for (size_t i = 0; i < query.dimensions.size(); ++i) {
    const domain::SegmentSource source{query.dimensions[i], query.parent_codes[i], found.catalogues.at(i),
                                       FilterValuesOf(query.filter, query.dimensions[i]),
                                       ObservedValues(found.rows, i)};
    NPSD_ASSIGN_OR_RETURN(domain::DimensionSegments segments,
                          domain::SegmentsOf(source, i == 0 ? "parent_code" : "second_parent_code"));
    cells *= segments.segments.size();
    if (cells > domain::kMaxSegments) {
      return domain::InvalidField(i == 0 ? "dimension" : "second_dimension",
                                  absl::StrCat("yields more than ", domain::kMaxSegments,
                                               " segments; narrow the filter or drill down"));
    }
    dimensions.push_back(std::move(segments));
  }
  return dimensions;
}

// CellValues returns the segment values of cell `cell` of the grid of `dimensions`.
std::vector<domain::SegmentValue> CellValues(const std::vector<domain::DimensionSegments>& dimensions, size_t cell) {
  if (dimensions.size() == 1) return {dimensions[0].segments[cell]};
  const size_t columns = dimensions[1].segments.size();
  return {dimensions[0].segments[cell / columns], dimensions[1].segments[cell % columns]};
}

size_t CellCount(const std::vector<domain::DimensionSegments>& dimensions) {
  size_t cells = 1;
  for (const domain::DimensionSegments& dimension : dimensions) cells *= dimension.segments.size();
  return cells;
}

// FindBaseline returns the cell the request's baseline names, if it names one.
absl::StatusOr<std::optional<size_t>> FindBaseline(const SegmentQuery& query,
                                                   const std::vector<domain::DimensionSegments>& dimensions) {
  if (!query.baseline) return std::optional<size_t>();
  for (size_t cell = 0; cell < CellCount(dimensions); ++cell) {
    const std::vector<domain::SegmentValue> values = CellValues(dimensions, cell);
    bool same = true;
    for (size_t i = 0; i < values.size(); ++i) same = same && values[i].value == query.baseline->at(i);
    if (same) return std::optional<size_t>(cell);
  }
  return domain::InvalidField("baseline", "names no segment of this comparison");
}

// CompareAndRender analyses the segments of `found` and fills `response`.
absl::Status CompareAndRender(SegmentQuery& query, const storage::SegmentHistograms& found,
                              nps::v1::CompareSegmentsResponse& response) {
  query.options.minimum_sample_size = found.settings.minimum_sample_size;
  NPSD_ASSIGN_OR_RETURN(const std::vector<domain::DimensionSegments> dimensions, BuildSegments(query, found));
  NPSD_ASSIGN_OR_RETURN(const std::vector<domain::ScoreHistogram> cells,
                        domain::FillSegments(found.rows, dimensions[0],
                                             dimensions.size() > 1 ? &dimensions[1] : nullptr));
  NPSD_ASSIGN_OR_RETURN(const std::optional<size_t> baseline, FindBaseline(query, dimensions));
  NPSD_ASSIGN_OR_RETURN(const std::vector<domain::SegmentResult> results,
                        domain::CompareSegmentHistograms(cells, found.total, baseline, query.options));
  NPSD_ASSIGN_OR_RETURN(const domain::SampleStatistics total, domain::Summarize(found.total, query.options));
  int comparisons = 0;
  for (size_t cell = 0; cell < results.size(); ++cell) {
    *response.add_segments() = SegmentToProto(CellValues(dimensions, cell), results[cell]);
    if (results[cell].comparison) ++comparisons;
  }
  *response.mutable_total() = ToProto(total);
  response.set_reference(baseline ? nps::v1::CompareSegmentsResponse::BASELINE
                                  : nps::v1::CompareSegmentsResponse::COMPLEMENT);
  response.set_correction(CorrectionToProto(query.options.correction));
  response.set_alpha(1.0 - query.options.confidence_percent / 100.0);
  response.set_comparison_count(comparisons);
  response.set_minimum_sample_size(query.options.minimum_sample_size);
  return absl::OkStatus();
}

// RenderIndustry fills `response` with the caller's score and, when released, the
// peer distribution.
absl::Status RenderIndustry(const storage::IndustryPeers& found, int32_t lookback_days,
                            nps::v1::GetIndustryBenchmarkResponse& response) {
  domain::AnalysisOptions options;
  options.minimum_sample_size = found.minimum_sample_size;
  NPSD_ASSIGN_OR_RETURN(const domain::SampleStatistics own, domain::Summarize(found.own, options));
  response.set_industry(found.industry);
  response.set_lookback_days(lookback_days);
  *response.mutable_own() = ToProto(own);
  std::vector<double> scores;
  for (const storage::PeerScore& peer : found.peers) scores.push_back(peer.nps);
  const std::optional<domain::PeerDistribution> distribution = domain::DescribePeers(scores);
  if (!distribution) return absl::OkStatus();
  response.set_released(true);
  response.set_peer_count(distribution->peer_count);
  response.set_first_quartile_nps(distribution->first_quartile);
  response.set_median_nps(distribution->median);
  response.set_third_quartile_nps(distribution->third_quartile);
  if (own.estimate.has_score) {
    response.set_has_percentile(true);
    response.set_percentile(domain::PercentileRank(scores, own.estimate.nps));
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status BenchmarkService::GetScore(grpc::ServerContext* context, const nps::v1::GetScoreRequest* request,
                                        nps::v1::GetScoreResponse* response) {
  return runner_.Run(context, kGetScore, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(ScoreQuery query, ScoreQueryFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(const storage::ScoreTotal total,
                          benchmarks_.GetTotal(call.principal.tenant_id, query.filter, call.deadline));
    query.options.minimum_sample_size = total.settings.minimum_sample_size;
    NPSD_ASSIGN_OR_RETURN(const domain::SampleStatistics statistics,
                          domain::Summarize(total.histogram, query.options));
    *response->mutable_statistics() = ToProto(statistics);
    response->set_minimum_sample_size(query.options.minimum_sample_size);
    return absl::OkStatus();
  });
}

grpc::Status BenchmarkService::CompareSegments(grpc::ServerContext* context,
                                               const nps::v1::CompareSegmentsRequest* request,
                                               nps::v1::CompareSegmentsResponse* response) {
  return runner_.Run(context, kCompareSegments, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(SegmentQuery query, SegmentQueryFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(const storage::SegmentHistograms found,
                          benchmarks_.GetSegmentHistograms(call.principal.tenant_id, query.filter, query.dimensions,
                                                           call.deadline));
    return CompareAndRender(query, found, *response);
  });
}

grpc::Status BenchmarkService::GetTrend(grpc::ServerContext* context, const nps::v1::GetTrendRequest* request,
                                        nps::v1::GetTrendResponse* response) {
  return runner_.Run(context, kGetTrend, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(TrendQuery query, TrendQueryFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(const storage::DailyHistograms found,
                          benchmarks_.GetDailyHistograms(call.principal.tenant_id, query.filter, query.time_zone,
                                                         call.deadline));
    query.options.minimum_sample_size = found.settings.minimum_sample_size;
    NPSD_ASSIGN_OR_RETURN(const std::vector<domain::Period> periods,
                          domain::BucketDays(found.days, found.first_day, found.last_day, query.interval));
    NPSD_ASSIGN_OR_RETURN(const std::vector<domain::TrendPointResult> points,
                          domain::AnalyzeTrend(periods, query.options));
    for (const domain::TrendPointResult& point : points) *response->add_points() = ToProto(point);
    response->set_time_zone(found.time_zone);
    response->set_interval(request->interval());
    response->set_correction(CorrectionToProto(query.options.correction));
    response->set_alpha(1.0 - query.options.confidence_percent / 100.0);
    response->set_minimum_sample_size(query.options.minimum_sample_size);
    return absl::OkStatus();
  });
}

grpc::Status BenchmarkService::GetIndustryBenchmark(grpc::ServerContext* context,
                                                    const nps::v1::GetIndustryBenchmarkRequest* request,
                                                    nps::v1::GetIndustryBenchmarkResponse* response) {
  return runner_.Run(context, kGetIndustryBenchmark, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(const int32_t lookback_days, LookbackDaysFromProto(request->lookback_days()));
    NPSD_ASSIGN_OR_RETURN(const storage::IndustryPeers found,
                          benchmarks_.GetIndustryPeers(call.principal.tenant_id, lookback_days, call.deadline));
    if (!found.opted_in || found.industry.empty()) {
      return absl::FailedPreconditionError(
          "the tenant has not joined the industry benchmark: set its industry and industry_benchmark_opt_in");
    }
    NPSD_RETURN_IF_ERROR(RenderIndustry(found, lookback_days, *response));
    // The one cross-tenant read: recorded with counts only, never peer data.
    LogEvent("info", absl::StrCat("audit: industry benchmark read by tenant ", call.principal.tenant_id,
                                  " (industry ", found.industry, ", ", lookback_days, " days): ",
                                  response->released() ? "released" : "withheld", ", ",
                                  response->peer_count(), " peers"));
    return absl::OkStatus();
  });
}

grpc::Status BenchmarkService::PlanSampleSize(grpc::ServerContext* context,
                                              const nps::v1::PlanSampleSizeRequest* request,
                                              nps::v1::PlanSampleSizeResponse* response) {
  return runner_.Run(context, kPlanSampleSize, [&](const CallContext&) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(const SampleSizePlan plan, SampleSizePlanFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(const int64_t responses,
                          domain::RequiredSampleSize(plan.target_margin, plan.confidence_percent, plan.expected));
    response->set_required_responses(responses);
    return absl::OkStatus();
  });
}

}  // namespace npsd::server
