// fault_test.cc — no acknowledged response lost or duplicated through faults.
//
// Real npsd processes and the real PostgreSQL of `make test`. A client streams
// responses with idempotency keys while npsd is SIGKILLed, or while PostgreSQL is
// stopped and restarted; afterwards it resends whatever was not acknowledged. At the
// end every response is stored exactly once, every ack points at the stored row, and
// the rollups equal a recount of the raw rows. NPSD_FAULT_ROUNDS sets the number of
// kills (3 in `make test`, 25 in `make faults`).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "server/health_probe.h"
#include "tests/support/ingestion_setup.h"
#include "tests/support/npsd_process.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

constexpr int kItemsPerRound = 300;

int Rounds() {
  const char* value = std::getenv("NPSD_FAULT_ROUNDS");
  return value == nullptr ? 3 : std::max(1, std::atoi(value));
}

// ClusterCommand is the shell command that runs `verb` (stop, ensure) on the test cluster.
std::string ClusterCommand(const std::string& verb) {
  const char* script = std::getenv("NPSD_TEST_PG_CLUSTER");
  const char* directory = std::getenv("NPSD_TEST_CLUSTER_DIR");
  if (script == nullptr || directory == nullptr) {
    ADD_FAILURE() << "run through `make test`: NPSD_TEST_PG_CLUSTER is not set";
    return "false";
  }
  return absl::StrCat(script, " ", verb, " ", directory, " >/dev/null");
}

nps::v1::ResponseInput Item(const IngestionTenant& tenant, int key) {
  nps::v1::ResponseInput input;
  input.set_campaign_id(tenant.campaign_id);
  input.set_score(key % 11);
  input.set_channel(nps::v1::WEB);
  input.set_idempotency_key(absl::StrCat("fault-", key));
  if (key % 4 == 0) input.mutable_subject()->set_external_id(absl::StrCat("customer-", key % 97));
  return input;
}

// Ledger remembers the acknowledged responses by key.
class Ledger {
 public:
  void Ack(int key, const std::string& id) {
    absl::MutexLock lock(&mutex_);
    auto [it, inserted] = acked_.emplace(key, id);
    if (!inserted && it->second != id) conflicting_ = true;
  }
  bool Acked(int key) {
    absl::MutexLock lock(&mutex_);
    return acked_.count(key) > 0;
  }
  std::map<int, std::string> acked() {
    absl::MutexLock lock(&mutex_);
    return acked_;
  }
  bool conflicting() {
    absl::MutexLock lock(&mutex_);
    return conflicting_;
  }

 private:
  absl::Mutex mutex_;
  std::map<int, std::string> acked_;
  bool conflicting_ = false;  // one key acked with two ids: a duplicate
};

// StreamKeys streams keys [first, last) not yet acked until the stream breaks.
void StreamKeys(const std::shared_ptr<grpc::Channel>& channel, const IngestionTenant& tenant, int first, int last,
                Ledger& ledger) {
  auto stub = nps::v1::ResponseService::NewStub(channel);
  auto context = BearerContext(tenant.token);
  auto stream = stub->StreamResponses(context.get());
  std::thread sender([&] {
    for (int key = first; key < last; ++key) {
      if (ledger.Acked(key)) continue;
      nps::v1::StreamResponsesRequest request;
      request.set_sequence(key);
      *request.mutable_response() = Item(tenant, key);
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  nps::v1::StreamResponsesResponse answer;
  while (stream->Read(&answer)) {
    for (const nps::v1::SubmitResponseResult& ack : answer.results()) {
      if (ack.code() == 0) ledger.Ack(static_cast<int>(ack.sequence()), ack.response_id());
    }
  }
  sender.join();
  stream->Finish();
}

// ResendUnacked submits every unacknowledged key once more, retrying transient errors.
void ResendUnacked(const std::shared_ptr<grpc::Channel>& channel, const IngestionTenant& tenant, int total,
                   Ledger& ledger) {
  auto stub = nps::v1::ResponseService::NewStub(channel);
  for (int key = 0; key < total; ++key) {
    for (int attempt = 0; attempt < 20 && !ledger.Acked(key); ++attempt) {
      nps::v1::SubmitResponseRequest request;
      *request.mutable_response() = Item(tenant, key);
      nps::v1::SubmitResponseResult result;
      if (stub->SubmitResponse(BearerContext(tenant.token).get(), request, &result).ok()) {
        ledger.Ack(key, result.response_id());
      } else {
        absl::SleepFor(absl::Milliseconds(100));
      }
    }
  }
}

// VerifyExactlyOnce checks storage against the ledger and the rollups against the rows.
void VerifyExactlyOnce(const IngestionTenant& tenant, int total, Ledger& ledger) {
  EXPECT_FALSE(ledger.conflicting()) << "one key was acknowledged with two different ids";
  const std::map<int, std::string> acked = ledger.acked();
  EXPECT_EQ(acked.size(), static_cast<size_t>(total));
  const std::string where = absl::StrCat("tenant_id = '", tenant.tenant_id, "'");
  std::map<int, std::string> stored;
  for (const auto& row : SuperuserQuery(absl::StrCat(
           "SELECT substr(idempotency_key, 7)::int, response_id::text FROM npsd.responses WHERE ", where))) {
    EXPECT_TRUE(stored.emplace(row[0].as<int>(), row[1].as<std::string>()).second) << "duplicate key";
  }
  EXPECT_EQ(stored, acked);
  for (int score = 0; score <= 10; ++score) {
    const auto rolled = SuperuserQuery(absl::StrCat("SELECT coalesce(sum(s", score,
                                                    "), 0) FROM npsd.response_rollups WHERE ", where))[0][0];
    const auto raw = SuperuserQuery(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE ", where,
                                                 " AND score = ", score))[0][0];
    EXPECT_EQ(rolled.as<int64_t>(), raw.as<int64_t>()) << "score " << score;
  }
}

// DatabaseActivity describes the sessions of the test cluster, for failure messages.
std::string DatabaseActivity() {
  std::string text = "database sessions:";
  for (const auto& row : SuperuserQuery(
           "SELECT pid, usename, application_name, state, wait_event_type, wait_event, left(query, 100)"
           " FROM pg_stat_activity WHERE datname IS NOT NULL")) {
    text += "\n ";
    for (const auto& field : row) absl::StrAppend(&text, " | ", field.is_null() ? "" : field.c_str());
  }
  return text;
}

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(mkdtemp(work_dir_), nullptr);
    Restart();
    if (HasFatalFailure()) return;
    auto tenant = CreateIngestionTenant(process_->channel(), process_->operator_token());
    ASSERT_TRUE(tenant.ok()) << tenant.status();
    tenant_ = *tenant;
  }

  void TearDown() override {
    process_.reset();
    std::filesystem::remove_all(work_dir_);
  }

  void Restart() {
    auto process = NpsdProcess::Start(NPSD_BINARY, MigratedAppUrl(), OwnerUrl(), work_dir_);
    ASSERT_TRUE(process.ok()) << process.status() << "\n" << DatabaseActivity();
    process_ = *std::move(process);
  }

  char work_dir_[32] = "/tmp/npsd-fault-XXXXXX";
  std::unique_ptr<NpsdProcess> process_;
  IngestionTenant tenant_;
};

TEST_F(FaultTest, AcknowledgedResponsesSurviveSigkillExactlyOnce) {
  const int rounds = Rounds();
  const int total = rounds * kItemsPerRound;
  Ledger ledger;
  std::mt19937 random(20261123);
  for (int round = 0; round < rounds; ++round) {
    const int first = round * kItemsPerRound;
    std::thread client([&, channel = process_->channel()] {
      StreamKeys(channel, tenant_, first, first + kItemsPerRound, ledger);
    });
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(5, 150)(random)));
    process_->Kill();
    client.join();
    Restart();
    if (HasFatalFailure()) return;
  }
  ResendUnacked(process_->channel(), tenant_, total, ledger);
  VerifyExactlyOnce(tenant_, total, ledger);
}

TEST_F(FaultTest, DatabaseRestartIsUnavailableMeanwhileAndRecoversWithoutRestartingNpsd) {
  Ledger ledger;
  std::thread client([&, channel = process_->channel()] {
    StreamKeys(channel, tenant_, 0, kItemsPerRound, ledger);
  });
  absl::SleepFor(absl::Milliseconds(50));
  ASSERT_EQ(std::system(ClusterCommand("stop").c_str()), 0);
  client.join();
  auto health = server::CheckHealth(process_->channel(), "", absl::Seconds(5));
  for (int i = 0; i < 50 && health.ok() && *health == "SERVING"; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    health = server::CheckHealth(process_->channel(), "", absl::Seconds(5));
  }
  EXPECT_EQ(health.value_or(""), "NOT_SERVING");
  ASSERT_EQ(std::system(ClusterCommand("ensure").c_str()), 0);
  for (int i = 0; i < 100 && server::CheckHealth(process_->channel(), "", absl::Seconds(5)).value_or("") != "SERVING";
       ++i) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(server::CheckHealth(process_->channel(), "", absl::Seconds(5)).value_or(""), "SERVING");
  ResendUnacked(process_->channel(), tenant_, kItemsPerRound, ledger);
  VerifyExactlyOnce(tenant_, kItemsPerRound, ledger);
}

}  // namespace
}  // namespace npsd::testing
