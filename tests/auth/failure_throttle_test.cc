// failure_throttle_test.cc — refused keys are recorded at most once per interval.
#include "auth/failure_throttle.h"

#include <gtest/gtest.h>

namespace npsd::auth {
namespace {

TEST(FailureThrottleTest, OncePerKeyPerIntervalWithBoundedMemory) {
  FailureThrottle throttle(absl::Minutes(1), 2);
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  EXPECT_TRUE(throttle.ShouldRecord("k1", t0));
  EXPECT_FALSE(throttle.ShouldRecord("k1", t0 + absl::Seconds(59)));
  EXPECT_TRUE(throttle.ShouldRecord("k2", t0 + absl::Seconds(1)));
  EXPECT_TRUE(throttle.ShouldRecord("k1", t0 + absl::Seconds(60)));
  // A third key exceeds the memory: everything is forgotten, so k2 is recorded again.
  EXPECT_TRUE(throttle.ShouldRecord("k3", t0 + absl::Seconds(61)));
  EXPECT_TRUE(throttle.ShouldRecord("k2", t0 + absl::Seconds(62)));
}

}  // namespace
}  // namespace npsd::auth
