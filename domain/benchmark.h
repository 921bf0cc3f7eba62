// benchmark.h — segment comparisons, trends and peer benchmarks of NPS.
//
// Pure analytics on score histograms (domain/nps_statistics.h): the statistics of
// one group under the tenant's minimum sample size, segments of a dimension (with
// the organization hierarchy rolled up), comparisons of every segment against its
// complement or a baseline with a multiple-comparison correction, ranks, trends by
// day, week, month or quarter with period-over-period changes, and the quartiles of
// an industry's peer scores. Storage hands in histograms; nothing here does I/O.
//
// Example:
//
//   AnalysisOptions options;  // 95 %, Holm, minimum sample 30
//   NPSD_ASSIGN_OR_RETURN(DimensionSegments regions,
//                         HierarchySegments(units, /*parent_code=*/"", "parent_code"));
//   NPSD_ASSIGN_OR_RETURN(std::vector<ScoreHistogram> cells,
//                         FillSegments(rows, regions, nullptr));
//   NPSD_ASSIGN_OR_RETURN(std::vector<SegmentResult> results,
//                         CompareSegmentHistograms(cells, total, std::nullopt, options));
//   // results[i].rank == 1 for the best region with enough responses.
#ifndef NPSD_DOMAIN_BENCHMARK_H_
#define NPSD_DOMAIN_BENCHMARK_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "domain/multiple_comparisons.h"
#include "domain/nps_statistics.h"
#include "domain/tenant.h"

namespace npsd::domain {

// Dimension is an attribute of responses that segments them.
enum class Dimension { kRegion, kBrand, kBusinessUnit, kChannel, kCampaign, kAgent, kQueue, kTeam };

// DimensionHasHierarchy is true for regions and business units, whose units have
// parents: a unit's segment includes its descendants.
bool DimensionHasHierarchy(Dimension dimension);

// kMaxSegments bounds the rows of one comparison (a cross-tab multiplies them).
inline constexpr size_t kMaxSegments = 5000;

// kMaxTrendPoints bounds the points of one trend.
inline constexpr size_t kMaxTrendPoints = 1000;

// kMinimumIndustryPeers is how many qualifying tenants an industry benchmark needs
// before anything about it is released.
inline constexpr int kMinimumIndustryPeers = 5;

// AnalysisOptions are the statistical settings of one request.
struct AnalysisOptions {
  // confidence_percent is 80, 90, 95 or 99; significance uses alpha = 1 - it / 100.
  double confidence_percent = 95;
  // minimum_sample_size is the tenant's threshold below which no score is reported.
  int32_t minimum_sample_size = kDefaultMinimumSampleSize;
  // correction adjusts the p-values of the comparisons of one request.
  PValueCorrection correction = PValueCorrection::kHolm;
};

// SampleStatistics is the NPS of one group as it may be reported.
struct SampleStatistics {
  // estimate holds n always; every other member is zero when `insufficient`.
  NpsEstimate estimate;
  // insufficient is true when n is below the minimum sample size.
  bool insufficient = false;
};

// Summarize estimates `histogram` at `options.confidence_percent`, withholding all
// but n when n < options.minimum_sample_size. kInvalidArgument for an unsupported
// confidence level.
absl::StatusOr<SampleStatistics> Summarize(const ScoreHistogram& histogram, const AnalysisOptions& options);

// CatalogueUnit is one known value of a dimension: a catalogue code with its parent
// code (empty for a root or a dimension without hierarchy), or a campaign id.
struct CatalogueUnit {
  std::string code;
  std::string parent_code;
};

// SegmentValue is one segment of a dimension.
struct SegmentValue {
  // value is the code, campaign id, channel name, agent id, queue or team.
  std::string value;
  // direct_only marks the drilled-down parent's own responses, without its
  // descendants; other segments of a hierarchical dimension include descendants.
  bool direct_only = false;
};

// DimensionSegments lists the segments of one dimension and maps every stored value
// to the segment counting it.
struct DimensionSegments {
  // segments are in reporting order.
  std::vector<SegmentValue> segments;
  // segment_of maps a stored value to an index into `segments`; values in no
  // segment are absent.
  std::map<std::string, size_t> segment_of;
};

// HierarchySegments returns, without `parent_code`, one segment per root unit, each
// counting its whole subtree; with it, the parent's own responses (direct_only) and
// one segment per child subtree. kInvalidArgument on `field` when the parent is not
// among `units`.
absl::StatusOr<DimensionSegments> HierarchySegments(const std::vector<CatalogueUnit>& units,
                                                    const std::string& parent_code, const std::string& field);

// FlatSegments returns one segment per distinct non-empty value, sorted.
DimensionSegments FlatSegments(const std::vector<std::string>& values);

// SegmentSource is what decides the segments of one dimension.
struct SegmentSource {
  Dimension dimension = Dimension::kRegion;
  // parent_code drills a hierarchical dimension down to one unit's children.
  std::string parent_code;
  // catalogue lists the units of a region, brand or business unit dimension, or the
  // tenant's campaigns.
  std::vector<CatalogueUnit> catalogue;
  // filter_values are the values the request's filter restricts this dimension to.
  std::vector<std::string> filter_values;
  // observed_values are the values found among the filtered responses.
  std::vector<std::string> observed_values;
};

// SegmentsOf returns the segments of `source.dimension`: the hierarchy level of a
// region or business unit dimension (see HierarchySegments; `parent_field` names the
// parent in errors); otherwise the filter's values when it has any, else every
// brand, campaign or channel, else the agents, queues or teams observed.
absl::StatusOr<DimensionSegments> SegmentsOf(const SegmentSource& source, const std::string& parent_field);

// GroupedHistogram is the histogram of the responses sharing stored values of the
// grouped dimensions (one or two, in order).
struct GroupedHistogram {
  // values holds one stored value per grouped dimension ("" when none).
  std::vector<std::string> values;
  ScoreHistogram histogram;
};

// FillSegments sums `rows` into the cells of `first` (x `second` when not null, the
// cell of segments i and j being i * second->segments.size() + j). Rows whose
// values fall in no segment are skipped. kInvalidArgument when a row has fewer
// values than dimensions, kOutOfRange on overflow.
absl::StatusOr<std::vector<ScoreHistogram>> FillSegments(const std::vector<GroupedHistogram>& rows,
                                                         const DimensionSegments& first,
                                                         const DimensionSegments* second);

// Complement returns `total` minus `part`; kInternal when `part` is not contained
// in `total`.
absl::StatusOr<ScoreHistogram> Complement(const ScoreHistogram& total, const ScoreHistogram& part);

// Comparison is one test of a group against its reference, after correction.
struct Comparison {
  // test is the two-sample test, group minus reference.
  NpsComparison test;
  // adjusted_p_value is test.p_value after the request's correction.
  double adjusted_p_value = 1;
  // significant is true when adjusted_p_value <= 1 - confidence.
  bool significant = false;
};

// SegmentResult is the analysis of one segment.
struct SegmentResult {
  SampleStatistics statistics;
  // is_baseline marks the baseline segment, which is not compared.
  bool is_baseline = false;
  // comparison is set when the segment and its reference both meet the minimum
  // sample size.
  std::optional<Comparison> comparison;
  // rank is 1 for the highest NPS among segments with a score (ties share a rank,
  // the next rank skips), 0 for a segment without a score.
  int rank = 0;
};

// CompareSegmentHistograms analyses each of `cells`, compares it with the rest of
// `total` (its complement) or, with `baseline`, with that cell, adjusts the p-values
// of all comparisons with options.correction and ranks the cells by NPS.
// kInvalidArgument for an unsupported confidence level or a baseline out of range.
absl::StatusOr<std::vector<SegmentResult>> CompareSegmentHistograms(const std::vector<ScoreHistogram>& cells,
                                                                    const ScoreHistogram& total,
                                                                    std::optional<size_t> baseline,
                                                                    const AnalysisOptions& options);

// TrendInterval is the length of one point of a trend.
enum class TrendInterval { kDay, kWeek, kMonth, kQuarter };

// PeriodStart returns the first day of the period containing `day`: the day itself,
// the Monday of its ISO week, the first of its month or of its quarter.
absl::CivilDay PeriodStart(absl::CivilDay day, TrendInterval interval);

// NextPeriodStart returns the first day of the period after the one starting at
// `start`.
absl::CivilDay NextPeriodStart(absl::CivilDay start, TrendInterval interval);

// DayHistogram is the histogram of the responses of one local day.
struct DayHistogram {
  absl::CivilDay day;
  ScoreHistogram histogram;
};

// Period is one point of a trend: local days [start, end).
struct Period {
  absl::CivilDay start;
  absl::CivilDay end;
  ScoreHistogram histogram;
};

// BucketDays sums `days` into consecutive periods from the one containing
// `first_day` (default: the earliest of `days`) to the one containing `last_day`
// (default: the latest), empty periods included; none when there are neither days
// nor bounds, or when last_day precedes first_day. kInvalidArgument on "interval"
// beyond kMaxTrendPoints periods.
absl::StatusOr<std::vector<Period>> BucketDays(const std::vector<DayHistogram>& days,
                                               std::optional<absl::CivilDay> first_day,
                                               std::optional<absl::CivilDay> last_day, TrendInterval interval);

// TrendPointResult is the analysis of one period.
struct TrendPointResult {
  Period period;
  SampleStatistics statistics;
  // change compares this period with the previous one, when both meet the
  // minimum sample size.
  std::optional<Comparison> change;
};

// AnalyzeTrend analyses every period and its change from the previous period,
// adjusting the p-values of all changes with options.correction.
absl::StatusOr<std::vector<TrendPointResult>> AnalyzeTrend(const std::vector<Period>& periods,
                                                           const AnalysisOptions& options);

// PeerDistribution describes the scores of an industry's qualifying tenants.
struct PeerDistribution {
  int peer_count = 0;
  // Quartiles by linear interpolation between order statistics (Hyndman-Fan type 7).
  double first_quartile = 0;
  double median = 0;
  double third_quartile = 0;
};

// DescribePeers returns the quartiles of `peer_scores`, or nullopt when fewer than
// kMinimumIndustryPeers scores are given: nothing is released then.
std::optional<PeerDistribution> DescribePeers(std::vector<double> peer_scores);

// PercentileRank returns the share, in percent, of `peer_scores` below `score`,
// counting scores equal to it as half (the mid-rank percentile). 0 for no peers.
double PercentileRank(const std::vector<double>& peer_scores, double score);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_BENCHMARK_H_
