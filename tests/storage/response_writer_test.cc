// response_writer_test.cc — the group-commit writer under a flood: the queue stays
// bounded, the excess is refused with RESOURCE_EXHAUSTED, every item is answered once.
#include "storage/pg/response_writer.h"

#include <atomic>
#include <map>
#include <mutex>

#include <gtest/gtest.h>

#include "absl/synchronization/blocking_counter.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

constexpr char kMasterKeyHex[] = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

TEST(ResponseWriterTest, FloodBeyondTheQueueIsRefusedAndEveryItemIsAnsweredOnce) {
  privacy::PersonalDataCipher cipher(crypto::MasterKey::Parse(kMasterKeyHex).value());
  ResponseWriter::Options options;
  options.database_url = npsd::testing::MigratedAppUrl();
  options.writer_threads = 1;
  options.max_batch = 10;
  options.max_queued = 50;
  ResponseWriter writer(options, cipher);
  constexpr int kItems = 2000;
  std::mutex mutex;
  std::map<absl::StatusCode, int> codes;
  std::atomic<int> answered{0};
  absl::BlockingCounter done(kItems);
  for (int i = 0; i < kItems; ++i) {
    SubmitItem item;
    item.tenant_id = "00000000-0000-4000-8000-000000000001";  // no such tenant: rejected by the writer
    item.input.campaign_id = "00000000-0000-4000-8000-000000000002";
    item.input.score = 5;
    item.input.channel = domain::Channel::kWeb;
    item.received_at = absl::Now();
    item.deadline = absl::Now() + absl::Seconds(30);
    writer.Submit(std::move(item), [&](SubmitOutcome outcome) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        ++codes[outcome.status.code()];
      }
      answered.fetch_add(1);
      done.DecrementCount();
    });
  }
  done.Wait();
  EXPECT_EQ(answered.load(), kItems);
  EXPECT_GT(codes[absl::StatusCode::kResourceExhausted], 0) << "the queue bound was never reached";
  EXPECT_GT(codes[absl::StatusCode::kNotFound], 0) << "queued items reach the database";
  EXPECT_EQ(codes[absl::StatusCode::kResourceExhausted] + codes[absl::StatusCode::kNotFound], kItems)
      << "an item got another outcome";
  EXPECT_EQ(writer.queued(), 0u);
}

}  // namespace
}  // namespace npsd::storage::pg
