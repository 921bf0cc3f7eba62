// nps_statistics.cc — adjusted-Wald NPS statistics.
//
// Implementation of the NPS point estimate, the adjusted-Wald interval
// (Rocks 2016), the two-sample z-test and sample size planning declared in
// domain/nps_statistics.h.

#include "domain/nps_statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"

namespace npsd::domain {
namespace {

constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

// Lowest answers of the passive and promoter categories.
constexpr int64_t kMinPassiveScore = 7;
constexpr int64_t kMinPromoterScore = 9;

// Bounds of a score, and of a difference of two scores, in NPS points.
constexpr double kMaxNps = 100.0;
constexpr double kMaxDelta = 200.0;

// Largest sample size RequiredSampleSize reports: up to here, n and n + 3
// are exact in a double, so the planned margin never grows with n and the
// off-by-one correction ends within a few steps.
constexpr int64_t kMaxPlannedSampleSize = int64_t{1} << 52;

// Two-sided standard normal critical values, z = Phi^-1(1 - alpha / 2).
constexpr std::array<std::pair<double, double>, 4> kCriticalValues = {{
    {80.0, 1.2815515655446004},
    {90.0, 1.6448536269514722},
    {95.0, 1.959963984540054},
    {99.0, 2.5758293035489004},
}};

// AdjustedWald holds the adjusted-Wald quantities of one histogram.
struct AdjustedWald {
  double n_adjusted;  // n' = n + 3.
  double centre;      // 100 * (p' - d'), in NPS points.
  double variance;    // p' + d' - (p' - d')^2, per response.
};

AdjustedWald ComputeAdjustedWald(const ScoreHistogram& histogram) {
  const double n_adjusted = static_cast<double>(histogram.n()) + 3.0;
  const double p =
      (static_cast<double>(histogram.promoters()) + 0.75) / n_adjusted;
  const double d =
      (static_cast<double>(histogram.detractors()) + 0.75) / n_adjusted;
  return {n_adjusted, 100.0 * (p - d), p + d - (p - d) * (p - d)};
}

// Share returns count / n, or 0 for an empty group.
double Share(int64_t count, int64_t n) {
  return n == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(n);
}

// RawNps returns 100 * (P - D) / n for a non-empty histogram.
double RawNps(const ScoreHistogram& histogram) {
  return 100.0 *
         static_cast<double>(histogram.promoters() - histogram.detractors()) /
         static_cast<double>(histogram.n());
}

// FillPointEstimate sets the counts, shares and raw score of `estimate`.
void FillPointEstimate(const ScoreHistogram& histogram, NpsEstimate& estimate) {
  estimate.n = histogram.n();
  estimate.promoters = histogram.promoters();
  estimate.passives = histogram.passives();
  estimate.detractors = histogram.detractors();
  estimate.promoter_share = Share(estimate.promoters, estimate.n);
  estimate.passive_share = Share(estimate.passives, estimate.n);
  estimate.detractor_share = Share(estimate.detractors, estimate.n);
  estimate.has_score = estimate.n > 0;
  estimate.nps = estimate.has_score ? RawNps(histogram) : 0.0;
}

// ValidateMargin accepts margins in (0, 200] and rejects NaN.
absl::Status ValidateMargin(double target_margin_points) {
  if (target_margin_points > 0.0 && target_margin_points <= kMaxDelta) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "target_margin_points must be in (0, 200], got ", target_margin_points));
}

// IsShare is false for values outside [0, 1] and for NaN.
bool IsShare(double share) { return share >= 0.0 && share <= 1.0; }

// PlanningVariance returns the per-response variance to plan with: 1 (the
// worst case) without expected shares, p + d - (p - d)^2 with them.
absl::StatusOr<double> PlanningVariance(
    const std::optional<ExpectedShares>& expected) {
  if (!expected.has_value()) {
    return 1.0;
  }
  const double p = expected->promoter_share;
  const double d = expected->detractor_share;
  if (!IsShare(p) || !IsShare(d) || p + d > 1.0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected shares must be in [0, 1] with a sum of at most 1, got "
        "promoter_share=",
        p, " detractor_share=", d));
  }
  return p + d - (p - d) * (p - d);
}

// PlannedMargin is the adjusted-Wald margin of error, in NPS points, of `n`
// responses with per-response `variance`.
double PlannedMargin(double z, double variance, int64_t n) {
  return z * 100.0 * std::sqrt(variance / (static_cast<double>(n) + 3.0));
}

}  // namespace

absl::Status ValidateScore(int64_t score) {
  if (score >= kMinScore && score <= kMaxScore) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("score must be an integer from 0 to 10, got ", score));
}

absl::StatusOr<NpsCategory> ClassifyScore(int64_t score) {
  NPSD_RETURN_IF_ERROR(ValidateScore(score));
  if (score >= kMinPromoterScore) {
    return NpsCategory::kPromoter;
  }
  if (score >= kMinPassiveScore) {
    return NpsCategory::kPassive;
  }
  return NpsCategory::kDetractor;
}

absl::StatusOr<ScoreHistogram> ScoreHistogram::FromCounts(
    const Counts& counts) {
  ScoreHistogram histogram;
  for (size_t score = 0; score < counts.size(); ++score) {
    absl::Status status =
        histogram.Add(static_cast<int64_t>(score), counts[score]);
    if (!status.ok()) {
      return absl::InvalidArgumentError(status.message());
    }
  }
  return histogram;
}

absl::Status ScoreHistogram::Add(int64_t score, int64_t count) {
  NPSD_RETURN_IF_ERROR(ValidateScore(score));
  if (count < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("count must not be negative, got ", count));
  }
  if (count > kMaxInt64 - n()) {
    return absl::OutOfRangeError("histogram total would overflow int64");
  }
  counts_[static_cast<size_t>(score)] += count;
  return absl::OkStatus();
}

absl::Status ScoreHistogram::Merge(const ScoreHistogram& other) {
  if (other.n() > kMaxInt64 - n()) {
    return absl::OutOfRangeError("histogram total would overflow int64");
  }
  for (size_t score = 0; score < counts_.size(); ++score) {
    counts_[score] += other.counts_[score];
  }
  return absl::OkStatus();
}

int64_t ScoreHistogram::n() const { return SumRange(kMinScore, kMaxScore); }

int64_t ScoreHistogram::promoters() const {
  return SumRange(kMinPromoterScore, kMaxScore);
}

int64_t ScoreHistogram::passives() const {
  return SumRange(kMinPassiveScore, kMinPromoterScore - 1);
}

int64_t ScoreHistogram::detractors() const {
  return SumRange(kMinScore, kMinPassiveScore - 1);
}

int64_t ScoreHistogram::SumRange(int64_t first, int64_t last) const {
  int64_t sum = 0;
  for (int64_t score = first; score <= last; ++score) {
    sum += counts_[static_cast<size_t>(score)];
  }
  return sum;
}

absl::StatusOr<double> ZForConfidence(double confidence_percent) {
  for (const auto& [percent, z] : kCriticalValues) {
    if (confidence_percent == percent) {
      return z;
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "confidence_percent must be 80, 90, 95 or 99, got ", confidence_percent));
}

absl::StatusOr<NpsEstimate> Estimate(const ScoreHistogram& histogram,
                                     double confidence_percent) {
  NPSD_ASSIGN_OR_RETURN(const double z, ZForConfidence(confidence_percent));
  NpsEstimate estimate;
  FillPointEstimate(histogram, estimate);
  const AdjustedWald wald = ComputeAdjustedWald(histogram);
  estimate.adjusted_nps = wald.centre;
  estimate.margin_of_error =
      z * 100.0 * std::sqrt(wald.variance / wald.n_adjusted);
  estimate.ci_lower =
      std::max(-kMaxNps, estimate.adjusted_nps - estimate.margin_of_error);
  estimate.ci_upper =
      std::min(kMaxNps, estimate.adjusted_nps + estimate.margin_of_error);
  estimate.confidence_percent = confidence_percent;
  return estimate;
}

absl::StatusOr<NpsComparison> CompareNps(const ScoreHistogram& a,
                                         const ScoreHistogram& b,
                                         double confidence_percent) {
  NPSD_ASSIGN_OR_RETURN(const double z_critical,
                        ZForConfidence(confidence_percent));
  const AdjustedWald wald_a = ComputeAdjustedWald(a);
  const AdjustedWald wald_b = ComputeAdjustedWald(b);
  NpsComparison comparison;
  comparison.has_delta = a.n() > 0 && b.n() > 0;
  comparison.delta = comparison.has_delta ? RawNps(a) - RawNps(b) : 0.0;
  comparison.adjusted_delta = wald_a.centre - wald_b.centre;
  comparison.standard_error =
      100.0 * std::sqrt(wald_a.variance / wald_a.n_adjusted +
                        wald_b.variance / wald_b.n_adjusted);
  comparison.z = comparison.adjusted_delta / comparison.standard_error;
  comparison.p_value = std::erfc(std::fabs(comparison.z) / std::sqrt(2.0));
  comparison.margin_of_error = z_critical * comparison.standard_error;
  comparison.ci_lower = std::max(
      -kMaxDelta, comparison.adjusted_delta - comparison.margin_of_error);
  comparison.ci_upper = std::min(
      kMaxDelta, comparison.adjusted_delta + comparison.margin_of_error);
  comparison.confidence_percent = confidence_percent;
  return comparison;
}

absl::StatusOr<int64_t> RequiredSampleSize(
    double target_margin_points, double confidence_percent,
    std::optional<ExpectedShares> expected) {
  NPSD_RETURN_IF_ERROR(ValidateMargin(target_margin_points));
  NPSD_ASSIGN_OR_RETURN(const double z, ZForConfidence(confidence_percent));
  NPSD_ASSIGN_OR_RETURN(const double variance, PlanningVariance(expected));
  const double margin_fraction = target_margin_points / 100.0;
  const double needed =
      std::ceil(z * z * variance / (margin_fraction * margin_fraction)) - 3.0;
  if (needed > static_cast<double>(kMaxPlannedSampleSize)) {
    return absl::OutOfRangeError(
        absl::StrCat("a margin of ", target_margin_points,
                     " points needs more than 2^52 responses"));
  }
  int64_t n = std::max<int64_t>(1, static_cast<int64_t>(needed));
  // ceil() may land one step off when rounding puts the quotient next to an
  // integer; settle on the smallest n whose margin meets the target.
  while (n > 1 && PlannedMargin(z, variance, n - 1) <= target_margin_points) {
    --n;
  }
  while (PlannedMargin(z, variance, n) > target_margin_points) {
    ++n;
  }
  return n;
}

}  // namespace npsd::domain
