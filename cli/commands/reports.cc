// reports.cc — benchmark calls and their tables.
#include "cli/commands/reports.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/client/rpc_status.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/benchmark_service.grpc.pb.h"

namespace npsd::cli {
namespace {

using nps::v1::NpsStatistics;

const std::vector<std::string> kStatisticsColumns = {"n",   "promoters", "passives",  "detractors",
                                                     "nps", "margin",    "ci_lower", "ci_upper"};

std::string Points(double value) { return absl::StrFormat("%.1f", value); }
std::string Probability(double value) { return absl::StrFormat("%.4f", value); }

// StatisticsCells renders a group; below the minimum sample size only its count.
std::vector<std::string> StatisticsCells(const NpsStatistics& s) {
  if (!s.has_score()) return {absl::StrCat(s.n()), "", "", "", "", "", "", ""};
  return {absl::StrCat(s.n()), absl::StrCat(s.promoters()), absl::StrCat(s.passives()), absl::StrCat(s.detractors()),
          Points(s.nps()),     Points(s.margin_of_error()),  Points(s.ci_lower()),      Points(s.ci_upper())};
}

std::vector<std::string> Concat(std::vector<std::string> first, const std::vector<std::string>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

absl::Status AddChannels(const std::vector<std::string>& labels, nps::v1::BenchmarkFilter& filter) {
  for (const std::string& label : labels) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Channel channel,
                          ParseEnumLabel<nps::v1::Channel>(label, "", nps::v1::Channel_Parse, "--channel"));
    filter.add_channels(channel);
  }
  return absl::OkStatus();
}

absl::StatusOr<nps::v1::BenchmarkFilter> ToProto(const ReportFilter& in) {
  nps::v1::BenchmarkFilter out;
  if (!in.start_time.empty()) {
    NPSD_ASSIGN_OR_RETURN(*out.mutable_start_time(), ParseTimestamp(in.start_time, "--after"));
  }
  if (!in.end_time.empty()) {
    NPSD_ASSIGN_OR_RETURN(*out.mutable_end_time(), ParseTimestamp(in.end_time, "--before"));
  }
  NPSD_RETURN_IF_ERROR(AddChannels(in.channels, out));
  out.mutable_campaign_ids()->Add(in.campaign_ids.begin(), in.campaign_ids.end());
  out.mutable_region_codes()->Add(in.region_codes.begin(), in.region_codes.end());
  out.mutable_brand_codes()->Add(in.brand_codes.begin(), in.brand_codes.end());
  out.mutable_business_unit_codes()->Add(in.business_unit_codes.begin(), in.business_unit_codes.end());
  out.mutable_agent_ids()->Add(in.agent_ids.begin(), in.agent_ids.end());
  out.mutable_queues()->Add(in.queues.begin(), in.queues.end());
  out.mutable_teams()->Add(in.teams.begin(), in.teams.end());
  for (const std::string& attribute : in.attributes) {
    const size_t equals = attribute.find('=');
    if (equals == std::string::npos) return absl::InvalidArgumentError("--attribute: expected KEY=VALUE");
    (*out.mutable_attributes())[attribute.substr(0, equals)] = attribute.substr(equals + 1);
  }
  return out;
}

absl::StatusOr<nps::v1::Dimension> ParseDimension(const std::string& label, const char* flag) {
  return ParseEnumLabel<nps::v1::Dimension>(
      label, "DIMENSION_", nps::v1::Dimension_Parse,
      absl::StrCat(flag, " (region, brand, business_unit, channel, campaign, agent, queue or team)"));
}

absl::StatusOr<nps::v1::PValueCorrection> ParseCorrection(const std::string& label) {
  if (label.empty()) return nps::v1::P_VALUE_CORRECTION_HOLM;
  return ParseEnumLabel<nps::v1::PValueCorrection>(label, "P_VALUE_CORRECTION_", nps::v1::PValueCorrection_Parse,
                                                   "--correction (holm or benjamini_hochberg)");
}

absl::Status ApplyComparison(const ComparisonSpec& spec, nps::v1::CompareSegmentsRequest& request) {
  NPSD_ASSIGN_OR_RETURN(nps::v1::Dimension dimension, ParseDimension(spec.dimension, "--by"));
  request.set_dimension(dimension);
  request.set_parent_code(spec.parent_code);
  if (!spec.second_dimension.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Dimension second, ParseDimension(spec.second_dimension, "--then-by"));
    request.set_second_dimension(second);
    request.set_second_parent_code(spec.second_parent_code);
  }
  if (!spec.baseline.empty()) {
    request.mutable_baseline()->set_value(spec.baseline);
    request.mutable_baseline()->set_second_value(spec.second_baseline);
  }
  NPSD_ASSIGN_OR_RETURN(nps::v1::PValueCorrection correction, ParseCorrection(spec.correction));
  request.set_correction(correction);
  request.set_confidence_percent(spec.confidence_percent);
  return absl::OkStatus();
}

std::string SegmentLabel(const std::string& value, bool direct_only) {
  return direct_only ? absl::StrCat(value, " (own)") : value;
}

// ComparisonCells renders a segment's difference from its reference.
std::vector<std::string> ComparisonCells(const nps::v1::Segment& segment) {
  if (segment.is_baseline()) return {"", "", "", "", "baseline"};
  if (!segment.has_comparison()) return {"", "", "", "", ""};
  return {Points(segment.delta()), Points(segment.delta_ci_lower()), Points(segment.delta_ci_upper()),
          Probability(segment.adjusted_p_value()), segment.significant() ? "yes" : "no"};
}

}  // namespace

absl::StatusOr<nps::v1::GetScoreResponse> GetScore(const Connection& connection, const ReportFilter& filter,
                                                   int confidence_percent) {
  nps::v1::GetScoreRequest request;
  NPSD_ASSIGN_OR_RETURN(*request.mutable_filter(), ToProto(filter));
  request.set_confidence_percent(confidence_percent);
  nps::v1::GetScoreResponse response;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::BenchmarkService::NewStub(connection.channel())
                                          ->GetScore(connection.NewContext().get(), request, &response)));
  return response;
}

absl::StatusOr<nps::v1::CompareSegmentsResponse> CompareSegments(const Connection& connection,
                                                                 const ReportFilter& filter,
                                                                 const ComparisonSpec& spec) {
  nps::v1::CompareSegmentsRequest request;
  NPSD_ASSIGN_OR_RETURN(*request.mutable_filter(), ToProto(filter));
  NPSD_RETURN_IF_ERROR(ApplyComparison(spec, request));
  nps::v1::CompareSegmentsResponse response;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::BenchmarkService::NewStub(connection.channel())
                                          ->CompareSegments(connection.NewContext().get(), request, &response)));
  return response;
}

absl::StatusOr<nps::v1::GetTrendResponse> GetTrend(const Connection& connection, const ReportFilter& filter,
                                                   const TrendSpec& spec) {
  nps::v1::GetTrendRequest request;
  NPSD_ASSIGN_OR_RETURN(*request.mutable_filter(), ToProto(filter));
  NPSD_ASSIGN_OR_RETURN(nps::v1::TrendInterval interval,
                        ParseEnumLabel<nps::v1::TrendInterval>(spec.interval, "TREND_INTERVAL_",
                                                               nps::v1::TrendInterval_Parse,
                                                               "--interval (day, week, month or quarter)"));
  request.set_interval(interval);
  request.set_time_zone(spec.time_zone);
  NPSD_ASSIGN_OR_RETURN(nps::v1::PValueCorrection correction, ParseCorrection(spec.correction));
  request.set_correction(correction);
  request.set_confidence_percent(spec.confidence_percent);
  nps::v1::GetTrendResponse response;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::BenchmarkService::NewStub(connection.channel())
                                          ->GetTrend(connection.NewContext().get(), request, &response)));
  return response;
}

Table ScoreTable(const nps::v1::GetScoreResponse& score) {
  Table table(Concat(kStatisticsColumns, {"confidence", "minimum_sample_size"}));
  table.AddRow(Concat(StatisticsCells(score.statistics()),
                      {absl::StrCat(score.statistics().confidence_percent(), "%"),
                       absl::StrCat(score.minimum_sample_size())}));
  return table;
}

Table SegmentTable(const nps::v1::CompareSegmentsResponse& comparison) {
  Table table(Concat({"rank", "segment", "second"},
                     Concat(kStatisticsColumns, {"delta", "delta_ci_lower", "delta_ci_upper", "adjusted_p",
                                                 "significant"})));
  for (const nps::v1::Segment& segment : comparison.segments()) {
    std::vector<std::string> head = {segment.rank() > 0 ? absl::StrCat(segment.rank()) : "",
                                     SegmentLabel(segment.key().value(), segment.direct_only()),
                                     SegmentLabel(segment.key().second_value(), segment.second_direct_only())};
    table.AddRow(Concat(Concat(head, StatisticsCells(segment.statistics())), ComparisonCells(segment)));
  }
  table.AddRow(Concat(Concat({"", "total", ""}, StatisticsCells(comparison.total())), {"", "", "", "", ""}));
  return table;
}

Table TrendTable(const nps::v1::GetTrendResponse& trend) {
  Table table(Concat({"start_date", "end_date"},
                     Concat(kStatisticsColumns, {"change", "change_ci_lower", "change_ci_upper", "adjusted_p",
                                                 "significant"})));
  for (const nps::v1::TrendPoint& point : trend.points()) {
    std::vector<std::string> change = {"", "", "", "", ""};
    if (point.has_change()) {
      change = {Points(point.change()), Points(point.change_ci_lower()), Points(point.change_ci_upper()),
                Probability(point.adjusted_p_value()), point.significant() ? "yes" : "no"};
    }
    table.AddRow(Concat(Concat({point.start_date(), point.end_date()}, StatisticsCells(point.statistics())), change));
  }
  return table;
}

}  // namespace npsd::cli
