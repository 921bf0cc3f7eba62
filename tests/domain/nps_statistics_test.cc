// nps_statistics_test.cc — tests for the NPS statistics.
//
// Unit tests for domain/nps_statistics.h. Expected values are either worked
// out by hand in the comments or recomputed here from the published formula
// with plain arithmetic, never by calling the code under test.

#include "domain/nps_statistics.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace npsd::domain {
namespace {

constexpr double kTolerance = 1e-9;
constexpr double kZ90 = 1.6448536269514722;
constexpr double kZ95 = 1.959963984540054;
constexpr double kZ99 = 2.5758293035489004;

// Histogram builds a histogram with the given category counts, using the
// answers 10 (promoter), 8 (passive) and 3 (detractor).
ScoreHistogram Histogram(int64_t promoters, int64_t passives,
                         int64_t detractors) {
  ScoreHistogram histogram;
  EXPECT_TRUE(histogram.Add(10, promoters).ok());
  EXPECT_TRUE(histogram.Add(8, passives).ok());
  EXPECT_TRUE(histogram.Add(3, detractors).ok());
  return histogram;
}

NpsEstimate EstimateOrDie(const ScoreHistogram& histogram, double confidence) {
  absl::StatusOr<NpsEstimate> estimate = Estimate(histogram, confidence);
  EXPECT_TRUE(estimate.ok()) << estimate.status();
  return estimate.value_or(NpsEstimate{});
}

NpsComparison CompareOrDie(const ScoreHistogram& a, const ScoreHistogram& b,
                           double confidence) {
  absl::StatusOr<NpsComparison> comparison = CompareNps(a, b, confidence);
  EXPECT_TRUE(comparison.ok()) << comparison.status();
  return comparison.value_or(NpsComparison{});
}

// WorstCaseMargin is the adjusted-Wald margin z * 100 * sqrt(var / n') for
// n responses with variance 1.
double WorstCaseMargin(double z, int64_t n) {
  return z * 100.0 * std::sqrt(1.0 / (static_cast<double>(n) + 3.0));
}

// ExpectTightSampleSize checks that `margin` is met at the planned n and
// missed at n - 1.
void ExpectTightSampleSize(double margin, double confidence) {
  const double z = ZForConfidence(confidence).value();
  const int64_t n = RequiredSampleSize(margin, confidence).value();
  EXPECT_LE(WorstCaseMargin(z, n), margin) << margin << " at " << confidence;
  if (n > 1) {
    EXPECT_GT(WorstCaseMargin(z, n - 1), margin)
        << margin << " at " << confidence;
  }
}

TEST(ClassifyScoreTest, BoundariesOfEachCategory) {
  EXPECT_EQ(ClassifyScore(0).value(), NpsCategory::kDetractor);
  EXPECT_EQ(ClassifyScore(6).value(), NpsCategory::kDetractor);
  EXPECT_EQ(ClassifyScore(7).value(), NpsCategory::kPassive);
  EXPECT_EQ(ClassifyScore(8).value(), NpsCategory::kPassive);
  EXPECT_EQ(ClassifyScore(9).value(), NpsCategory::kPromoter);
  EXPECT_EQ(ClassifyScore(10).value(), NpsCategory::kPromoter);
}

TEST(ClassifyScoreTest, RejectsScoresOutsideTheScale) {
  EXPECT_EQ(ClassifyScore(-1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ClassifyScore(11).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ValidateScoreTest, AcceptsOnlyZeroToTen) {
  for (int64_t score = 0; score <= 10; ++score) {
    EXPECT_TRUE(ValidateScore(score).ok()) << score;
  }
  EXPECT_EQ(ValidateScore(-1).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateScore(11).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateScore(std::numeric_limits<int64_t>::min()).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ScoreHistogramTest, CountsEachCategory) {
  ScoreHistogram histogram;
  for (int64_t score = 0; score <= 10; ++score) {
    ASSERT_TRUE(histogram.Add(score).ok());
  }
  ASSERT_TRUE(histogram.Add(9, 4).ok());
  EXPECT_EQ(histogram.n(), 15);
  EXPECT_EQ(histogram.promoters(), 6);   // 9 x5, 10 x1.
  EXPECT_EQ(histogram.passives(), 2);    // 7, 8.
  EXPECT_EQ(histogram.detractors(), 7);  // 0..6.
  EXPECT_EQ(histogram.counts()[9], 5);
}

TEST(ScoreHistogramTest, MergeAddsCounts) {
  ScoreHistogram a = Histogram(3, 2, 1);
  ASSERT_TRUE(a.Merge(Histogram(1, 0, 4)).ok());
  EXPECT_EQ(a.promoters(), 4);
  EXPECT_EQ(a.passives(), 2);
  EXPECT_EQ(a.detractors(), 5);
  EXPECT_EQ(a.n(), 11);
}

TEST(ScoreHistogramTest, RejectsBadAddsWithoutChangingCounts) {
  ScoreHistogram histogram = Histogram(1, 1, 1);
  EXPECT_EQ(histogram.Add(11).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(histogram.Add(5, -1).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(histogram.Add(5, std::numeric_limits<int64_t>::max()).code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(histogram.n(), 3);
}

TEST(ScoreHistogramTest, MergeRejectsOverflow) {
  ScoreHistogram big;
  ASSERT_TRUE(big.Add(10, std::numeric_limits<int64_t>::max()).ok());
  ScoreHistogram small = Histogram(0, 1, 0);
  EXPECT_EQ(small.Merge(big).code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(small.n(), 1);
}

TEST(ScoreHistogramTest, FromCountsValidates) {
  ScoreHistogram::Counts counts{};
  counts[0] = 2;
  counts[10] = 5;
  absl::StatusOr<ScoreHistogram> histogram = ScoreHistogram::FromCounts(counts);
  ASSERT_TRUE(histogram.ok()) << histogram.status();
  EXPECT_EQ(histogram->counts(), counts);
  EXPECT_EQ(histogram->detractors(), 2);
  EXPECT_EQ(histogram->promoters(), 5);

  counts[4] = -1;
  EXPECT_EQ(ScoreHistogram::FromCounts(counts).status().code(),
            absl::StatusCode::kInvalidArgument);

  counts[4] = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(ScoreHistogram::FromCounts(counts).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ZForConfidenceTest, SupportedLevels) {
  EXPECT_DOUBLE_EQ(ZForConfidence(80).value(), 1.2815515655446004);
  EXPECT_DOUBLE_EQ(ZForConfidence(90).value(), kZ90);
  EXPECT_DOUBLE_EQ(ZForConfidence(95).value(), kZ95);
  EXPECT_DOUBLE_EQ(ZForConfidence(99).value(), kZ99);
}

TEST(ZForConfidenceTest, RejectsOtherLevels) {
  for (double level : {0.0, 0.95, 50.0, 95.5, 99.9, 100.0, -95.0,
                       std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(ZForConfidence(level).status().code(),
              absl::StatusCode::kInvalidArgument)
        << level;
  }
}

// P = 60, passives = 20, D = 20, n = 100:
//   raw NPS = 100 * (60 - 20) / 100 = 40.
//   n' = 103, p' = 60.75 / 103, d' = 20.75 / 103, p' - d' = 40 / 103,
//   adjusted NPS = 4000 / 103 = 38.8349514...
//   var = 81.5 / 103 - (40 / 103)^2 = 6794.5 / 10609 = 0.6404467...
//   margin(95%) = 1.959964 * 100 * sqrt(0.6404467 / 103) = 15.4550710...
TEST(EstimateTest, SixtyTwentyTwenty) {
  const NpsEstimate estimate = EstimateOrDie(Histogram(60, 20, 20), 95);
  EXPECT_TRUE(estimate.has_score);
  EXPECT_EQ(estimate.n, 100);
  EXPECT_EQ(estimate.promoters, 60);
  EXPECT_EQ(estimate.passives, 20);
  EXPECT_EQ(estimate.detractors, 20);
  EXPECT_NEAR(estimate.promoter_share, 0.6, kTolerance);
  EXPECT_NEAR(estimate.passive_share, 0.2, kTolerance);
  EXPECT_NEAR(estimate.detractor_share, 0.2, kTolerance);
  EXPECT_NEAR(estimate.nps, 40.0, kTolerance);

  const double variance = 6794.5 / 10609.0;
  const double margin = kZ95 * 100.0 * std::sqrt(variance / 103.0);
  EXPECT_NEAR(estimate.adjusted_nps, 4000.0 / 103.0, kTolerance);
  EXPECT_NEAR(estimate.margin_of_error, margin, kTolerance);
  EXPECT_NEAR(estimate.ci_lower, 4000.0 / 103.0 - margin, kTolerance);
  EXPECT_NEAR(estimate.ci_upper, 4000.0 / 103.0 + margin, kTolerance);
  // The same figures as printed decimals.
  EXPECT_NEAR(estimate.adjusted_nps, 38.834951, 1e-6);
  EXPECT_NEAR(estimate.margin_of_error, 15.455071, 1e-6);
  EXPECT_NEAR(estimate.ci_lower, 23.379880, 1e-6);
  EXPECT_NEAR(estimate.ci_upper, 54.290022, 1e-6);
  EXPECT_EQ(estimate.confidence_percent, 95);
}

// Worked example as a report would print it: 36 responses, of which 15
// promoters, 13 passives and 8 detractors.
//   NPS = 100 * 7 / 36 = 19.444.
//   n' = 39, p' = 15.75 / 39 = 0.403846, d' = 8.75 / 39 = 0.224359,
//   adjusted NPS = 100 * 7 / 39 = 17.949,
//   var = 24.5 / 39 - (7 / 39)^2 = (24.5 * 39 - 49) / 1521 = 906.5 / 1521
//       = 0.595989,
//   se = 100 * sqrt(0.595989 / 39) = 12.3620,
//   95%: 17.949 +/- 1.959964 * 12.3620 = 17.949 +/- 24.229
//        -> [-6.280, 42.178],
//   90%: 17.949 +/- 1.644854 * 12.3620 = 17.949 +/- 20.334
//        -> [-2.385, 38.282].
TEST(EstimateTest, WorkedExampleThirtySixResponses) {
  constexpr double kPrinted = 0.0005;  // Three printed decimals.
  const ScoreHistogram histogram = Histogram(15, 13, 8);
  const NpsEstimate at95 = EstimateOrDie(histogram, 95);
  EXPECT_NEAR(at95.nps, 19.444, kPrinted);
  EXPECT_NEAR(at95.adjusted_nps, 17.949, kPrinted);
  EXPECT_NEAR(at95.margin_of_error, 24.229, kPrinted);
  EXPECT_NEAR(at95.ci_lower, -6.280, kPrinted);
  EXPECT_NEAR(at95.ci_upper, 42.178, kPrinted);

  const NpsEstimate at90 = EstimateOrDie(histogram, 90);
  EXPECT_NEAR(at90.margin_of_error, 20.334, kPrinted);
  EXPECT_NEAR(at90.ci_lower, -2.385, kPrinted);
  EXPECT_NEAR(at90.ci_upper, 38.282, kPrinted);

  const double margin99 = kZ99 * 100.0 * std::sqrt(906.5 / 1521.0 / 39.0);
  EXPECT_NEAR(EstimateOrDie(histogram, 99).margin_of_error, margin99,
              kTolerance);
}

// n = 0: no score, but the adjustment alone gives n' = 3, p' = d' = 1/4,
// var = 1/2 and margin = z * 100 * sqrt(1/6) = 80.015 at 95%.
TEST(EstimateTest, EmptyHistogramHasNoScore) {
  const NpsEstimate estimate = EstimateOrDie(ScoreHistogram(), 95);
  EXPECT_FALSE(estimate.has_score);
  EXPECT_EQ(estimate.n, 0);
  EXPECT_EQ(estimate.nps, 0.0);
  EXPECT_EQ(estimate.promoter_share, 0.0);
  EXPECT_EQ(estimate.passive_share, 0.0);
  EXPECT_EQ(estimate.detractor_share, 0.0);
  const double margin = kZ95 * 100.0 * std::sqrt(1.0 / 6.0);
  EXPECT_NEAR(estimate.adjusted_nps, 0.0, kTolerance);
  EXPECT_NEAR(estimate.margin_of_error, margin, kTolerance);
  EXPECT_NEAR(estimate.ci_lower, -margin, kTolerance);
  EXPECT_NEAR(estimate.ci_upper, margin, kTolerance);
}

// n = 1, one promoter: n' = 4, p' = 7/16, d' = 3/16, adjusted NPS = 25,
// var = 10/16 - (4/16)^2 = 9/16, margin = z * 100 * sqrt(9/64) = z * 37.5.
TEST(EstimateTest, SingleResponse) {
  const NpsEstimate estimate = EstimateOrDie(Histogram(1, 0, 0), 95);
  EXPECT_TRUE(estimate.has_score);
  EXPECT_NEAR(estimate.nps, 100.0, kTolerance);
  EXPECT_NEAR(estimate.adjusted_nps, 25.0, kTolerance);
  EXPECT_NEAR(estimate.margin_of_error, kZ95 * 37.5, kTolerance);
  EXPECT_NEAR(estimate.ci_lower, 25.0 - kZ95 * 37.5, kTolerance);
  EXPECT_NEAR(estimate.ci_upper, 25.0 + kZ95 * 37.5, kTolerance);
}

// 50 promoters: n' = 53, p' = 50.75 / 53, d' = 0.75 / 53, adjusted NPS =
// 5000 / 53 = 94.34; var = 51.5 / 53 - (50 / 53)^2 = 229.5 / 2809; the upper
// bound 94.34 + 7.70 is clamped to 100.
TEST(EstimateTest, AllPromotersClampsUpperBound) {
  const NpsEstimate estimate = EstimateOrDie(Histogram(50, 0, 0), 95);
  const double margin = kZ95 * 100.0 * std::sqrt(229.5 / 2809.0 / 53.0);
  EXPECT_NEAR(estimate.nps, 100.0, kTolerance);
  EXPECT_NEAR(estimate.promoter_share, 1.0, kTolerance);
  EXPECT_NEAR(estimate.adjusted_nps, 5000.0 / 53.0, kTolerance);
  EXPECT_NEAR(estimate.margin_of_error, margin, kTolerance);
  EXPECT_NEAR(estimate.ci_lower, 5000.0 / 53.0 - margin, kTolerance);
  EXPECT_EQ(estimate.ci_upper, 100.0);
}

TEST(EstimateTest, AllDetractorsClampsLowerBound) {
  const NpsEstimate estimate = EstimateOrDie(Histogram(0, 0, 50), 95);
  const double margin = kZ95 * 100.0 * std::sqrt(229.5 / 2809.0 / 53.0);
  EXPECT_NEAR(estimate.nps, -100.0, kTolerance);
  EXPECT_NEAR(estimate.detractor_share, 1.0, kTolerance);
  EXPECT_NEAR(estimate.adjusted_nps, -5000.0 / 53.0, kTolerance);
  EXPECT_EQ(estimate.ci_lower, -100.0);
  EXPECT_NEAR(estimate.ci_upper, -5000.0 / 53.0 + margin, kTolerance);
}

TEST(EstimateTest, MoreResponsesNarrowTheInterval) {
  const NpsEstimate small = EstimateOrDie(Histogram(6, 2, 2), 95);
  const NpsEstimate large = EstimateOrDie(Histogram(600, 200, 200), 95);
  EXPECT_NEAR(small.nps, large.nps, kTolerance);
  EXPECT_LT(large.margin_of_error, small.margin_of_error / 5);
}

TEST(EstimateTest, HigherConfidenceWidensTheInterval) {
  const ScoreHistogram histogram = Histogram(60, 20, 20);
  EXPECT_LT(EstimateOrDie(histogram, 80).margin_of_error,
            EstimateOrDie(histogram, 90).margin_of_error);
  EXPECT_LT(EstimateOrDie(histogram, 90).margin_of_error,
            EstimateOrDie(histogram, 95).margin_of_error);
  EXPECT_LT(EstimateOrDie(histogram, 95).margin_of_error,
            EstimateOrDie(histogram, 99).margin_of_error);
}

TEST(EstimateTest, RejectsUnsupportedConfidence) {
  EXPECT_EQ(Estimate(Histogram(1, 1, 1), 97.5).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A = 60/20/20 and B = 40/30/30, n = 100 each:
//   raw delta = 40 - 10 = 30.
//   adjusted A = 4000 / 103, var A = 6794.5 / 10609 (see above);
//   adjusted B = 100 * (40.75 - 30.75) / 103 = 1000 / 103,
//   var B = 71.5 / 103 - (10 / 103)^2 = 7264.5 / 10609;
//   adjusted delta = 3000 / 103 = 29.126,
//   se = 100 * sqrt((6794.5 + 7264.5) / 10609 / 103) = 11.3428,
//   z = 29.126 / 11.3428 = 2.5678, two-sided p = 0.01023.
TEST(CompareNpsTest, KnownDifference) {
  const NpsComparison comparison =
      CompareOrDie(Histogram(60, 20, 20), Histogram(40, 30, 30), 95);
  const double adjusted_delta = 3000.0 / 103.0;
  const double se = 100.0 * std::sqrt((6794.5 + 7264.5) / 10609.0 / 103.0);
  const double z = adjusted_delta / se;
  EXPECT_TRUE(comparison.has_delta);
  EXPECT_NEAR(comparison.delta, 30.0, kTolerance);
  EXPECT_NEAR(comparison.adjusted_delta, adjusted_delta, kTolerance);
  EXPECT_NEAR(comparison.standard_error, se, kTolerance);
  EXPECT_NEAR(comparison.z, z, kTolerance);
  EXPECT_NEAR(comparison.p_value, std::erfc(z / std::sqrt(2.0)), kTolerance);
  EXPECT_NEAR(comparison.margin_of_error, kZ95 * se, kTolerance);
  EXPECT_NEAR(comparison.ci_lower, adjusted_delta - kZ95 * se, kTolerance);
  EXPECT_NEAR(comparison.ci_upper, adjusted_delta + kZ95 * se, kTolerance);
  // The same figures as printed decimals.
  EXPECT_NEAR(comparison.standard_error, 11.342829, 1e-6);
  EXPECT_NEAR(comparison.z, 2.567809, 1e-6);
  EXPECT_NEAR(comparison.p_value, 0.010234, 1e-6);
  EXPECT_NEAR(comparison.ci_lower, 6.894678, 1e-6);
  EXPECT_NEAR(comparison.ci_upper, 51.357750, 1e-6);
}

TEST(CompareNpsTest, SwappingGroupsNegatesTheDifference) {
  const ScoreHistogram a = Histogram(60, 20, 20);
  const ScoreHistogram b = Histogram(12, 10, 9);
  const NpsComparison ab = CompareOrDie(a, b, 90);
  const NpsComparison ba = CompareOrDie(b, a, 90);
  EXPECT_NEAR(ab.delta, -ba.delta, kTolerance);
  EXPECT_NEAR(ab.z, -ba.z, kTolerance);
  EXPECT_NEAR(ab.p_value, ba.p_value, kTolerance);
  EXPECT_NEAR(ab.ci_lower, -ba.ci_upper, kTolerance);
}

TEST(CompareNpsTest, IdenticalGroupsAreNotSignificant) {
  const NpsComparison comparison =
      CompareOrDie(Histogram(30, 10, 10), Histogram(30, 10, 10), 95);
  EXPECT_NEAR(comparison.delta, 0.0, kTolerance);
  EXPECT_NEAR(comparison.z, 0.0, kTolerance);
  EXPECT_NEAR(comparison.p_value, 1.0, kTolerance);
  EXPECT_NEAR(comparison.ci_lower, -comparison.ci_upper, kTolerance);
}

TEST(CompareNpsTest, SameSharesWithMoreResponsesGiveSmallerPValue) {
  const NpsComparison small =
      CompareOrDie(Histogram(6, 2, 2), Histogram(4, 3, 3), 95);
  const NpsComparison large =
      CompareOrDie(Histogram(60, 20, 20), Histogram(40, 30, 30), 95);
  EXPECT_GT(small.p_value, 0.05);
  EXPECT_LT(large.p_value, 0.05);
}

// 50 promoters against 50 detractors: adjusted delta = 10000 / 53 = 188.68,
// se = 100 * sqrt(2 * 229.5 / 2809 / 53) = 5.553, and at 99% the upper
// bound 188.68 + 14.30 is clamped to 200.
TEST(CompareNpsTest, ClampsIntervalToTwoHundred) {
  const NpsComparison comparison =
      CompareOrDie(Histogram(50, 0, 0), Histogram(0, 0, 50), 99);
  const double se = 100.0 * std::sqrt(2.0 * 229.5 / 2809.0 / 53.0);
  EXPECT_NEAR(comparison.delta, 200.0, kTolerance);
  EXPECT_NEAR(comparison.adjusted_delta, 10000.0 / 53.0, kTolerance);
  EXPECT_NEAR(comparison.margin_of_error, kZ99 * se, kTolerance);
  EXPECT_NEAR(comparison.ci_lower, 10000.0 / 53.0 - kZ99 * se, kTolerance);
  EXPECT_EQ(comparison.ci_upper, 200.0);
  EXPECT_LT(comparison.p_value, 1e-12);
}

TEST(CompareNpsTest, EmptyGroupHasNoDelta) {
  const NpsComparison comparison =
      CompareOrDie(Histogram(5, 0, 0), ScoreHistogram(), 95);
  EXPECT_FALSE(comparison.has_delta);
  EXPECT_EQ(comparison.delta, 0.0);
  EXPECT_TRUE(std::isfinite(comparison.p_value));
  EXPECT_GE(comparison.ci_lower, -200.0);
  EXPECT_LE(comparison.ci_upper, 200.0);
}

TEST(CompareNpsTest, RejectsUnsupportedConfidence) {
  EXPECT_EQ(
      CompareNps(Histogram(1, 1, 1), Histogram(1, 1, 1), 85).status().code(),
      absl::StatusCode::kInvalidArgument);
}

// Worst case, 95%, 5 points: 1.959964^2 / 0.05^2 = 1536.58 -> 1537 - 3.
// Worst case, 90%, 10 points: 1.644854^2 / 0.1^2 = 270.55 -> 271 - 3.
// Shares 0.5 / 0.2: var = 0.7 - 0.3^2 = 0.61; 3.841459 * 0.61 / 0.0025 =
// 937.32 -> 938 - 3.
TEST(RequiredSampleSizeTest, KnownValues) {
  EXPECT_EQ(RequiredSampleSize(5, 95).value(), 1534);
  EXPECT_EQ(RequiredSampleSize(10, 90).value(), 268);
  EXPECT_EQ(RequiredSampleSize(5, 95, ExpectedShares{0.5, 0.2}).value(), 935);
}

TEST(RequiredSampleSizeTest, WideMarginsNeedAtLeastOneResponse) {
  EXPECT_EQ(RequiredSampleSize(200, 95).value(), 1);
  EXPECT_EQ(RequiredSampleSize(5, 95, ExpectedShares{1.0, 0.0}).value(), 1);
}

TEST(RequiredSampleSizeTest, RoundTripIsTight) {
  for (double confidence : {80.0, 90.0, 95.0, 99.0}) {
    for (double margin : {0.5, 1.0, 2.5, 3.0, 5.0, 7.5, 10.0, 20.0, 50.0}) {
      ExpectTightSampleSize(margin, confidence);
    }
  }
}

// A margin of exactly z * 100 / sqrt(k) needs n' = k in exact arithmetic;
// rounding puts the computed quotient on either side of k, so these targets
// catch an off-by-one from ceil().
TEST(RequiredSampleSizeTest, RoundTripIsTightAtBoundaries) {
  for (double confidence : {80.0, 90.0, 95.0, 99.0}) {
    const double z = ZForConfidence(confidence).value();
    for (int k = 4; k < 200; ++k) {
      ExpectTightSampleSize(z * 100.0 / std::sqrt(k), confidence);
    }
  }
}

TEST(RequiredSampleSizeTest, PlannedSampleMeetsTargetInEstimate) {
  const int64_t n = RequiredSampleSize(5, 95).value();
  ASSERT_EQ(n % 2, 0);
  // Half promoters, half detractors is the worst case for the interval.
  const NpsEstimate estimate = EstimateOrDie(Histogram(n / 2, 0, n / 2), 95);
  EXPECT_LE(estimate.margin_of_error, 5.0);
}

TEST(RequiredSampleSizeTest, RejectsBadMargins) {
  for (double margin : {0.0, -1.0, 200.5, std::nan(""),
                        std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(RequiredSampleSize(margin, 95).status().code(),
              absl::StatusCode::kInvalidArgument)
        << margin;
  }
}

TEST(RequiredSampleSizeTest, RejectsBadSharesAndConfidence) {
  EXPECT_EQ(
      RequiredSampleSize(5, 95, ExpectedShares{-0.1, 0.2}).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RequiredSampleSize(5, 95, ExpectedShares{0.5, 1.1}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RequiredSampleSize(5, 95, ExpectedShares{0.7, 0.5}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RequiredSampleSize(5, 42).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RequiredSampleSizeTest, TinyMarginIsOutOfRange) {
  EXPECT_EQ(RequiredSampleSize(1e-7, 99).status().code(),
            absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace npsd::domain
