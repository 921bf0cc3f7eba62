// multiple_comparisons_test.cc — tests for p-value corrections.
//
// Unit tests for domain/multiple_comparisons.h: textbook examples worked out
// by hand, and properties every correction must keep (order preserved,
// adjusted >= raw, capped at 1, independent of input order).

#include "domain/multiple_comparisons.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace npsd::domain {
namespace {

constexpr double kTolerance = 1e-12;

void ExpectNear(const std::vector<double>& actual,
                const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], kTolerance) << "index " << i;
  }
}

// RandomPValues returns a reproducible vector of p-values, a quarter of them
// small enough to look like real effects.
std::vector<double> RandomPValues(std::mt19937& rng, size_t size) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> p_values(size);
  for (size_t i = 0; i < size; ++i) {
    p_values[i] = (i % 4 == 0) ? uniform(rng) * 0.01 : uniform(rng);
  }
  std::shuffle(p_values.begin(), p_values.end(), rng);
  return p_values;
}

// ExpectValidAdjustment checks the properties shared by every correction.
void ExpectValidAdjustment(const std::vector<double>& raw,
                           const std::vector<double>& adjusted) {
  ASSERT_EQ(raw.size(), adjusted.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    EXPECT_GE(adjusted[i], raw[i]);
    EXPECT_LE(adjusted[i], 1.0);
    for (size_t j = 0; j < raw.size(); ++j) {
      if (raw[i] <= raw[j]) {
        EXPECT_LE(adjusted[i], adjusted[j]) << i << " vs " << j;
      }
    }
  }
}

// Sorted: 0.005, 0.01, 0.03, 0.04 (m = 4).
//   Holm: 4 * 0.005 = 0.02, 3 * 0.01 = 0.03, 2 * 0.03 = 0.06,
//         1 * 0.04 = 0.04 -> running max 0.06.
//   BH:   4/4 * 0.04 = 0.04, 4/3 * 0.03 = 0.04, 4/2 * 0.01 = 0.02,
//         4/1 * 0.005 = 0.02 (running min from the largest).
TEST(HolmAdjustTest, TextbookExample) {
  absl::StatusOr<std::vector<double>> adjusted =
      HolmAdjust({0.01, 0.04, 0.03, 0.005});
  ASSERT_TRUE(adjusted.ok()) << adjusted.status();
  ExpectNear(*adjusted, {0.03, 0.06, 0.06, 0.02});
}

TEST(BenjaminiHochbergAdjustTest, TextbookExample) {
  absl::StatusOr<std::vector<double>> adjusted =
      BenjaminiHochbergAdjust({0.01, 0.04, 0.03, 0.005});
  ASSERT_TRUE(adjusted.ok()) << adjusted.status();
  ExpectNear(*adjusted, {0.02, 0.04, 0.04, 0.02});
}

// 0.01..0.05 (m = 5). Holm: 0.05, 0.08, 0.09, 0.08, 0.05 -> running max
// 0.05, 0.08, 0.09, 0.09, 0.09. BH: every m / rank * p equals 0.05.
TEST(HolmAdjustTest, EvenlySpacedExample) {
  ExpectNear(HolmAdjust({0.01, 0.02, 0.03, 0.04, 0.05}).value(),
             {0.05, 0.08, 0.09, 0.09, 0.09});
}

TEST(BenjaminiHochbergAdjustTest, EvenlySpacedExample) {
  ExpectNear(BenjaminiHochbergAdjust({0.01, 0.02, 0.03, 0.04, 0.05}).value(),
             {0.05, 0.05, 0.05, 0.05, 0.05});
}

// Sorted 0.5, 0.6, 0.9: Holm scales to 1.5, 1.2, 0.9, all capped to 1.
TEST(HolmAdjustTest, CapsAtOne) {
  ExpectNear(HolmAdjust({0.9, 0.5, 0.6}).value(), {1.0, 1.0, 1.0});
}

// Sorted 0.01, 0.02, 0.02. Holm: 0.03, 0.04, 0.02 -> running max 0.03, 0.04,
// 0.04. BH: 0.03, 0.03, 0.02 -> running min from the largest 0.02 each.
TEST(HolmAdjustTest, TiesGetEqualValues) {
  const std::vector<double> adjusted = HolmAdjust({0.02, 0.01, 0.02}).value();
  EXPECT_EQ(adjusted[0], adjusted[2]);
  ExpectNear(adjusted, {0.04, 0.03, 0.04});
}

TEST(BenjaminiHochbergAdjustTest, TiesGetEqualValues) {
  const std::vector<double> adjusted =
      BenjaminiHochbergAdjust({0.02, 0.01, 0.02}).value();
  EXPECT_EQ(adjusted[0], adjusted[2]);
  ExpectNear(adjusted, {0.02, 0.02, 0.02});
}

TEST(AdjustTest, EmptyAndSingleInputs) {
  EXPECT_TRUE(HolmAdjust({}).value().empty());
  EXPECT_TRUE(BenjaminiHochbergAdjust({}).value().empty());
  ExpectNear(HolmAdjust({0.3}).value(), {0.3});
  ExpectNear(BenjaminiHochbergAdjust({0.3}).value(), {0.3});
}

TEST(AdjustTest, RejectsInvalidPValues) {
  for (double bad : {-0.01, 1.01, std::nan("")}) {
    EXPECT_EQ(HolmAdjust({0.1, bad}).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
    EXPECT_EQ(BenjaminiHochbergAdjust({bad}).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(AdjustTest, MonotoneAndBoundedOnRandomInputs) {
  std::mt19937 rng(20240601);
  for (size_t size : {2u, 3u, 7u, 20u, 50u}) {
    const std::vector<double> raw = RandomPValues(rng, size);
    const std::vector<double> holm = HolmAdjust(raw).value();
    const std::vector<double> bh = BenjaminiHochbergAdjust(raw).value();
    ExpectValidAdjustment(raw, holm);
    ExpectValidAdjustment(raw, bh);
    // BH controls a weaker error rate, so it never adjusts more than Holm.
    for (size_t i = 0; i < size; ++i) {
      EXPECT_LE(bh[i], holm[i] + kTolerance);
    }
  }
}

TEST(AdjustTest, ResultFollowsInputOrder) {
  const std::vector<double> raw = {0.2, 0.001, 0.04, 0.015, 0.7};
  const std::vector<size_t> permutation = {3, 0, 4, 1, 2};
  std::vector<double> permuted;
  for (size_t index : permutation) {
    permuted.push_back(raw[index]);
  }
  for (PValueCorrection correction :
       {PValueCorrection::kHolm, PValueCorrection::kBenjaminiHochberg}) {
    const std::vector<double> adjusted = AdjustPValues(raw, correction).value();
    const std::vector<double> adjusted_permuted =
        AdjustPValues(permuted, correction).value();
    for (size_t i = 0; i < permutation.size(); ++i) {
      EXPECT_EQ(adjusted_permuted[i], adjusted[permutation[i]]);
    }
  }
}

TEST(AdjustPValuesTest, DispatchesToTheChosenCorrection) {
  const std::vector<double> raw = {0.01, 0.04, 0.03, 0.005};
  EXPECT_EQ(AdjustPValues(raw, PValueCorrection::kHolm).value(),
            HolmAdjust(raw).value());
  EXPECT_EQ(AdjustPValues(raw, PValueCorrection::kBenjaminiHochberg).value(),
            BenjaminiHochbergAdjust(raw).value());
}

TEST(SignificantTest, ThresholdIsInclusive) {
  absl::StatusOr<std::vector<bool>> significant =
      Significant({0.03, 0.06, 0.05, 0.02}, 0.05);
  ASSERT_TRUE(significant.ok()) << significant.status();
  EXPECT_EQ(*significant, (std::vector<bool>{true, false, true, true}));
}

// At alpha = 0.05 the textbook p-values give two discoveries under Holm and
// all four under BH.
TEST(SignificantTest, BenjaminiHochbergFindsMoreThanHolm) {
  const std::vector<double> raw = {0.01, 0.04, 0.03, 0.005};
  EXPECT_EQ(Significant(HolmAdjust(raw).value(), 0.05).value(),
            (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(Significant(BenjaminiHochbergAdjust(raw).value(), 0.05).value(),
            (std::vector<bool>{true, true, true, true}));
}

TEST(SignificantTest, RejectsInvalidAlpha) {
  for (double alpha : {0.0, 1.0, -0.05, 5.0, std::nan("")}) {
    EXPECT_EQ(Significant({0.01}, alpha).status().code(),
              absl::StatusCode::kInvalidArgument)
        << alpha;
  }
}

}  // namespace
}  // namespace npsd::domain
