// multiple_comparisons.h — Holm and Benjamini-Hochberg corrections.
//
// Corrections for testing many hypotheses at once, such as comparing the NPS
// of every segment against a baseline. Each function takes raw p-values and
// returns adjusted p-values in the same order, so that a hypothesis is
// rejected at level alpha exactly when its adjusted p-value is <= alpha.
//
// - Holm (1979) controls the family-wise error rate: the chance of even one
//   false positive among all comparisons.
// - Benjamini-Hochberg (1995) controls the false discovery rate: the expected
//   share of false positives among the comparisons called significant. It
//   finds more differences than Holm when many are real.
//
// Example:
//
//   absl::StatusOr<std::vector<double>> adjusted =
//       npsd::domain::HolmAdjust({0.01, 0.04, 0.03, 0.005});
//   // *adjusted == {0.03, 0.06, 0.06, 0.02}
//   absl::StatusOr<std::vector<bool>> significant =
//       npsd::domain::Significant(*adjusted, /*alpha=*/0.05);
//   // *significant == {true, false, false, true}

#ifndef NPSD_DOMAIN_MULTIPLE_COMPARISONS_H_
#define NPSD_DOMAIN_MULTIPLE_COMPARISONS_H_

#include <vector>

#include "absl/status/statusor.h"

namespace npsd::domain {

// PValueCorrection selects a multiple-comparison correction.
enum class PValueCorrection { kHolm, kBenjaminiHochberg };

// HolmAdjust returns Holm step-down adjusted p-values in input order: with
// p_(1) <= ... <= p_(m) sorted ascending, the adjusted value of p_(i) is
// max over j <= i of min(1, (m - j + 1) * p_(j)). Returns kInvalidArgument
// when a p-value is outside [0, 1] or NaN.
absl::StatusOr<std::vector<double>> HolmAdjust(
    const std::vector<double>& p_values);

// BenjaminiHochbergAdjust returns Benjamini-Hochberg step-up adjusted
// p-values in input order: with p_(1) <= ... <= p_(m) sorted ascending, the
// adjusted value of p_(i) is min over j >= i of min(1, m / j * p_(j)).
// Returns kInvalidArgument when a p-value is outside [0, 1] or NaN.
absl::StatusOr<std::vector<double>> BenjaminiHochbergAdjust(
    const std::vector<double>& p_values);

// AdjustPValues applies `correction` to `p_values`; see HolmAdjust and
// BenjaminiHochbergAdjust.
absl::StatusOr<std::vector<double>> AdjustPValues(
    const std::vector<double>& p_values, PValueCorrection correction);

// Significant returns, for each adjusted p-value, whether it is <= `alpha`.
// Returns kInvalidArgument unless 0 < alpha < 1.
absl::StatusOr<std::vector<bool>> Significant(
    const std::vector<double>& adjusted_p_values, double alpha);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_MULTIPLE_COMPARISONS_H_
