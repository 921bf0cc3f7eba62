// response_service_test.cc — ingestion end to end: real gRPC, real PostgreSQL.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "storage/pg/last_surveyed.h"
#include "tests/server/server_fixture.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

using nps::v1::ResponseInput;
using nps::v1::Scope;
using nps::v1::SubmitResponseResult;

class ResponseServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    campaigns_ = nps::v1::CampaignService::NewStub(channel_);
    responses_ = nps::v1::ResponseService::NewStub(channel_);
    tenant_ = CreateTenant("Ingestion");
    ingest_ = CreateKey(tenant_, {Scope::SCOPE_INGEST});
    reader_ = CreateKey(tenant_, {Scope::SCOPE_READ});
    admin_ = CreateKey(tenant_, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
    campaign_ = CreateCampaign(true, 0, 100);
  }

  std::string CreateCampaign(bool activate, int fatigue_days, double sampling_percent) {
    nps::v1::CreateCampaignRequest request;
    nps::v1::Campaign* campaign = request.mutable_campaign();
    campaign->set_name("Post-call");
    campaign->add_channels(nps::v1::VOICE_POST_CALL);
    campaign->add_channels(nps::v1::EMAIL);
    campaign->set_default_locale("en");
    campaign->add_questions()->set_locale("en");
    campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
    campaign->set_fatigue_days(fatigue_days);
    campaign->set_sampling_percent(sampling_percent);
    nps::v1::Campaign created;
    EXPECT_TRUE(campaigns_->CreateCampaign(Context(admin_).get(), request, &created).ok());
    if (activate) {
      nps::v1::CampaignTransitionRequest transition;
      transition.set_campaign_id(created.id());
      EXPECT_TRUE(campaigns_->ActivateCampaign(Context(admin_).get(), transition, &created).ok());
    }
    return created.id();
  }

  ResponseInput Input(int score, const std::string& key) const {
    ResponseInput input;
    input.set_campaign_id(campaign_);
    input.set_score(score);
    input.set_channel(nps::v1::VOICE_POST_CALL);
    input.set_idempotency_key(key);
    input.mutable_contact_center()->set_agent_id("agent-7");
    input.mutable_contact_center()->set_queue("billing");
    return input;
  }

  grpc::Status Submit(const std::string& token, const ResponseInput& input, SubmitResponseResult* result) {
    nps::v1::SubmitResponseRequest request;
    *request.mutable_response() = input;
    return responses_->SubmitResponse(Context(token).get(), request, result);
  }

  int64_t StoredCount(const std::string& condition) const {
    return SuperuserQuery(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = '", tenant_,
                                       "' AND ", condition))[0][0]
        .as<int64_t>();
  }

  std::unique_ptr<nps::v1::CampaignService::Stub> campaigns_;
  std::unique_ptr<nps::v1::ResponseService::Stub> responses_;
  std::string tenant_, ingest_, reader_, admin_, campaign_;
};

TEST_F(ResponseServiceTest, AcceptedResponseReadsBackWithItsCommentAndDerivedCategory) {
  ResponseInput input = Input(9, "call-1");
  input.set_comment("Très bon accueil, merci !");
  input.mutable_subject()->set_email("  Ana.Silva@Example.com ");
  SubmitResponseResult result;
  ASSERT_TRUE(Submit(ingest_, input, &result).ok());
  EXPECT_EQ(result.category(), nps::v1::PROMOTER);
  EXPECT_FALSE(result.replayed());
  nps::v1::GetResponseRequest get;
  get.set_response_id(result.response_id());
  nps::v1::Response stored;
  ASSERT_TRUE(responses_->GetResponse(Context(reader_).get(), get, &stored).ok());
  EXPECT_EQ(stored.score(), 9);
  EXPECT_EQ(stored.comment(), "Très bon accueil, merci !");
  EXPECT_TRUE(stored.has_subject());
  EXPECT_EQ(stored.contact_center().agent_id(), "agent-7");
  // At rest, neither the comment nor the e-mail address is stored in clear text.
  const auto rows = SuperuserQuery(absl::StrCat(
      "SELECT count(*) FROM npsd.responses r, npsd.subject_identifiers i WHERE r.tenant_id = '", tenant_,
      "' AND i.tenant_id = r.tenant_id AND (position(convert_to('accueil', 'UTF8') in r.comment_ciphertext) > 0"
      " OR position(convert_to('ana.silva', 'UTF8') in i.value_ciphertext) > 0)"));
  EXPECT_EQ(rows[0][0].as<int64_t>(), 0);
}

TEST_F(ResponseServiceTest, ReplayAfterTheCampaignClosedStillReturnsTheOriginal) {
  SubmitResponseResult first;
  ASSERT_TRUE(Submit(ingest_, Input(10, "call-before-close"), &first).ok());
  nps::v1::CampaignTransitionRequest close;
  close.set_campaign_id(campaign_);
  nps::v1::Campaign closed;
  ASSERT_TRUE(campaigns_->CloseCampaign(Context(admin_).get(), close, &closed).ok());

  SubmitResponseResult replay;
  ASSERT_TRUE(Submit(ingest_, Input(10, "call-before-close"), &replay).ok());
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.response_id(), first.response_id());
  EXPECT_EQ(replay.category(), nps::v1::PROMOTER);
  SubmitResponseResult other;
  EXPECT_EQ(Submit(ingest_, Input(4, "call-before-close"), &other).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Submit(ingest_, Input(10, "call-after-close"), &other).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(StoredCount("true"), 1);
}

TEST_F(ResponseServiceTest, IdempotentReplayReturnsTheOriginalAndConflictsAreRefused) {
  SubmitResponseResult first, replay, conflict;
  ASSERT_TRUE(Submit(ingest_, Input(3, "call-42"), &first).ok());
  ASSERT_TRUE(Submit(ingest_, Input(3, "call-42"), &replay).ok());
  EXPECT_EQ(replay.response_id(), first.response_id());
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.category(), nps::v1::DETRACTOR);
  EXPECT_EQ(Submit(ingest_, Input(10, "call-42"), &conflict).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(StoredCount("idempotency_key = 'call-42'"), 1);
}

TEST_F(ResponseServiceTest, ConcurrentDuplicatesCommitOnce) {
  constexpr int kClients = 12;
  std::vector<std::string> ids(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      SubmitResponseResult result;
      if (Submit(ingest_, Input(8, "burst"), &result).ok()) ids[i] = result.response_id();
    });
  }
  for (std::thread& client : clients) client.join();
  const std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), 1u);
  EXPECT_FALSE(distinct.begin()->empty());
  EXPECT_EQ(StoredCount("idempotency_key = 'burst'"), 1);
}

TEST_F(ResponseServiceTest, BatchRejectsBadItemsAloneWithTheirFieldPaths) {
  nps::v1::SubmitResponsesRequest request;
  *request.add_responses() = Input(10, "b-0");
  *request.add_responses() = Input(11, "b-1");  // score out of range
  ResponseInput unknown_campaign = Input(5, "b-2");
  unknown_campaign.set_campaign_id("00000000-0000-4000-8000-000000000000");
  *request.add_responses() = unknown_campaign;
  ResponseInput wrong_channel = Input(5, "b-3");
  wrong_channel.set_channel(nps::v1::SMS);
  *request.add_responses() = wrong_channel;
  *request.add_responses() = Input(7, "b-4");
  nps::v1::SubmitResponsesResponse response;
  ASSERT_TRUE(responses_->SubmitResponses(Context(ingest_).get(), request, &response).ok());
  ASSERT_EQ(response.results_size(), 5);
  EXPECT_EQ(response.results(0).code(), 0);
  EXPECT_EQ(response.results(1).code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(response.results(1).field_violations_size(), 1);
  EXPECT_EQ(response.results(1).field_violations(0).field(), "responses[1].score");
  EXPECT_EQ(response.results(2).code(), static_cast<int>(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(response.results(3).code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(response.results(3).field_violations(0).field(), "responses[3].channel");
  EXPECT_EQ(response.results(4).code(), 0);
  EXPECT_EQ(StoredCount("idempotency_key LIKE 'b-%'"), 2);
}

// AlterResponses runs DDL on npsd.responses without ever queueing for its lock: a
// waiting ALTER would hold back every later statement on the table, including those of
// tests running beside this one whose transactions it waits for (ResponseWriterTest
// holds a writer's insert open on purpose). It gives up its turn and tries again.
void AlterResponses(const std::string& ddl) {
  for (int attempt = 0;; ++attempt) {
    try {
      SuperuserQuery("SET lock_timeout = '50ms'; ALTER TABLE npsd.responses " + ddl);
      return;
    } catch (const pqxx::sql_error& error) {
      if (error.sqlstate() != "55P03" || attempt == 1000) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

TEST_F(ResponseServiceTest, AnItemTheDatabaseRefusesFailsAloneAndTheWriterGoesOn) {
  // A constraint only this test's rows can break stands for any refusal that validation
  // did not foresee: the batch's transaction fails, is rolled back, and its items are
  // written one by one on the same connection.
  const std::string poison = absl::StrCat("poison-", tenant_);
  const std::string constraint = absl::StrCat("npsd_test_poison_", absl::StrReplaceAll(tenant_, {{"-", "_"}}));
  AlterResponses(absl::StrCat("ADD CONSTRAINT ", constraint, " CHECK (interaction_id <> '", poison, "') NOT VALID"));
  nps::v1::SubmitResponsesRequest request;
  *request.add_responses() = Input(9, "db-0");
  ResponseInput refused = Input(3, "db-1");
  refused.mutable_contact_center()->set_interaction_id(poison);
  *request.add_responses() = refused;
  *request.add_responses() = Input(6, "db-2");
  nps::v1::SubmitResponsesResponse response;
  const grpc::Status status = responses_->SubmitResponses(Context(ingest_).get(), request, &response);
  SubmitResponseResult after;
  const grpc::Status after_status = Submit(ingest_, Input(10, "db-3"), &after);
  AlterResponses(absl::StrCat("DROP CONSTRAINT ", constraint));

  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(0).code(), 0);
  EXPECT_NE(response.results(1).code(), 0);
  EXPECT_EQ(response.results(2).code(), 0);
  EXPECT_TRUE(after_status.ok()) << after_status.error_message();
  EXPECT_EQ(StoredCount("idempotency_key LIKE 'db-%'"), 3);
  EXPECT_EQ(StoredCount(absl::StrCat("interaction_id = '", poison, "'")), 0);
}

TEST_F(ResponseServiceTest, StreamAcksEveryItemOnceAfterCommitAndSurvivesBadItems) {
  constexpr int kItems = 600;
  grpc::ClientContext* context = Context(ingest_).release();
  std::unique_ptr<grpc::ClientContext> owner(context);
  auto stream = responses_->StreamResponses(context);
  std::thread sender([&] {
    for (int i = 0; i < kItems; ++i) {
      nps::v1::StreamResponsesRequest request;
      request.set_sequence(i);
      *request.mutable_response() = Input(i % 7 == 0 ? 42 : i % 11, absl::StrCat("s-", i));
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  std::set<int64_t> accepted, rejected;
  int acks = 0, messages = 0;
  nps::v1::StreamResponsesResponse answer;
  while (stream->Read(&answer)) {
    ++messages;
    for (const SubmitResponseResult& ack : answer.results()) {
      ++acks;
      (ack.code() == 0 ? accepted : rejected).insert(ack.sequence());
    }
  }
  sender.join();
  ASSERT_TRUE(stream->Finish().ok());
  EXPECT_EQ(acks, kItems);
  EXPECT_EQ(accepted.size() + rejected.size(), static_cast<size_t>(kItems));
  // The sender never waits, so acks settled while a message is being written share the next.
  EXPECT_LT(messages, kItems);
  EXPECT_EQ(rejected.size(), static_cast<size_t>((kItems + 6) / 7));
  EXPECT_EQ(StoredCount("idempotency_key LIKE 's-%'"), static_cast<int64_t>(accepted.size()));
}

TEST_F(ResponseServiceTest, AStreamHoldsATenantSlotUntilItEndsEvenWhenCancelled) {
  constexpr int kSlots = 16;  // RateLimits' default max_streams_per_tenant
  struct OpenStream {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReaderWriter<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse>> stream;
  };
  std::vector<OpenStream> open;
  int next = 0;
  // OpenOne opens a stream and tells whether it acked an item (that is, was admitted).
  const auto open_one = [&]() {
    OpenStream opened{Context(ingest_), nullptr};
    opened.stream = responses_->StreamResponses(opened.context.get());
    nps::v1::StreamResponsesRequest request;
    request.set_sequence(next);
    *request.mutable_response() = Input(9, absl::StrCat("slot-", next++));
    nps::v1::StreamResponsesResponse answer;
    const bool acked = opened.stream->Write(request) && opened.stream->Read(&answer) &&
                       answer.results_size() == 1 && answer.results(0).code() == 0;
    open.push_back(std::move(opened));
    return acked;
  };
  for (int i = 0; i < kSlots; ++i) ASSERT_TRUE(open_one()) << "stream " << i;
  EXPECT_FALSE(open_one());
  EXPECT_EQ(open.back().stream->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  open.pop_back();

  open.front().context->TryCancel();
  EXPECT_EQ(open.front().stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  open.erase(open.begin());
  // The server ends the cancelled stream on its own schedule; its slot comes back then.
  bool reopened = false;
  for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
    reopened = open_one();
    if (!reopened) {
      open.back().stream->Finish();
      open.pop_back();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  EXPECT_TRUE(reopened) << "the cancelled stream never gave its slot back";
  for (OpenStream& stream : open) {
    stream.stream->WritesDone();
    nps::v1::StreamResponsesResponse answer;
    while (stream.stream->Read(&answer)) {
    }
    EXPECT_TRUE(stream.stream->Finish().ok());
  }
  EXPECT_EQ(StoredCount("idempotency_key LIKE 'slot-%'"), kSlots + 1);
}

TEST_F(ResponseServiceTest, AcksAreOnlyForCommittedItemsWhenWriterConnectionsAreKilled) {
  constexpr int kItems = 400;
  std::set<std::string> acked_ids;
  std::set<int> unacked;
  {
    std::unique_ptr<grpc::ClientContext> context = Context(ingest_);
    auto stream = responses_->StreamResponses(context.get());
    std::atomic<bool> done{false};
    std::thread killer([&] {
      while (!done) {
        SuperuserQuery(absl::StrCat("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                    " WHERE application_name = 'npsd-writer-", getpid(), "'"));
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
      }
    });
    std::thread sender([&] {
      for (int i = 0; i < kItems; ++i) {
        nps::v1::StreamResponsesRequest request;
        request.set_sequence(i);
        *request.mutable_response() = Input(i % 11, absl::StrCat("k-", i));
        stream->Write(request);
      }
      stream->WritesDone();
    });
    for (int i = 0; i < kItems; ++i) unacked.insert(i);
    nps::v1::StreamResponsesResponse answer;
    while (stream->Read(&answer)) {
      for (const SubmitResponseResult& ack : answer.results()) {
        if (ack.code() != 0) continue;
        acked_ids.insert(ack.response_id());
        unacked.erase(static_cast<int>(ack.sequence()));
      }
    }
    sender.join();
    done = true;
    killer.join();
    stream->Finish();
  }
  // Every acknowledged response is stored.
  for (const std::string& id : acked_ids) {
    EXPECT_EQ(StoredCount(absl::StrCat("response_id = '", id, "'")), 1) << id;
  }
  // Resending what was not acknowledged stores everything exactly once.
  for (int i : unacked) {
    SubmitResponseResult result;
    grpc::Status status = Submit(ingest_, Input(i % 11, absl::StrCat("k-", i)), &result);
    for (int attempt = 0; !status.ok() && attempt < 5; ++attempt) {
      status = Submit(ingest_, Input(i % 11, absl::StrCat("k-", i)), &result);
    }
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(StoredCount("idempotency_key LIKE 'k-%'"), kItems);
}

TEST_F(ResponseServiceTest, RollupsEqualARecountOfRawRows) {
  nps::v1::SubmitResponsesRequest request;
  for (int i = 0; i < 200; ++i) *request.add_responses() = Input(i % 11, absl::StrCat("r-", i));
  nps::v1::SubmitResponsesResponse response;
  ASSERT_TRUE(responses_->SubmitResponses(Context(ingest_).get(), request, &response).ok());
  const std::string tenant = absl::StrCat("'", tenant_, "'");
  for (int score = 0; score <= 10; ++score) {
    const int64_t raw = StoredCount(absl::StrCat("score = ", score));
    const int64_t rolled = SuperuserQuery(absl::StrCat("SELECT coalesce(sum(s", score,
                                                       "), 0) FROM npsd.response_rollups WHERE tenant_id = ", tenant))[0][0]
                               .as<int64_t>();
    const int64_t by_agent = SuperuserQuery(absl::StrCat("SELECT coalesce(sum(s", score,
                                                         "), 0) FROM npsd.agent_rollups WHERE tenant_id = ", tenant))[0][0]
                                 .as<int64_t>();
    EXPECT_EQ(rolled, raw) << "score " << score;
    EXPECT_EQ(by_agent, raw) << "score " << score;
  }
}

// Writers insert expecting new idempotency keys; a batch that meets a stored one is
// written again skipping stored keys. Mixed batches from concurrent clients must still
// store every new item once, answer every replay with its original, and count each
// stored response once across the writers' rollup shards.
TEST_F(ResponseServiceTest, BatchesMixingReplaysAndNewItemsStoreEachItemOnceAndCountItOnce) {
  constexpr int kClients = 4;
  constexpr int kItems = 120;
  std::map<std::string, std::string> originals;  // by idempotency key
  {
    nps::v1::SubmitResponsesRequest request;
    for (int i = 0; i < kItems; i += 2) *request.add_responses() = Input(i % 11, absl::StrCat("mixed-", i));
    nps::v1::SubmitResponsesResponse response;
    ASSERT_TRUE(responses_->SubmitResponses(Context(ingest_).get(), request, &response).ok());
    for (int k = 0; k < response.results_size(); ++k) {
      ASSERT_EQ(response.results(k).code(), 0);
      originals[absl::StrCat("mixed-", 2 * k)] = response.results(k).response_id();
    }
  }
  // Every client sends all items, stored (even) and new (odd) alike, at once.
  std::vector<nps::v1::SubmitResponsesResponse> answers(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      nps::v1::SubmitResponsesRequest request;
      for (int i = 0; i < kItems; ++i) *request.add_responses() = Input(i % 11, absl::StrCat("mixed-", i));
      EXPECT_TRUE(responses_->SubmitResponses(Context(ingest_).get(), request, &answers[c]).ok());
    });
  }
  for (std::thread& client : clients) client.join();
  std::map<int, std::set<std::string>> ids_by_item;
  for (const nps::v1::SubmitResponsesResponse& answer : answers) {
    ASSERT_EQ(answer.results_size(), kItems);
    for (int i = 0; i < kItems; ++i) {
      const SubmitResponseResult& result = answer.results(i);
      ASSERT_EQ(result.code(), 0) << "item " << i << ": " << result.message();
      ids_by_item[i].insert(result.response_id());
      if (i % 2 == 0) {
        EXPECT_TRUE(result.replayed()) << "item " << i;
        EXPECT_EQ(result.response_id(), originals[absl::StrCat("mixed-", i)]) << "item " << i;
      }
    }
  }
  for (const auto& [item, ids] : ids_by_item) EXPECT_EQ(ids.size(), 1u) << "item " << item << " got two ids";
  EXPECT_EQ(StoredCount("idempotency_key LIKE 'mixed-%'"), kItems);
  const std::string tenant = absl::StrCat("'", tenant_, "'");
  for (const char* table : {"npsd.response_rollups", "npsd.agent_rollups"}) {
    const pqxx::result counted = SuperuserQuery(absl::StrCat(
        "SELECT coalesce(sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10), 0), coalesce(max(shard), 0) FROM ",
        table, " WHERE tenant_id = ", tenant));
    EXPECT_EQ(counted[0][0].as<int64_t>(), kItems) << table;
    EXPECT_LT(counted[0][1].as<int>(), 2) << table << ": a shard beyond the server's two writers";
  }
}

TEST_F(ResponseServiceTest, ConcurrentFirstAnswersMakeOnePersonOneSubjectLastSurveyedAtTheLatestAnswer) {
  // Two tenants submit many calls at once, so both writers create each tenant's one
  // person at the same time and their batches mix the tenants; the person answers at
  // shuffled times in the past.
  const std::string other = CreateTenant("Other");
  const std::string other_ingest = CreateKey(other, {Scope::SCOPE_INGEST});
  const std::string own_admin = admin_;
  admin_ = CreateKey(other, {Scope::SCOPE_CAMPAIGNS});  // CreateCampaign acts as admin_
  const std::string other_campaign = CreateCampaign(true, 0, 100);
  admin_ = own_admin;
  const absl::Time now = absl::Now();
  constexpr int kCallers = 8, kAnswers = 48;
  std::vector<std::thread> callers;
  for (int c = 0; c < 2 * kCallers; ++c) {
    callers.emplace_back([&, c] {
      const bool mine = c % 2 == 0;
      for (int i = c / 2; i < kAnswers; i += kCallers) {
        ResponseInput input = Input(8, absl::StrCat("surveyed-", i));
        input.set_campaign_id(mine ? campaign_ : other_campaign);
        input.mutable_subject()->set_external_id("customer-1");
        input.mutable_answered_at()->set_seconds(absl::ToUnixSeconds(now - absl::Minutes(1 + (i * 7) % kAnswers)));
        SubmitResponseResult result;
        EXPECT_TRUE(Submit(mine ? ingest_ : other_ingest, input, &result).ok());
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  const int64_t latest = absl::ToUnixSeconds(now - absl::Minutes(1));
  for (const std::string& tenant : {tenant_, other}) {
    const pqxx::result subjects = SuperuserQuery(absl::StrCat("SELECT extract(epoch FROM ",
                                                              storage::pg::LastSurveyedSql("s"),
                                                              ")::bigint FROM npsd.subjects s WHERE tenant_id = '",
                                                              tenant, "'"));
    ASSERT_EQ(subjects.size(), 1u) << tenant;
    ASSERT_FALSE(subjects[0][0].is_null()) << tenant;
    EXPECT_EQ(subjects[0][0].as<int64_t>(), latest) << tenant;
  }
}

TEST_F(ResponseServiceTest, CampaignStateGovernsAcceptance) {
  campaign_ = CreateCampaign(false, 0, 100);  // stays DRAFT
  SubmitResponseResult result;
  EXPECT_EQ(Submit(ingest_, Input(9, "draft"), &result).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ResponseInput future = Input(9, "future");
  future.mutable_answered_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  campaign_ = CreateCampaign(true, 0, 100);
  future.set_campaign_id(campaign_);
  EXPECT_EQ(Submit(ingest_, future, &result).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Submit(reader_, Input(9, "no-scope"), &result).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ResponseServiceTest, EligibilityAppliesFatigueSamplingAndState) {
  campaign_ = CreateCampaign(true, 30, 100);
  nps::v1::CheckEligibilityRequest check;
  check.set_campaign_id(campaign_);
  check.mutable_subject()->set_phone("+33 6 12 34 56 78");
  nps::v1::CheckEligibilityResponse decision;
  ASSERT_TRUE(responses_->CheckEligibility(Context(reader_).get(), check, &decision).ok());
  EXPECT_TRUE(decision.eligible());
  ResponseInput answered = Input(6, "fatigue");
  answered.mutable_subject()->set_phone("+33612345678");
  SubmitResponseResult result;
  ASSERT_TRUE(Submit(ingest_, answered, &result).ok());
  ASSERT_TRUE(responses_->CheckEligibility(Context(reader_).get(), check, &decision).ok());
  EXPECT_FALSE(decision.eligible());
  EXPECT_EQ(decision.reason(), nps::v1::CheckEligibilityResponse::FATIGUE);
  EXPECT_TRUE(decision.has_eligible_after());

  check.set_campaign_id(CreateCampaign(true, 0, 0));
  check.clear_subject();
  check.set_interaction_id("call-77");
  ASSERT_TRUE(responses_->CheckEligibility(Context(reader_).get(), check, &decision).ok());
  EXPECT_EQ(decision.reason(), nps::v1::CheckEligibilityResponse::NOT_SAMPLED);
  check.set_campaign_id(CreateCampaign(false, 0, 100));
  ASSERT_TRUE(responses_->CheckEligibility(Context(reader_).get(), check, &decision).ok());
  EXPECT_EQ(decision.reason(), nps::v1::CheckEligibilityResponse::CAMPAIGN_NOT_ACTIVE);
}

TEST_F(ResponseServiceTest, OtherTenantsCannotReadOrWriteIntoThisTenant) {
  SubmitResponseResult result;
  ASSERT_TRUE(Submit(ingest_, Input(9, "private"), &result).ok());
  const std::string other = CreateTenant("Other");
  const std::string other_ingest = CreateKey(other, {Scope::SCOPE_INGEST, Scope::SCOPE_READ});
  nps::v1::GetResponseRequest get;
  get.set_response_id(result.response_id());
  nps::v1::Response stored;
  EXPECT_EQ(responses_->GetResponse(Context(other_ingest).get(), get, &stored).error_code(),
            grpc::StatusCode::NOT_FOUND);
  SubmitResponseResult foreign;
  EXPECT_EQ(Submit(other_ingest, Input(1, "into-foreign-campaign"), &foreign).error_code(),
            grpc::StatusCode::NOT_FOUND);
  nps::v1::ListResponsesRequest list;
  nps::v1::ListResponsesResponse listed;
  ASSERT_TRUE(responses_->ListResponses(Context(other_ingest).get(), list, &listed).ok());
  EXPECT_EQ(listed.responses_size(), 0);
  nps::v1::CheckEligibilityRequest check;
  check.set_campaign_id(campaign_);
  nps::v1::CheckEligibilityResponse decision;
  EXPECT_EQ(responses_->CheckEligibility(Context(other_ingest).get(), check, &decision).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ResponseServiceTest, ListFiltersAndPagesMostRecentFirst) {
  for (int i = 0; i < 25; ++i) {
    ResponseInput input = Input(i % 11, absl::StrCat("l-", i));
    input.mutable_answered_at()->set_seconds(absl::ToUnixSeconds(absl::Now()) - 1000 + i);
    if (i % 2 == 0) input.set_comment("pourquoi pas");
    SubmitResponseResult result;
    ASSERT_TRUE(Submit(ingest_, input, &result).ok());
  }
  std::vector<int64_t> times;
  std::string token;
  do {
    nps::v1::ListResponsesRequest request;
    request.set_page_size(4);
    request.set_page_token(token);
    request.set_campaign_id(campaign_);
    request.set_comment(nps::v1::WITH_COMMENT);
    nps::v1::ListResponsesResponse response;
    ASSERT_TRUE(responses_->ListResponses(Context(reader_).get(), request, &response).ok());
    for (const auto& r : response.responses()) {
      EXPECT_EQ(r.comment(), "pourquoi pas");
      times.push_back(r.answered_at().seconds());
    }
    token = response.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(times.size(), 13u);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
}

}  // namespace
}  // namespace npsd::testing
