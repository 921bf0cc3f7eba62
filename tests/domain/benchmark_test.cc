// benchmark_test.cc — tests for segment comparisons, trends and peer benchmarks.
//
// Unit tests for domain/benchmark.h: hierarchy roll-up and drill-down, the minimum
// sample size, comparisons against complements and baselines with their correction,
// ranks, calendar periods and the industry quartiles, each checked against values
// worked out independently.
#include "domain/benchmark.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "domain/field_violation.h"

namespace npsd::domain {
namespace {

using ::testing::ElementsAre;

// Histogram builds a histogram with `promoters` 10s, `passives` 8s and
// `detractors` 3s.
ScoreHistogram Histogram(int64_t promoters, int64_t passives, int64_t detractors) {
  ScoreHistogram histogram;
  EXPECT_TRUE(histogram.Add(10, promoters).ok());
  EXPECT_TRUE(histogram.Add(8, passives).ok());
  EXPECT_TRUE(histogram.Add(3, detractors).ok());
  return histogram;
}

AnalysisOptions Options(int32_t minimum_sample_size) {
  AnalysisOptions options;
  options.minimum_sample_size = minimum_sample_size;
  return options;
}

std::vector<std::string> Values(const DimensionSegments& segments) {
  std::vector<std::string> values;
  for (const SegmentValue& segment : segments.segments) values.push_back(segment.value);
  return values;
}

TEST(SummarizeTest, WithholdsEverythingButNBelowTheMinimumSampleSize) {
  const absl::StatusOr<SampleStatistics> small = Summarize(Histogram(20, 5, 4), Options(30));
  ASSERT_TRUE(small.ok());
  EXPECT_TRUE(small->insufficient);
  EXPECT_EQ(small->estimate.n, 29);
  EXPECT_FALSE(small->estimate.has_score);
  EXPECT_EQ(small->estimate.promoters, 0);
  EXPECT_EQ(small->estimate.nps, 0);

  const absl::StatusOr<SampleStatistics> enough = Summarize(Histogram(20, 5, 5), Options(30));
  ASSERT_TRUE(enough.ok());
  EXPECT_FALSE(enough->insufficient);
  EXPECT_TRUE(enough->estimate.has_score);
  EXPECT_DOUBLE_EQ(enough->estimate.nps, 50.0);
  EXPECT_EQ(enough->estimate.promoters, 20);

  EXPECT_TRUE(Summarize(ScoreHistogram(), Options(1))->insufficient);
  AnalysisOptions odd = Options(1);
  odd.confidence_percent = 97;
  EXPECT_EQ(Summarize(Histogram(1, 0, 0), odd).status().code(), absl::StatusCode::kInvalidArgument);
}

// The catalogue: EU > {FR > {PARIS}, DE}, US, APAC (no children).
std::vector<CatalogueUnit> Regions() {
  return {{"US", ""}, {"FR", "EU"}, {"EU", ""}, {"PARIS", "FR"}, {"DE", "EU"}, {"APAC", ""}};
}

TEST(HierarchySegmentsTest, RootsIncludeTheirWholeSubtree) {
  const absl::StatusOr<DimensionSegments> roots = HierarchySegments(Regions(), "", "parent_code");
  ASSERT_TRUE(roots.ok());
  EXPECT_THAT(Values(*roots), ElementsAre("APAC", "EU", "US"));
  EXPECT_EQ(roots->segment_of.at("PARIS"), 1u);
  EXPECT_EQ(roots->segment_of.at("FR"), 1u);
  EXPECT_EQ(roots->segment_of.at("DE"), 1u);
  EXPECT_EQ(roots->segment_of.at("US"), 2u);
  EXPECT_EQ(roots->segment_of.count(""), 0u);
}

TEST(HierarchySegmentsTest, DrillDownSeparatesTheParentsOwnResponses) {
  const absl::StatusOr<DimensionSegments> eu = HierarchySegments(Regions(), "EU", "parent_code");
  ASSERT_TRUE(eu.ok());
  EXPECT_THAT(Values(*eu), ElementsAre("EU", "DE", "FR"));
  EXPECT_TRUE(eu->segments[0].direct_only);
  EXPECT_FALSE(eu->segments[2].direct_only);
  EXPECT_EQ(eu->segment_of.at("EU"), 0u);
  EXPECT_EQ(eu->segment_of.at("PARIS"), 2u);
  EXPECT_EQ(eu->segment_of.count("US"), 0u);

  const absl::StatusOr<DimensionSegments> unknown = HierarchySegments(Regions(), "MARS", "second_parent_code");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(FieldViolationsOf(unknown.status()).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(unknown.status())[0].field, "second_parent_code");
}

TEST(SegmentsOfTest, FilterValuesThenCatalogueOrEveryChannelThenObservedValues) {
  SegmentSource channels{Dimension::kChannel, "", {}, {}, {"WEB"}};
  EXPECT_THAT(Values(*SegmentsOf(channels, "parent_code")),
              ElementsAre("CHAT", "EMAIL", "IN_APP", "SMS", "VOICE_POST_CALL", "WEB"));
  channels.filter_values = {"SMS", "EMAIL", "SMS"};
  EXPECT_THAT(Values(*SegmentsOf(channels, "parent_code")), ElementsAre("EMAIL", "SMS"));

  const SegmentSource brands{Dimension::kBrand, "", {{"b2", ""}, {"b1", ""}}, {}, {"b9"}};
  EXPECT_THAT(Values(*SegmentsOf(brands, "parent_code")), ElementsAre("b1", "b2"));

  const SegmentSource agents{Dimension::kAgent, "", {}, {}, {"a2", "", "a1", "a2"}};
  EXPECT_THAT(Values(*SegmentsOf(agents, "parent_code")), ElementsAre("a1", "a2"));

  const SegmentSource regions{Dimension::kRegion, "FR", Regions(), {"US"}, {}};
  EXPECT_THAT(Values(*SegmentsOf(regions, "parent_code")), ElementsAre("FR", "PARIS"));
}

TEST(FillSegmentsTest, CrossTabCellsAreRowMajorAndUnknownValuesAreSkipped) {
  const DimensionSegments rows = *HierarchySegments(Regions(), "", "parent_code");  // APAC, EU, US
  const DimensionSegments columns = FlatSegments({"b1", "b2"});
  const std::vector<GroupedHistogram> grouped = {
      {{"PARIS", "b2"}, Histogram(1, 0, 0)}, {{"DE", "b2"}, Histogram(0, 2, 0)},
      {{"US", "b1"}, Histogram(0, 0, 3)},    {{"", "b1"}, Histogram(5, 0, 0)},
      {{"US", "b3"}, Histogram(7, 0, 0)}};
  const absl::StatusOr<std::vector<ScoreHistogram>> cells = FillSegments(grouped, rows, &columns);
  ASSERT_TRUE(cells.ok());
  ASSERT_EQ(cells->size(), 6u);
  EXPECT_EQ((*cells)[1 * 2 + 1].n(), 3);  // EU x b2: PARIS and DE
  EXPECT_EQ((*cells)[1 * 2 + 1].promoters(), 1);
  EXPECT_EQ((*cells)[2 * 2 + 0].detractors(), 3);  // US x b1
  EXPECT_EQ((*cells)[0].n() + (*cells)[1].n() + (*cells)[2].n() + (*cells)[5].n(), 0);

  EXPECT_EQ(FillSegments({{{"US"}, Histogram(1, 0, 0)}}, rows, &columns).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ComplementTest, SubtractsAndRefusesAPartLargerThanTheTotal) {
  const absl::StatusOr<ScoreHistogram> rest = Complement(Histogram(5, 4, 3), Histogram(2, 4, 0));
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->promoters(), 3);
  EXPECT_EQ(rest->passives(), 0);
  EXPECT_EQ(rest->detractors(), 3);
  EXPECT_EQ(Complement(Histogram(1, 0, 0), Histogram(2, 0, 0)).status().code(), absl::StatusCode::kInternal);
}

TEST(CompareSegmentHistogramsTest, ComparesEachSegmentWithItsComplementAndCorrects) {
  const std::vector<ScoreHistogram> cells = {Histogram(60, 20, 20), Histogram(20, 20, 60), Histogram(40, 20, 40),
                                             Histogram(3, 0, 0)};
  ScoreHistogram total = Histogram(1, 1, 1);  // responses in no segment count in every complement
  for (const ScoreHistogram& cell : cells) ASSERT_TRUE(total.Merge(cell).ok());
  const absl::StatusOr<std::vector<SegmentResult>> results =
      CompareSegmentHistograms(cells, total, std::nullopt, Options(30));
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->size(), 4u);

  std::vector<double> p_values;
  for (size_t i = 0; i < 3; ++i) {
    const NpsComparison expected = *CompareNps(cells[i], *Complement(total, cells[i]), 95);
    ASSERT_TRUE((*results)[i].comparison.has_value()) << i;
    EXPECT_DOUBLE_EQ((*results)[i].comparison->test.delta, expected.delta) << i;
    EXPECT_DOUBLE_EQ((*results)[i].comparison->test.p_value, expected.p_value) << i;
    p_values.push_back(expected.p_value);
  }
  const std::vector<double> holm = *HolmAdjust(p_values);
  for (size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ((*results)[i].comparison->adjusted_p_value, holm[i]) << i;
  EXPECT_TRUE((*results)[0].comparison->significant);
  EXPECT_TRUE((*results)[1].comparison->significant);
  EXPECT_FALSE((*results)[2].comparison->significant);
  // The small segment keeps its n, gets no score, rank or comparison.
  EXPECT_TRUE((*results)[3].statistics.insufficient);
  EXPECT_EQ((*results)[3].statistics.estimate.n, 3);
  EXPECT_FALSE((*results)[3].comparison.has_value());
  EXPECT_THAT(std::vector<int>({(*results)[0].rank, (*results)[1].rank, (*results)[2].rank, (*results)[3].rank}),
              ElementsAre(1, 3, 2, 0));

  AnalysisOptions bh = Options(30);
  bh.correction = PValueCorrection::kBenjaminiHochberg;
  const std::vector<double> expected_bh = *BenjaminiHochbergAdjust(p_values);
  const std::vector<SegmentResult> with_bh = *CompareSegmentHistograms(cells, total, std::nullopt, bh);
  for (size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(with_bh[i].comparison->adjusted_p_value, expected_bh[i]) << i;
}

TEST(CompareSegmentHistogramsTest, BaselineIsTheReferenceAndTiesShareARank) {
  const std::vector<ScoreHistogram> cells = {Histogram(30, 10, 10), Histogram(20, 20, 10), Histogram(60, 20, 20),
                                             Histogram(10, 5, 5)};
  const absl::StatusOr<std::vector<SegmentResult>> results =
      CompareSegmentHistograms(cells, ScoreHistogram(), 1, Options(20));
  ASSERT_TRUE(results.ok());
  EXPECT_TRUE((*results)[1].is_baseline);
  EXPECT_FALSE((*results)[1].comparison.has_value());
  ASSERT_TRUE((*results)[0].comparison.has_value());
  EXPECT_DOUBLE_EQ((*results)[0].comparison->test.delta, 40.0 - 20.0);
  EXPECT_DOUBLE_EQ((*results)[3].comparison->test.p_value, CompareNps(cells[3], cells[1], 95)->p_value);
  // 40, 20, 40, 25: the two 40s share rank 1 and the next rank is 3.
  EXPECT_EQ((*results)[0].rank, 1);
  EXPECT_EQ((*results)[2].rank, 1);
  EXPECT_EQ((*results)[3].rank, 3);
  EXPECT_EQ((*results)[1].rank, 4);

  // A baseline below the minimum sample size allows no comparison at all.
  const std::vector<SegmentResult> small = *CompareSegmentHistograms(cells, ScoreHistogram(), 3, Options(25));
  for (const SegmentResult& result : small) EXPECT_FALSE(result.comparison.has_value());
  EXPECT_EQ(CompareSegmentHistograms(cells, ScoreHistogram(), 4, Options(1)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PeriodTest, WeeksStartOnMondayAndQuartersOnTheirFirstMonth) {
  EXPECT_EQ(PeriodStart(absl::CivilDay(2025, 1, 1), TrendInterval::kWeek), absl::CivilDay(2024, 12, 30));
  EXPECT_EQ(PeriodStart(absl::CivilDay(2024, 12, 30), TrendInterval::kWeek), absl::CivilDay(2024, 12, 30));
  EXPECT_EQ(PeriodStart(absl::CivilDay(2025, 1, 5), TrendInterval::kWeek), absl::CivilDay(2024, 12, 30));
  EXPECT_EQ(PeriodStart(absl::CivilDay(2024, 2, 29), TrendInterval::kMonth), absl::CivilDay(2024, 2, 1));
  EXPECT_EQ(PeriodStart(absl::CivilDay(2024, 9, 30), TrendInterval::kQuarter), absl::CivilDay(2024, 7, 1));
  EXPECT_EQ(PeriodStart(absl::CivilDay(2024, 10, 1), TrendInterval::kQuarter), absl::CivilDay(2024, 10, 1));
  EXPECT_EQ(NextPeriodStart(absl::CivilDay(2024, 10, 1), TrendInterval::kQuarter), absl::CivilDay(2025, 1, 1));
  EXPECT_EQ(NextPeriodStart(absl::CivilDay(2024, 1, 1), TrendInterval::kMonth), absl::CivilDay(2024, 2, 1));
  EXPECT_EQ(NextPeriodStart(absl::CivilDay(2024, 12, 30), TrendInterval::kWeek), absl::CivilDay(2025, 1, 6));
  EXPECT_EQ(NextPeriodStart(absl::CivilDay(2024, 2, 28), TrendInterval::kDay), absl::CivilDay(2024, 2, 29));
}

TEST(BucketDaysTest, SumsDaysIntoEveryPeriodBetweenTheBoundsEmptyOnesIncluded) {
  const std::vector<DayHistogram> days = {{absl::CivilDay(2025, 1, 31), Histogram(1, 0, 0)},
                                          {absl::CivilDay(2025, 1, 2), Histogram(0, 1, 0)},
                                          {absl::CivilDay(2025, 4, 1), Histogram(0, 0, 1)}};
  const absl::StatusOr<std::vector<Period>> months =
      BucketDays(days, absl::CivilDay(2024, 12, 15), std::nullopt, TrendInterval::kMonth);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 5u);  // December to April
  EXPECT_EQ((*months)[0].start, absl::CivilDay(2024, 12, 1));
  EXPECT_EQ((*months)[0].histogram.n(), 0);
  EXPECT_EQ((*months)[1].histogram.n(), 2);
  EXPECT_EQ((*months)[2].histogram.n(), 0);
  EXPECT_EQ((*months)[4].histogram.detractors(), 1);
  EXPECT_EQ((*months)[4].end, absl::CivilDay(2025, 5, 1));

  EXPECT_TRUE(BucketDays({}, std::nullopt, std::nullopt, TrendInterval::kDay)->empty());
  EXPECT_EQ(BucketDays({}, absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 1, 7), TrendInterval::kDay)->size(), 7u);
  const absl::StatusOr<std::vector<Period>> too_many =
      BucketDays({}, absl::CivilDay(2020, 1, 1), absl::CivilDay(2025, 1, 1), TrendInterval::kDay);
  EXPECT_EQ(too_many.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(too_many.status()).at(0).field, "interval");
  EXPECT_EQ(BucketDays({}, absl::CivilDay(2020, 1, 1), absl::CivilDay(2025, 1, 1), TrendInterval::kWeek)->size(),
            262u);
}

TEST(AnalyzeTrendTest, ChangesCompareEachPeriodWithThePreviousOneWhenBothAreLargeEnough) {
  const std::vector<Period> periods = {{absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 2, 1), Histogram(40, 0, 10)},
                                       {absl::CivilDay(2025, 2, 1), absl::CivilDay(2025, 3, 1), Histogram(10, 0, 40)},
                                       {absl::CivilDay(2025, 3, 1), absl::CivilDay(2025, 4, 1), Histogram(5, 0, 5)},
                                       {absl::CivilDay(2025, 4, 1), absl::CivilDay(2025, 5, 1), Histogram(30, 0, 20)}};
  const absl::StatusOr<std::vector<TrendPointResult>> trend = AnalyzeTrend(periods, Options(30));
  ASSERT_TRUE(trend.ok());
  EXPECT_FALSE((*trend)[0].change.has_value());
  ASSERT_TRUE((*trend)[1].change.has_value());
  EXPECT_DOUBLE_EQ((*trend)[1].change->test.delta, -60.0 - 60.0);
  EXPECT_DOUBLE_EQ((*trend)[1].change->adjusted_p_value, (*trend)[1].change->test.p_value);  // a family of one
  EXPECT_TRUE((*trend)[1].change->significant);
  EXPECT_TRUE((*trend)[2].statistics.insufficient);
  EXPECT_FALSE((*trend)[2].change.has_value());
  EXPECT_FALSE((*trend)[3].change.has_value());
}

TEST(IndustryTest, QuartilesAreReleasedFromFivePeersOnly) {
  EXPECT_FALSE(DescribePeers({10, 20, 30, 40}).has_value());
  const std::optional<PeerDistribution> five = DescribePeers({50, 10, 40, 20, 30});
  ASSERT_TRUE(five.has_value());
  EXPECT_EQ(five->peer_count, 5);
  EXPECT_DOUBLE_EQ(five->first_quartile, 20);
  EXPECT_DOUBLE_EQ(five->median, 30);
  EXPECT_DOUBLE_EQ(five->third_quartile, 40);
  const std::optional<PeerDistribution> six = DescribePeers({6, 1, 5, 2, 4, 3});
  EXPECT_DOUBLE_EQ(six->first_quartile, 2.25);
  EXPECT_DOUBLE_EQ(six->median, 3.5);
  EXPECT_DOUBLE_EQ(six->third_quartile, 4.75);
}

TEST(IndustryTest, PercentileCountsTiesAsHalf) {
  EXPECT_DOUBLE_EQ(PercentileRank({10, 20, 30, 40, 50}, 50), 90);
  EXPECT_DOUBLE_EQ(PercentileRank({10, 20, 30, 40, 50}, 35), 60);
  EXPECT_DOUBLE_EQ(PercentileRank({10, 20, 20, 20}, 20), 62.5);
  EXPECT_DOUBLE_EQ(PercentileRank({}, 20), 0);
}

}  // namespace
}  // namespace npsd::domain
