// reports_cli.cc — `npsctl report score|compare|trend`.
#include <memory>

#include "cli/commands/command_set.h"
#include "cli/commands/reports.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// ReportFlags holds what the report commands' flags write to.
struct ReportFlags {
  ReportFilter filter;
  ComparisonSpec comparison;
  TrendSpec trend;
  int confidence_percent = 0;
};

void AddFilterOptions(CLI::App* command, ReportFilter& filter) {
  command->add_option("--after", filter.start_time, "answered at or after this RFC 3339 time");
  command->add_option("--before", filter.end_time, "answered before this RFC 3339 time");
  command->add_option("--campaign", filter.campaign_ids, "campaign id (repeat for several)");
  command->add_option("--channel", filter.channels, "channel (repeat for several)");
  command->add_option("--region", filter.region_codes, "region code with its sub-regions (repeat)");
  command->add_option("--brand", filter.brand_codes, "brand code (repeat)");
  command->add_option("--business-unit", filter.business_unit_codes, "business unit code with its children (repeat)");
  command->add_option("--agent", filter.agent_ids, "contact-center agent id (repeat)");
  command->add_option("--queue", filter.queues, "contact-center queue (repeat)");
  command->add_option("--team", filter.teams, "contact-center team (repeat)");
  command->add_option("--attribute", filter.attributes, "KEY=VALUE custom attribute, all required (repeat)");
}

void AddCompare(CLI::App* report, std::shared_ptr<ReportFlags> flags, CommandSet& commands) {
  CLI::App* compare = report->add_subcommand("compare", "NPS per segment, each against the rest or a baseline");
  ComparisonSpec& spec = flags->comparison;
  compare->add_option("--by", spec.dimension, "region, brand, business_unit, channel, campaign, agent, queue, team")
      ->required();
  compare->add_option("--parent", spec.parent_code, "region or business unit to drill into (default: the roots)");
  compare->add_option("--then-by", spec.second_dimension, "a second dimension: one segment per pair (cross-tab)");
  compare->add_option("--then-parent", spec.second_parent_code, "as --parent, for --then-by");
  compare->add_option("--baseline", spec.baseline, "compare with this segment instead of with the rest");
  compare->add_option("--then-baseline", spec.second_baseline, "the baseline's --then-by value");
  compare->add_option("--correction", spec.correction, "holm (default) or benjamini_hochberg");
  compare->add_option("--confidence", spec.confidence_percent, "80, 90, 95 (default) or 99");
  AddFilterOptions(compare, flags->filter);
  commands.Add(compare, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::CompareSegmentsResponse result,
                          CompareSegments(connection, flags->filter, flags->comparison));
    return SegmentTable(result);
  });
}

void AddTrend(CLI::App* report, std::shared_ptr<ReportFlags> flags, CommandSet& commands) {
  CLI::App* trend = report->add_subcommand("trend", "NPS per period, with the change from the previous one");
  TrendSpec& spec = flags->trend;
  trend->add_option("--interval", spec.interval, "day, week, month or quarter")->capture_default_str();
  trend->add_option("--time-zone", spec.time_zone, "IANA time zone of the calendar (default: the tenant's)");
  trend->add_option("--correction", spec.correction, "holm (default) or benjamini_hochberg");
  trend->add_option("--confidence", spec.confidence_percent, "80, 90, 95 (default) or 99");
  AddFilterOptions(trend, flags->filter);
  commands.Add(trend, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::GetTrendResponse result, GetTrend(connection, flags->filter, flags->trend));
    return TrendTable(result);
  });
}

}  // namespace

void AddReportCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* report = app.add_subcommand("report", "NPS analytics (BenchmarkService): score, compare, trend");
  report->require_subcommand(1);
  CLI::App* score = report->add_subcommand("score", "NPS of the selected responses with its interval");
  score->add_option("--confidence", flags->confidence_percent, "80, 90, 95 (default) or 99");
  AddFilterOptions(score, flags->filter);
  commands.Add(score, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::GetScoreResponse result,
                          GetScore(connection, flags->filter, flags->confidence_percent));
    return ScoreTable(result);
  });
  AddCompare(report, flags, commands);
  AddTrend(report, flags, commands);
}

}  // namespace npsd::cli
