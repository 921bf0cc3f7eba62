// lifecycle_test.cc — health follows the database; SIGTERM drains and exits 0.

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <utility>
#include <vector>
#include <thread>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "nps/v1/tenant_service.grpc.pb.h"
#include "server/health_probe.h"
#include "server/npsd_server.h"
#include "tests/server/server_fixture.h"
#include "tests/support/ingestion_setup.h"
#include "tests/support/npsd_process.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

TEST(LifecycleTest, HealthIsNotServingAndCallsUnavailableWhileTheDatabaseIsUnreachable) {
  const std::string master_key_path = WriteTempFile(kMasterKeyHex);
  server::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.database_url = "postgresql://npsd_app@127.0.0.1:1/npsd?connect_timeout=1";
  config.master_key_file = master_key_path;
  config.insecure = true;
  auto server = server::NpsdServer::Start(config);
  std::remove(master_key_path.c_str());
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials());
  auto health = server::CheckHealth(channel, "", absl::Seconds(5));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, "NOT_SERVING");
  auto tenants = nps::v1::TenantService::NewStub(channel);
  nps::v1::GetTenantRequest request;
  request.set_tenant_id("00000000-0000-4000-8000-000000000000");
  nps::v1::Tenant tenant;
  const std::string key = "npsk_" + std::string(64, 'a') + std::string(43, 'A');
  EXPECT_EQ(tenants->GetTenant(BearerContext(key).get(), request, &tenant).error_code(), grpc::StatusCode::UNAVAILABLE);
  (*server)->Shutdown(absl::Seconds(1));
}

TEST(LifecycleTest, SigtermDrainsTheStreamAcksOnlyCommittedItemsAndExitsZero) {
  char work_dir[] = "/tmp/npsd-lifecycle-XXXXXX";
  ASSERT_NE(mkdtemp(work_dir), nullptr);
  auto process = NpsdProcess::Start(NPSD_BINARY, MigratedAppUrl(), OwnerUrl(), work_dir);
  ASSERT_TRUE(process.ok()) << process.status();
  auto tenant = CreateIngestionTenant((*process)->channel(), (*process)->operator_token());
  ASSERT_TRUE(tenant.ok()) << tenant.status();
  const std::string token = tenant->token;
  const std::string campaign_id = tenant->campaign_id;
  auto responses = nps::v1::ResponseService::NewStub((*process)->channel());
  auto context = BearerContext(token);
  auto stream = responses->StreamResponses(context.get());
  constexpr int kItems = 1500;
  std::thread sender([&] {
    for (int i = 0; i < kItems; ++i) {
      nps::v1::StreamResponsesRequest request;
      request.set_sequence(i);
      request.mutable_response()->set_campaign_id(campaign_id);
      request.mutable_response()->set_score(i % 11);
      request.mutable_response()->set_channel(nps::v1::WEB);
      request.mutable_response()->set_idempotency_key(absl::StrCat("term-", i));
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  std::set<std::string> acked;
  int exit_status = -2;
  std::thread terminator;
  nps::v1::StreamResponsesResponse acks;
  while (stream->Read(&acks)) {
    for (const nps::v1::SubmitResponseResult& ack : acks.results()) {
      if (ack.code() == 0) acked.insert(ack.response_id());
    }
    if (acked.size() >= 100 && !terminator.joinable()) {
      terminator = std::thread([&] { exit_status = (*process)->Terminate(); });
    }
  }
  sender.join();
  const grpc::Status finished = stream->Finish();
  if (terminator.joinable()) terminator.join();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_EQ(exit_status, 0);
  EXPECT_EQ(acked.size(), static_cast<size_t>(kItems)) << "a stream in flight is drained, not cut";
  const int64_t stored = SuperuserQuery("SELECT count(*) FROM npsd.responses WHERE idempotency_key LIKE 'term-%'")[0][0]
                             .as<int64_t>();
  EXPECT_EQ(stored, static_cast<int64_t>(acked.size()));
  process->reset();
  std::filesystem::remove_all(work_dir);
}

TEST(LifecycleTest, SigtermLetsEveryAcceptedUnaryCallFinish) {
  char work_dir[] = "/tmp/npsd-lifecycle-XXXXXX";
  ASSERT_NE(mkdtemp(work_dir), nullptr);
  auto process = NpsdProcess::Start(NPSD_BINARY, MigratedAppUrl(), OwnerUrl(), work_dir);
  ASSERT_TRUE(process.ok()) << process.status();
  auto tenant = CreateIngestionTenant((*process)->channel(), (*process)->operator_token());
  ASSERT_TRUE(tenant.ok()) << tenant.status();
  std::atomic<int> next{0};
  std::atomic<int> ok{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::pair<std::string, grpc::StatusCode>> failures;  // idempotency key, code
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      auto stub = nps::v1::ResponseService::NewStub((*process)->channel());
      while (!stop) {
        const std::string key = absl::StrCat("unary-term-", next.fetch_add(1));
        nps::v1::SubmitResponseRequest request;
        request.mutable_response()->set_campaign_id(tenant->campaign_id);
        request.mutable_response()->set_score(7);
        request.mutable_response()->set_channel(nps::v1::WEB);
        request.mutable_response()->set_idempotency_key(key);
        nps::v1::SubmitResponseResult result;
        const grpc::Status status = stub->SubmitResponse(BearerContext(tenant->token).get(), request, &result);
        if (status.ok()) {
          ok.fetch_add(1);
          continue;
        }
        std::lock_guard<std::mutex> lock(mutex);
        failures.emplace_back(key, status.error_code());
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE) return;  // the server is gone
      }
    });
  }
  while (ok.load() < 200) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_EQ((*process)->Terminate(), 0);
  stop = true;
  for (std::thread& client : clients) client.join();
  // A call that fails was never accepted: refused (UNAVAILABLE) or dropped before a
  // handler took it (CANCELLED), and nothing of it is stored.
  const std::string stored_keys = absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = '",
                                               tenant->tenant_id, "'");
  for (const auto& [key, code] : failures) {
    EXPECT_TRUE(code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::CANCELLED) << code;
    EXPECT_EQ(SuperuserQuery(stored_keys + " AND idempotency_key = '" + key + "'")[0][0].as<int64_t>(), 0)
        << "a failed call was stored: it had been accepted";
  }
  EXPECT_EQ(SuperuserQuery(stored_keys)[0][0].as<int64_t>(), ok.load()) << "every OK is stored, nothing else is";
  process->reset();
  std::filesystem::remove_all(work_dir);
}

}  // namespace
}  // namespace npsd::testing
