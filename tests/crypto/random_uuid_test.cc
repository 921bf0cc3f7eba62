// random_uuid_test.cc — random UUIDs are well-formed version 4 and distinct.
#include <set>

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

}  // namespace
}  // namespace npsd::crypto
