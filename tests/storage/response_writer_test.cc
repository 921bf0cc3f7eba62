// response_writer_test.cc — the group-commit writer under a flood (the queue stays
// bounded, the excess is refused with RESOURCE_EXHAUSTED, every item is answered once),
// with its first writer held up (another writer takes what waits behind it), and its
// report of each batch.
#include "storage/pg/response_writer.h"

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
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

// CreateTenantWithCampaign adds a tenant and an active web campaign as the schema owner;
// returns {tenant id, campaign id}.
std::pair<std::string, std::string> CreateTenantWithCampaign() {
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::work txn(connection);
  const std::string tenant_id = txn.exec1("SELECT gen_random_uuid()::text")[0].as<std::string>();
  txn.exec("SELECT set_config('app.tenant_id', " + txn.quote(tenant_id) + ", true)");
  txn.exec0("INSERT INTO npsd.tenants (tenant_id, display_name) VALUES (" + txn.quote(tenant_id) + ", 'writers')");
  const std::string campaign_id =
      txn.exec1("INSERT INTO npsd.campaigns (tenant_id, name, channels, default_locale, question_locales,"
                " question_texts, follow_up_texts, state) VALUES (" + txn.quote(tenant_id) +
                ", 'writers', '{WEB}', 'en', '{en}', '{q}', '{f}', 'ACTIVE') RETURNING campaign_id::text")[0]
          .as<std::string>();
  txn.commit();
  return {tenant_id, campaign_id};
}

SubmitItem WebResponse(const std::pair<std::string, std::string>& tenant_and_campaign) {
  SubmitItem item;
  item.tenant_id = tenant_and_campaign.first;
  item.input.campaign_id = tenant_and_campaign.second;
  item.input.score = 9;
  item.input.channel = domain::Channel::kWeb;
  item.received_at = absl::Now();
  item.deadline = absl::Now() + absl::Seconds(60);
  return item;
}

// The first writer takes every item of a moderate load; the others join in when items
// wait. Here the batch of the writer that took the first item waits for rollup rows the
// test inserted and has not committed (every shard's, yesterday to tomorrow), and an
// item of another tenant, queued after it, is stored all the same.
TEST(ResponseWriterTest, AnItemQueuedBehindAHeldUpWriterIsWrittenByAnother) {
  privacy::PersonalDataCipher cipher(crypto::MasterKey::Parse(kMasterKeyHex).value());
  ResponseWriter::Options options;
  options.database_url = npsd::testing::MigratedAppUrl();
  options.writer_threads = 2;
  const auto held = CreateTenantWithCampaign();
  const auto free = CreateTenantWithCampaign();
  ResponseWriter writer(options, cipher);

  pqxx::connection locker(npsd::testing::OwnerUrl());
  pqxx::work lock(locker);
  lock.exec("SELECT set_config('app.tenant_id', " + lock.quote(held.first) + ", true)");
  lock.exec0("INSERT INTO npsd.response_rollups (tenant_id, day, campaign_id, channel, region_code, brand_code,"
             " business_unit_code, shard) SELECT " + lock.quote(held.first) + ", current_date + d, " +
             lock.quote(held.second) + ", 'WEB', '', '', '', shard FROM generate_series(-1, 1) d,"
             " generate_series(0, " + std::to_string(options.writer_threads - 1) + ") shard");

  absl::Notification held_done, free_done;
  SubmitOutcome held_outcome, free_outcome;
  writer.Submit(WebResponse(held), [&](SubmitOutcome outcome) {
    held_outcome = std::move(outcome);
    held_done.Notify();
  });
  // Wait until a writer's insert is blocked on the lock.
  const auto blocked = [] {
    return npsd::testing::SuperuserQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'npsd_app'"
                                         " AND wait_event_type = 'Lock'")[0][0]
               .as<int>() > 0;
  };
  for (int i = 0; i < 2000 && !blocked(); ++i) absl::SleepFor(absl::Milliseconds(10));
  ASSERT_TRUE(blocked()) << "no writer waits for the lock";
  writer.Submit(WebResponse(free), [&](SubmitOutcome outcome) {
    free_outcome = std::move(outcome);
    free_done.Notify();
  });
  ASSERT_TRUE(free_done.WaitForNotificationWithTimeout(absl::Seconds(20)))
      << "the item waited for the held-up writer";
  EXPECT_TRUE(free_outcome.status.ok()) << free_outcome.status;
  EXPECT_FALSE(held_done.HasBeenNotified()) << "the first item was not held up";
  lock.abort();
  ASSERT_TRUE(held_done.WaitForNotificationWithTimeout(absl::Seconds(20)));
  EXPECT_TRUE(held_outcome.status.ok()) << held_outcome.status;
}

TEST(ResponseWriterTest, EachBatchIsReportedWithItsSizeAndItsCommit) {
  privacy::PersonalDataCipher cipher(crypto::MasterKey::Parse(kMasterKeyHex).value());
  std::mutex mutex;
  std::vector<ResponseWriter::BatchReport> reports;
  ResponseWriter::Options options;
  options.database_url = npsd::testing::MigratedAppUrl();
  options.writer_threads = 1;
  options.report = [&](const ResponseWriter::BatchReport& report) {
    std::lock_guard<std::mutex> lock(mutex);
    reports.push_back(report);
  };
  const auto tenant_and_campaign = CreateTenantWithCampaign();
  {
    ResponseWriter writer(options, cipher);
    absl::Notification stored;
    writer.Submit(WebResponse(tenant_and_campaign), [&](SubmitOutcome outcome) {
      EXPECT_TRUE(outcome.status.ok()) << outcome.status;
      stored.Notify();
    });
    stored.WaitForNotification();
  }
  std::lock_guard<std::mutex> lock(mutex);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].items, 1u);
  EXPECT_GT(reports[0].commit, absl::ZeroDuration());
  EXPECT_GE(reports[0].written, reports[0].commit);
}

}  // namespace
}  // namespace npsd::storage::pg
