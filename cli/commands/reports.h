// reports.h — npsctl's BenchmarkService calls: score, segment comparison and trend.
//
//   ReportFilter filter;
//   filter.region_codes = {"FR"};
//   absl::StatusOr<nps::v1::GetScoreResponse> score = GetScore(connection, filter, 95);
//   ComparisonSpec spec;
//   spec.dimension = "region";
//   spec.parent_code = "EMEA";
//   absl::StatusOr<nps::v1::CompareSegmentsResponse> segments = CompareSegments(connection, filter, spec);
//
// Needs a tenant key with the `read` scope. Groups smaller than the tenant's minimum
// sample size show their count only.
#ifndef NPSD_CLI_COMMANDS_REPORTS_H_
#define NPSD_CLI_COMMANDS_REPORTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/benchmark_service.pb.h"

namespace npsd::cli {

// ReportFilter selects responses; empty fields match everything, values of one field
// are alternatives.
struct ReportFilter {
  std::string start_time;  // RFC 3339, inclusive
  std::string end_time;    // RFC 3339, exclusive
  std::vector<std::string> campaign_ids;
  std::vector<std::string> channels;  // channel labels
  std::vector<std::string> region_codes;
  std::vector<std::string> brand_codes;
  std::vector<std::string> business_unit_codes;
  std::vector<std::string> agent_ids;
  std::vector<std::string> queues;
  std::vector<std::string> teams;
  std::vector<std::string> attributes;  // "key=value", all required
};

// ComparisonSpec describes a segment comparison.
struct ComparisonSpec {
  std::string dimension;  // region, brand, business_unit, channel, campaign, agent, queue, team
  std::string parent_code;
  std::string second_dimension;
  std::string second_parent_code;
  std::string baseline;         // a segment value; empty: each segment against the rest
  std::string second_baseline;  // with a second dimension
  std::string correction;       // holm (default) or benjamini_hochberg
  int confidence_percent = 0;   // 0: 95
};

// TrendSpec describes a trend.
struct TrendSpec {
  std::string interval = "month";  // day, week, month or quarter
  std::string time_zone;           // IANA name; empty: the tenant's
  std::string correction;
  int confidence_percent = 0;
};

// GetScore returns the statistics of the responses `filter` selects.
absl::StatusOr<nps::v1::GetScoreResponse> GetScore(const Connection& connection, const ReportFilter& filter,
                                                   int confidence_percent);

// CompareSegments compares the segments of one dimension (or a cross-tab of two).
absl::StatusOr<nps::v1::CompareSegmentsResponse> CompareSegments(const Connection& connection,
                                                                 const ReportFilter& filter,
                                                                 const ComparisonSpec& spec);

// GetTrend returns the score per period with the change between periods.
absl::StatusOr<nps::v1::GetTrendResponse> GetTrend(const Connection& connection, const ReportFilter& filter,
                                                   const TrendSpec& spec);

// ScoreTable shows one score as one row.
Table ScoreTable(const nps::v1::GetScoreResponse& score);

// SegmentTable shows one row per segment, then the total.
Table SegmentTable(const nps::v1::CompareSegmentsResponse& comparison);

// TrendTable shows one row per period.
Table TrendTable(const nps::v1::GetTrendResponse& trend);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_REPORTS_H_
