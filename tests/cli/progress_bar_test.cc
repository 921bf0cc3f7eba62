// progress_bar_test.cc — the import status line.
#include "cli/import/progress_bar.h"

#include <gtest/gtest.h>

namespace npsd::cli {
namespace {

TEST(ProgressBarTest, FormatsTheStatusLine) {
  EXPECT_EQ(FormatProgressLine(0.5, 12000, 11950, 3, 4210.4),
            "[##########----------]  50%  12000 rows  11950 acked  3 rejected  4210 rows/s");
}

TEST(ProgressBarTest, ClampsTheFraction) {
  EXPECT_EQ(FormatProgressLine(1.7, 1, 1, 0, 1).substr(0, 28), "[####################] 100% ");
  EXPECT_EQ(FormatProgressLine(-1, 0, 0, 0, 0).substr(0, 28), "[--------------------]   0% ");
}

}  // namespace
}  // namespace npsd::cli
