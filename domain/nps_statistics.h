// nps_statistics.h — NPS estimates, intervals, comparisons, planning.
//
// Pure statistics for the Net Promoter Score (NPS): a histogram of 0..10
// answers, the point estimate with its adjusted-Wald confidence interval
// (Rocks 2016), a two-sample comparison, and sample size planning. Nothing in
// this file performs I/O or depends on gRPC or the database, so every function
// is cheap to unit test. docs/STATISTICS.md explains the methods.
//
// Example:
//
//   npsd::domain::ScoreHistogram histogram;
//   for (int score : answers) {
//     if (absl::Status s = histogram.Add(score); !s.ok()) return s;
//   }
//   absl::StatusOr<npsd::domain::NpsEstimate> estimate =
//       npsd::domain::Estimate(histogram, /*confidence_percent=*/95);
//   if (!estimate.ok()) return estimate.status();
//   if (estimate->has_score) {
//     // estimate->nps is in [-100, 100]; the interval is
//     // [estimate->ci_lower, estimate->ci_upper].
//   }

#ifndef NPSD_DOMAIN_NPS_STATISTICS_H_
#define NPSD_DOMAIN_NPS_STATISTICS_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace npsd::domain {

// kMinScore is the lowest answer on the likelihood-to-recommend scale.
inline constexpr int64_t kMinScore = 0;

// kMaxScore is the highest answer on the likelihood-to-recommend scale.
inline constexpr int64_t kMaxScore = 10;

// NpsCategory is the group a single answer falls into: 0-6 detractor,
// 7-8 passive, 9-10 promoter.
enum class NpsCategory { kDetractor, kPassive, kPromoter };

// ValidateScore returns OK when `score` is an integer answer in 0..10 and
// kInvalidArgument otherwise.
absl::Status ValidateScore(int64_t score);

// ClassifyScore returns the category of a valid answer, or kInvalidArgument
// when `score` is outside 0..10.
absl::StatusOr<NpsCategory> ClassifyScore(int64_t score);

// ScoreHistogram counts how many responses gave each answer 0..10.
//
// The total number of responses never exceeds INT64_MAX: Add() and Merge()
// refuse changes that would overflow it and leave the histogram untouched.
class ScoreHistogram {
 public:
  // Counts is the number of responses per answer, indexed by the answer.
  using Counts = std::array<int64_t, kMaxScore + 1>;

  // ScoreHistogram constructs an empty histogram.
  ScoreHistogram() = default;

  // FromCounts builds a histogram from per-answer counts, rejecting negative
  // counts and totals that overflow int64_t with kInvalidArgument.
  static absl::StatusOr<ScoreHistogram> FromCounts(const Counts& counts);

  // Add records `count` responses with answer `score`. Returns
  // kInvalidArgument for an invalid score or a negative count and
  // kOutOfRange when the total would overflow.
  absl::Status Add(int64_t score, int64_t count = 1);

  // Merge adds every count of `other` to this histogram. Returns kOutOfRange
  // when the total would overflow.
  absl::Status Merge(const ScoreHistogram& other);

  // counts returns the number of responses per answer 0..10.
  const Counts& counts() const { return counts_; }

  // n returns the total number of responses.
  int64_t n() const;

  // promoters returns the number of 9 and 10 answers.
  int64_t promoters() const;

  // passives returns the number of 7 and 8 answers.
  int64_t passives() const;

  // detractors returns the number of 0 to 6 answers.
  int64_t detractors() const;

 private:
  int64_t SumRange(int64_t first, int64_t last) const;

  Counts counts_{};
};

// ZForConfidence returns the two-sided standard normal critical value for a
// confidence level of 80, 90, 95 or 99 percent, and kInvalidArgument for any
// other level.
absl::StatusOr<double> ZForConfidence(double confidence_percent);

// NpsEstimate is the NPS of one group of responses with its adjusted-Wald
// confidence interval. Scores, margins and bounds are in NPS points
// (-100..100); shares are fractions (0..1).
struct NpsEstimate {
  // n is the number of responses.
  int64_t n = 0;
  // promoters, passives and detractors are the counts per category.
  int64_t promoters = 0;
  int64_t passives = 0;
  int64_t detractors = 0;
  // promoter_share, passive_share and detractor_share are the category
  // counts divided by n; all 0 when n == 0.
  double promoter_share = 0;
  double passive_share = 0;
  double detractor_share = 0;
  // has_score is false when n == 0: the NPS is then undefined and `nps` is 0.
  bool has_score = false;
  // nps is the raw score 100 * (promoters - detractors) / n.
  double nps = 0;
  // adjusted_nps is the centre of the interval, 100 * (p' - d').
  double adjusted_nps = 0;
  // margin_of_error is the half-width of the interval before clamping.
  double margin_of_error = 0;
  // ci_lower and ci_upper bound the interval, clamped to [-100, 100].
  double ci_lower = 0;
  double ci_upper = 0;
  // confidence_percent is the confidence level of the interval.
  double confidence_percent = 0;
};

// Estimate computes the NPS of `histogram` and its adjusted-Wald interval at
// `confidence_percent` (80, 90, 95 or 99; kInvalidArgument otherwise).
//
// With n' = n + 3, p' = (P + 3/4) / n' and d' = (D + 3/4) / n', the interval
// is 100 * (p' - d') +/- z * 100 * sqrt((p' + d' - (p' - d')^2) / n').
// An empty histogram still gets the (wide) interval implied by the
// adjustment, but has_score is false.
absl::StatusOr<NpsEstimate> Estimate(const ScoreHistogram& histogram,
                                     double confidence_percent);

// NpsComparison is the difference between the NPS of two groups, A minus B,
// in NPS points.
struct NpsComparison {
  // has_delta is false when either group is empty; `delta` is then 0.
  bool has_delta = false;
  // delta is the difference of the raw scores, NPS_A - NPS_B.
  double delta = 0;
  // adjusted_delta is the difference of the adjusted-Wald centres; the test
  // statistic and the interval are built around it.
  double adjusted_delta = 0;
  // standard_error is the standard error of adjusted_delta.
  double standard_error = 0;
  // z is adjusted_delta / standard_error.
  double z = 0;
  // p_value is the two-sided p-value of the hypothesis NPS_A == NPS_B.
  double p_value = 1;
  // margin_of_error is the half-width of the interval before clamping.
  double margin_of_error = 0;
  // ci_lower and ci_upper bound the difference, clamped to [-200, 200].
  double ci_lower = 0;
  double ci_upper = 0;
  // confidence_percent is the confidence level of the interval.
  double confidence_percent = 0;
};

// CompareNps tests whether groups `a` and `b` have different NPS with a
// two-sided z-test on the adjusted-Wald estimates:
// se = 100 * sqrt(var_a / n'_a + var_b / n'_b),
// z = (adjusted_a - adjusted_b) / se, p = erfc(|z| / sqrt(2)).
// Returns kInvalidArgument for an unsupported confidence level.
absl::StatusOr<NpsComparison> CompareNps(const ScoreHistogram& a,
                                         const ScoreHistogram& b,
                                         double confidence_percent);

// ExpectedShares is a planning guess of the promoter and detractor shares,
// each in [0, 1] with a sum of at most 1.
struct ExpectedShares {
  double promoter_share = 0;
  double detractor_share = 0;
};

// RequiredSampleSize returns the number of responses for which the
// adjusted-Wald margin of error is at most `target_margin_points`:
// n = ceil(z^2 * var / (m / 100)^2) - 3, and at least 1. Without `expected`
// it plans for the worst case var = 1 (half promoters, half detractors);
// otherwise var = p + d - (p - d)^2 from the expected shares.
//
// The result is the smallest n whose margin meets the target, so the margin
// at n - 1 exceeds it (unless n == 1). Returns kInvalidArgument for a margin
// outside (0, 200], an unsupported confidence level or invalid shares, and
// kOutOfRange when more than 2^52 responses would be needed.
absl::StatusOr<int64_t> RequiredSampleSize(
    double target_margin_points, double confidence_percent,
    std::optional<ExpectedShares> expected = std::nullopt);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_NPS_STATISTICS_H_
