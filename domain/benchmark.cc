// benchmark.cc — segment comparisons, trends and peer benchmarks of NPS.
//
// Implementation of domain/benchmark.h. Every comparison of a request forms one
// family whose p-values are adjusted together (Holm or Benjamini-Hochberg), and a
// comparison is made only when both groups meet the minimum sample size, so a
// withheld score can never be recovered from a delta.

#include "domain/benchmark.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/campaign.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"

namespace npsd::domain {
namespace {

constexpr Channel kAllChannels[] = {Channel::kEmail,         Channel::kSms, Channel::kWeb, Channel::kInApp,
                                    Channel::kVoicePostCall, Channel::kChat};

// AssignSubtree maps `root` and every unit below it to `segment`, unless a unit is
// already mapped (which only a corrupt, cyclic catalogue could cause).
void AssignSubtree(const std::string& root, size_t segment,
                   const std::map<std::string, std::vector<std::string>>& children,
                   std::map<std::string, size_t>& segment_of) {
  std::deque<std::string> pending = {root};
  while (!pending.empty()) {
    const std::string code = std::move(pending.front());
    pending.pop_front();
    if (!segment_of.emplace(code, segment).second) continue;
    const auto found = children.find(code);
    if (found == children.end()) continue;
    pending.insert(pending.end(), found->second.begin(), found->second.end());
  }
}

// DefaultFlatValues returns the segments of a flat dimension whose filter names no
// values: the catalogue of brands and campaigns, every channel, or what was observed.
std::vector<std::string> DefaultFlatValues(const SegmentSource& source) {
  std::vector<std::string> values;
  switch (source.dimension) {
    case Dimension::kBrand:
    case Dimension::kCampaign:
      for (const CatalogueUnit& unit : source.catalogue) values.push_back(unit.code);
      return values;
    case Dimension::kChannel:
      for (Channel channel : kAllChannels) values.push_back(ChannelName(channel));
      return values;
    default:
      return source.observed_values;
  }
}

// CorrectFamily adjusts the p-values of `tests` together and decides significance
// at alpha = 1 - confidence.
absl::StatusOr<std::vector<Comparison>> CorrectFamily(const std::vector<NpsComparison>& tests,
                                                      const AnalysisOptions& options) {
  std::vector<double> p_values;
  p_values.reserve(tests.size());
  for (const NpsComparison& test : tests) p_values.push_back(test.p_value);
  NPSD_ASSIGN_OR_RETURN(const std::vector<double> adjusted, AdjustPValues(p_values, options.correction));
  NPSD_ASSIGN_OR_RETURN(const std::vector<bool> significant,
                        Significant(adjusted, 1.0 - options.confidence_percent / 100.0));
  std::vector<Comparison> comparisons(tests.size());
  for (size_t i = 0; i < tests.size(); ++i) comparisons[i] = {tests[i], adjusted[i], significant[i]};
  return comparisons;
}

// AssignRanks gives competition ranks (1, 2, 2, 4) by descending NPS to the
// segments with a score.
void AssignRanks(std::vector<SegmentResult>& results) {
  std::vector<size_t> scored;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].statistics.estimate.has_score) scored.push_back(i);
  }
  const auto nps = [&](size_t i) { return results[i].statistics.estimate.nps; };
  std::stable_sort(scored.begin(), scored.end(), [&](size_t a, size_t b) { return nps(a) > nps(b); });
  for (size_t position = 0; position < scored.size(); ++position) {
    const bool tied = position > 0 && nps(scored[position]) == nps(scored[position - 1]);
    results[scored[position]].rank = tied ? results[scored[position - 1]].rank : static_cast<int>(position) + 1;
  }
}

// Meets is true when `histogram` is large enough to be reported and compared.
bool Meets(const ScoreHistogram& histogram, const AnalysisOptions& options) {
  return histogram.n() > 0 && histogram.n() >= options.minimum_sample_size;
}

// Quantile interpolates linearly between the order statistics of sorted `values`.
double Quantile(const std::vector<double>& values, double q) {
  const double position = q * static_cast<double>(values.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(position));
  if (below + 1 >= values.size()) return values.back();
  return values[below] + (position - static_cast<double>(below)) * (values[below + 1] - values[below]);
}

}  // namespace

bool DimensionHasHierarchy(Dimension dimension) {
  return dimension == Dimension::kRegion || dimension == Dimension::kBusinessUnit;
}

absl::StatusOr<SampleStatistics> Summarize(const ScoreHistogram& histogram, const AnalysisOptions& options) {
  NPSD_ASSIGN_OR_RETURN(NpsEstimate estimate, Estimate(histogram, options.confidence_percent));
  SampleStatistics statistics;
  if (Meets(histogram, options)) {
    statistics.estimate = estimate;
    return statistics;
  }
  statistics.insufficient = true;
  statistics.estimate.n = histogram.n();
  statistics.estimate.confidence_percent = options.confidence_percent;
  return statistics;
}

absl::StatusOr<DimensionSegments> HierarchySegments(const std::vector<CatalogueUnit>& units,
                                                    const std::string& parent_code, const std::string& field) {
  std::map<std::string, std::vector<std::string>> children;
  std::set<std::string> known;
  for (const CatalogueUnit& unit : units) {
    known.insert(unit.code);
    children[unit.parent_code].push_back(unit.code);
  }
  DimensionSegments result;
  if (!parent_code.empty()) {
    if (known.count(parent_code) == 0) return InvalidField(field, "is not a unit of this dimension");
    result.segments.push_back({parent_code, true});
    result.segment_of[parent_code] = 0;
  }
  std::vector<std::string> tops = children[parent_code];
  std::sort(tops.begin(), tops.end());
  for (const std::string& top : tops) {
    AssignSubtree(top, result.segments.size(), children, result.segment_of);
    result.segments.push_back({top, false});
  }
  return result;
}

DimensionSegments FlatSegments(const std::vector<std::string>& values) {
  std::set<std::string> distinct(values.begin(), values.end());
  distinct.erase("");
  DimensionSegments result;
  for (const std::string& value : distinct) {
    result.segment_of[value] = result.segments.size();
    result.segments.push_back({value, false});
  }
  return result;
}

absl::StatusOr<DimensionSegments> SegmentsOf(const SegmentSource& source, const std::string& parent_field) {
  if (DimensionHasHierarchy(source.dimension)) {
    return HierarchySegments(source.catalogue, source.parent_code, parent_field);
  }
  if (!source.filter_values.empty()) return FlatSegments(source.filter_values);
  return FlatSegments(DefaultFlatValues(source));
}

absl::StatusOr<std::vector<ScoreHistogram>> FillSegments(const std::vector<GroupedHistogram>& rows,
                                                         const DimensionSegments& first,
                                                         const DimensionSegments* second) {
  const size_t columns = second != nullptr ? second->segments.size() : 1;
  const size_t dimensions = second != nullptr ? 2 : 1;
  std::vector<ScoreHistogram> cells(first.segments.size() * columns);
  for (const GroupedHistogram& row : rows) {
    if (row.values.size() < dimensions) {
      return absl::InvalidArgumentError(absl::StrCat("grouped row has ", row.values.size(), " values, needs ",
                                                     dimensions));
    }
    const auto row_segment = first.segment_of.find(row.values[0]);
    if (row_segment == first.segment_of.end()) continue;
    size_t column = 0;
    if (second != nullptr) {
      const auto column_segment = second->segment_of.find(row.values[1]);
      if (column_segment == second->segment_of.end()) continue;
      column = column_segment->second;
    }
    NPSD_RETURN_IF_ERROR(cells[row_segment->second * columns + column].Merge(row.histogram));
  }
  return cells;
}

absl::StatusOr<ScoreHistogram> Complement(const ScoreHistogram& total, const ScoreHistogram& part) {
  ScoreHistogram::Counts counts{};
  for (size_t score = 0; score < counts.size(); ++score) {
    counts[score] = total.counts()[score] - part.counts()[score];
    if (counts[score] < 0) return absl::InternalError("a segment holds more responses than the total");
  }
  return ScoreHistogram::FromCounts(counts);
}

absl::StatusOr<std::vector<SegmentResult>> CompareSegmentHistograms(const std::vector<ScoreHistogram>& cells,
                                                                    const ScoreHistogram& total,
                                                                    std::optional<size_t> baseline,
                                                                    const AnalysisOptions& options) {
  if (baseline && *baseline >= cells.size()) return absl::InvalidArgumentError("baseline is out of range");
  std::vector<SegmentResult> results(cells.size());
  std::vector<NpsComparison> tests;
  std::vector<size_t> tested;
  for (size_t i = 0; i < cells.size(); ++i) {
    NPSD_ASSIGN_OR_RETURN(results[i].statistics, Summarize(cells[i], options));
    results[i].is_baseline = baseline == i;
    if (results[i].is_baseline || !Meets(cells[i], options)) continue;
    ScoreHistogram reference;
    if (baseline) {
      reference = cells[*baseline];
    } else {
      NPSD_ASSIGN_OR_RETURN(reference, Complement(total, cells[i]));
    }
    if (!Meets(reference, options)) continue;
    NPSD_ASSIGN_OR_RETURN(NpsComparison test, CompareNps(cells[i], reference, options.confidence_percent));
    tests.push_back(test);
    tested.push_back(i);
  }
  NPSD_ASSIGN_OR_RETURN(const std::vector<Comparison> comparisons, CorrectFamily(tests, options));
  for (size_t k = 0; k < tested.size(); ++k) results[tested[k]].comparison = comparisons[k];
  AssignRanks(results);
  return results;
}

absl::CivilDay PeriodStart(absl::CivilDay day, TrendInterval interval) {
  switch (interval) {
    case TrendInterval::kDay:
      return day;
    case TrendInterval::kWeek:
      return absl::PrevWeekday(day + 1, absl::Weekday::monday);
    case TrendInterval::kMonth:
      return absl::CivilDay(absl::CivilMonth(day));
    case TrendInterval::kQuarter:
      return absl::CivilDay(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
  }
  return day;
}

absl::CivilDay NextPeriodStart(absl::CivilDay start, TrendInterval interval) {
  switch (interval) {
    case TrendInterval::kDay:
      return start + 1;
    case TrendInterval::kWeek:
      return start + 7;
    case TrendInterval::kMonth:
      return absl::CivilDay(absl::CivilMonth(start) + 1);
    case TrendInterval::kQuarter:
      return absl::CivilDay(absl::CivilMonth(start) + 3);
  }
  return start + 1;
}

absl::StatusOr<std::vector<Period>> BucketDays(const std::vector<DayHistogram>& days,
                                               std::optional<absl::CivilDay> first_day,
                                               std::optional<absl::CivilDay> last_day, TrendInterval interval) {
  for (const DayHistogram& entry : days) {
    if (!first_day || entry.day < *first_day) first_day = entry.day;
    if (!last_day || entry.day > *last_day) last_day = entry.day;
  }
  std::vector<Period> periods;
  if (!first_day || !last_day) return periods;
  std::map<absl::CivilDay, size_t> period_of;
  for (absl::CivilDay start = PeriodStart(*first_day, interval); start <= *last_day;
       start = NextPeriodStart(start, interval)) {
    if (periods.size() == kMaxTrendPoints) {
      return InvalidField("interval", absl::StrCat("yields more than ", kMaxTrendPoints,
                                                   " points; choose a longer interval or a shorter time range"));
    }
    period_of[start] = periods.size();
    periods.push_back({start, NextPeriodStart(start, interval), ScoreHistogram()});
  }
  for (const DayHistogram& entry : days) {
    const auto found = period_of.find(PeriodStart(entry.day, interval));
    if (found == period_of.end()) continue;
    NPSD_RETURN_IF_ERROR(periods[found->second].histogram.Merge(entry.histogram));
  }
  return periods;
}

absl::StatusOr<std::vector<TrendPointResult>> AnalyzeTrend(const std::vector<Period>& periods,
                                                           const AnalysisOptions& options) {
  std::vector<TrendPointResult> results(periods.size());
  std::vector<NpsComparison> tests;
  std::vector<size_t> tested;
  for (size_t i = 0; i < periods.size(); ++i) {
    results[i].period = periods[i];
    NPSD_ASSIGN_OR_RETURN(results[i].statistics, Summarize(periods[i].histogram, options));
    if (i == 0 || !Meets(periods[i].histogram, options) || !Meets(periods[i - 1].histogram, options)) continue;
    NPSD_ASSIGN_OR_RETURN(NpsComparison test,
                          CompareNps(periods[i].histogram, periods[i - 1].histogram, options.confidence_percent));
    tests.push_back(test);
    tested.push_back(i);
  }
  NPSD_ASSIGN_OR_RETURN(const std::vector<Comparison> changes, CorrectFamily(tests, options));
  for (size_t k = 0; k < tested.size(); ++k) results[tested[k]].change = changes[k];
  return results;
}

std::optional<PeerDistribution> DescribePeers(std::vector<double> peer_scores) {
  if (peer_scores.size() < static_cast<size_t>(kMinimumIndustryPeers)) return std::nullopt;
  std::sort(peer_scores.begin(), peer_scores.end());
  PeerDistribution distribution;
  distribution.peer_count = static_cast<int>(peer_scores.size());
  distribution.first_quartile = Quantile(peer_scores, 0.25);
  distribution.median = Quantile(peer_scores, 0.5);
  distribution.third_quartile = Quantile(peer_scores, 0.75);
  return distribution;
}

double PercentileRank(const std::vector<double>& peer_scores, double score) {
  if (peer_scores.empty()) return 0;
  double below = 0;
  for (double peer : peer_scores) {
    if (peer < score) below += 1;
    if (peer == score) below += 0.5;
  }
  return 100.0 * below / static_cast<double>(peer_scores.size());
}

}  // namespace npsd::domain
