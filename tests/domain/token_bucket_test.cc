// token_bucket_test.cc — rate-limit arithmetic with an injected clock.
#include "domain/token_bucket.h"

#include <gtest/gtest.h>

namespace npsd::domain {
namespace {

TEST(TokenBucketTest, AllowsBurstThenPacesAtTheRate) {
  const absl::Time start = absl::FromUnixSeconds(1'800'000'000);
  TokenBucket bucket(10, 3, start);
  EXPECT_FALSE(bucket.TryTake(start).has_value());
  EXPECT_FALSE(bucket.TryTake(start).has_value());
  EXPECT_FALSE(bucket.TryTake(start).has_value());
  const std::optional<absl::Duration> wait = bucket.TryTake(start);
  ASSERT_TRUE(wait.has_value());
  EXPECT_NEAR(absl::ToDoubleMilliseconds(*wait), 100.0, 1e-6);
  EXPECT_TRUE(bucket.TryTake(start + absl::Milliseconds(99)).has_value());
  EXPECT_FALSE(bucket.TryTake(start + absl::Milliseconds(100)).has_value());
  // Idle time refills up to the burst, never beyond.
  const absl::Time later = start + absl::Hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(bucket.TryTake(later).has_value());
  EXPECT_TRUE(bucket.TryTake(later).has_value());
}

TEST(TokenBucketTest, RetryDelayTravelsInTheStatus) {
  const absl::Status status = ResourceExhaustedWithRetry("slow down", absl::Milliseconds(250));
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  ASSERT_TRUE(RetryDelayOf(status).has_value());
  EXPECT_EQ(*RetryDelayOf(status), absl::Milliseconds(250));
  EXPECT_FALSE(RetryDelayOf(absl::ResourceExhaustedError("x")).has_value());
}

}  // namespace
}  // namespace npsd::domain
