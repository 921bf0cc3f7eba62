// multiple_comparisons.cc — Holm and Benjamini-Hochberg corrections.
//
// Implementation of the Holm and Benjamini-Hochberg p-value adjustments
// declared in domain/multiple_comparisons.h. Both sort the p-values once,
// scale each by its rank, enforce monotonicity along the sorted order, and
// scatter the results back to input order.

#include "domain/multiple_comparisons.h"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"

namespace npsd::domain {
namespace {

absl::Status ValidatePValues(const std::vector<double>& p_values) {
  for (size_t i = 0; i < p_values.size(); ++i) {
    if (!(p_values[i] >= 0.0 && p_values[i] <= 1.0)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "p_values[", i, "] must be in [0, 1], got ", p_values[i]));
    }
  }
  return absl::OkStatus();
}

// AscendingOrder returns the indices of `p_values` sorted by p-value. The
// order among ties does not matter: the running max (Holm) and min (BH) give
// tied p-values the same adjusted value.
std::vector<size_t> AscendingOrder(const std::vector<double>& p_values) {
  std::vector<size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return p_values[a] < p_values[b]; });
  return order;
}

std::vector<double> Holm(const std::vector<double>& p_values) {
  const std::vector<size_t> order = AscendingOrder(p_values);
  const size_t m = p_values.size();
  std::vector<double> adjusted(m);
  double running_max = 0.0;
  for (size_t rank = 0; rank < m; ++rank) {
    const double scaled = static_cast<double>(m - rank) * p_values[order[rank]];
    running_max = std::max(running_max, std::min(1.0, scaled));
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

std::vector<double> BenjaminiHochberg(const std::vector<double>& p_values) {
  const std::vector<size_t> order = AscendingOrder(p_values);
  const size_t m = p_values.size();
  std::vector<double> adjusted(m);
  double running_min = 1.0;
  for (size_t rank = m; rank > 0; --rank) {
    const double scaled = static_cast<double>(m) / static_cast<double>(rank) *
                          p_values[order[rank - 1]];
    running_min = std::min(running_min, scaled);
    adjusted[order[rank - 1]] = running_min;
  }
  return adjusted;
}

}  // namespace

absl::StatusOr<std::vector<double>> HolmAdjust(
    const std::vector<double>& p_values) {
  NPSD_RETURN_IF_ERROR(ValidatePValues(p_values));
  return Holm(p_values);
}

absl::StatusOr<std::vector<double>> BenjaminiHochbergAdjust(
    const std::vector<double>& p_values) {
  NPSD_RETURN_IF_ERROR(ValidatePValues(p_values));
  return BenjaminiHochberg(p_values);
}

absl::StatusOr<std::vector<double>> AdjustPValues(
    const std::vector<double>& p_values, PValueCorrection correction) {
  switch (correction) {
    case PValueCorrection::kHolm:
      return HolmAdjust(p_values);
    case PValueCorrection::kBenjaminiHochberg:
      return BenjaminiHochbergAdjust(p_values);
  }
  return absl::InvalidArgumentError("unknown p-value correction");
}

absl::StatusOr<std::vector<bool>> Significant(
    const std::vector<double>& adjusted_p_values, double alpha) {
  if (!(alpha > 0.0 && alpha < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("alpha must be in (0, 1), got ", alpha));
  }
  std::vector<bool> significant(adjusted_p_values.size());
  for (size_t i = 0; i < adjusted_p_values.size(); ++i) {
    significant[i] = adjusted_p_values[i] <= alpha;
  }
  return significant;
}

}  // namespace npsd::domain
