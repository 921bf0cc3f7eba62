// random_uuid_test.cc — random (version 4) and time-ordered (version 7) UUIDs.
#include <algorithm>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/random.h"

namespace npsd::crypto {
namespace {

TEST(RandomUuidTest, WellFormedVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<std::string> uuid = RandomUuid();
    ASSERT_TRUE(uuid.ok());
    ASSERT_EQ(uuid->size(), 36u);
    EXPECT_EQ((*uuid)[14], '4');
    EXPECT_NE(std::string("89ab").find((*uuid)[19]), std::string::npos);
    EXPECT_TRUE(seen.insert(*uuid).second);
  }
}

TEST(TimeOrderedUuidTest, CarriesTheMillisecondThenRandomBitsAndSortsByTime) {
  const absl::Time at = absl::FromUnixMillis(1795446206123);  // 2026-11-23 15:03:26.123 UTC
  absl::StatusOr<std::string> uuid = TimeOrderedUuid(at);
  ASSERT_TRUE(uuid.ok());
  ASSERT_EQ(uuid->size(), 36u);
  EXPECT_EQ(uuid->substr(0, 8) + uuid->substr(9, 4), "01a208eeeeab");  // 1795446206123 in hexadecimal
  EXPECT_EQ((*uuid)[14], '7');
  EXPECT_NE(std::string("89ab").find((*uuid)[19]), std::string::npos);

  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<std::string> next = TimeOrderedUuid(at + absl::Milliseconds(i));
    ASSERT_TRUE(next.ok());
    EXPECT_GT(*next, previous);
    EXPECT_TRUE(seen.insert(*next).second);
    absl::StatusOr<std::string> same_millisecond = TimeOrderedUuid(at + absl::Milliseconds(i));
    ASSERT_TRUE(same_millisecond.ok());
    EXPECT_NE(*same_millisecond, *next);  // 74 random bits apart
    previous = std::max(*next, *same_millisecond);
  }
}

// Ids draw their random bits from a per-thread pool: across many refills and threads,
// no two may share them.
TEST(RandomUuidTest, DistinctAcrossPoolRefillsAndThreads) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 3000;  // each kind several times the pool's 4 KiB
  std::mutex mutex;
  std::set<std::string> seen;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::vector<std::string> drawn;
      for (int i = 0; i < kPerThread; ++i) {
        drawn.push_back(RandomUuid().value());
        drawn.push_back(TimeOrderedUuid(absl::UnixEpoch()).value().substr(14));  // random bits only
      }
      std::lock_guard<std::mutex> lock(mutex);
      seen.insert(drawn.begin(), drawn.end());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(2 * kThreads * kPerThread));
}

}  // namespace
}  // namespace npsd::crypto
