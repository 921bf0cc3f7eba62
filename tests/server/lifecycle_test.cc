// lifecycle_test.cc — health follows the database; SIGTERM drains and exits 0.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "nps/v1/tenant_service.grpc.pb.h"
#include "server/health_probe.h"
#include "server/npsd_server.h"
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "tests/server/server_fixture.h"
#include "tests/support/npsd_process.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

std::unique_ptr<grpc::ClientContext> Authorized(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

TEST(LifecycleTest, HealthIsNotServingAndCallsUnavailableWhileTheDatabaseIsUnreachable) {
  char master_key_path[] = "/tmp/npsd-master-key-XXXXXX";
  close(mkstemp(master_key_path));
  std::ofstream(master_key_path) << kMasterKeyHex << "\n";
  server::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.database_url = "postgresql://npsd_app@127.0.0.1:1/npsd?connect_timeout=1";
  config.master_key_file = master_key_path;
  config.insecure = true;
  auto server = server::NpsdServer::Start(config);
  std::remove(master_key_path);
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
  EXPECT_EQ(tenants->GetTenant(Authorized(key).get(), request, &tenant).error_code(), grpc::StatusCode::UNAVAILABLE);
  (*server)->Shutdown(absl::Seconds(1));
}

// StartIngestion creates a tenant, an ingest key and an active campaign on `channel`.
std::pair<std::string, std::string> StartIngestion(const std::shared_ptr<grpc::Channel>& channel,
                                                   const std::string& operator_token) {
  auto tenants = nps::v1::TenantService::NewStub(channel);
  nps::v1::CreateTenantRequest create;
  create.mutable_tenant()->set_display_name("Shutdown");
  nps::v1::Tenant tenant;
  EXPECT_TRUE(tenants->CreateTenant(Authorized(operator_token).get(), create, &tenant).ok());
  nps::v1::CreateApiKeyRequest key_request;
  key_request.set_tenant_id(tenant.id());
  key_request.mutable_api_key()->set_display_name("ingest");
  key_request.mutable_api_key()->add_scopes(nps::v1::SCOPE_INGEST);
  key_request.mutable_api_key()->add_scopes(nps::v1::SCOPE_CAMPAIGNS);
  nps::v1::CreateApiKeyResponse key;
  EXPECT_TRUE(tenants->CreateApiKey(Authorized(operator_token).get(), key_request, &key).ok());
  auto campaigns = nps::v1::CampaignService::NewStub(channel);
  nps::v1::CreateCampaignRequest campaign_request;
  nps::v1::Campaign* campaign = campaign_request.mutable_campaign();
  campaign->set_name("Shutdown");
  campaign->add_channels(nps::v1::WEB);
  campaign->set_default_locale("en");
  campaign->add_questions()->set_locale("en");
  campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
  nps::v1::Campaign created;
  EXPECT_TRUE(campaigns->CreateCampaign(Authorized(key.secret()).get(), campaign_request, &created).ok());
  nps::v1::CampaignTransitionRequest activate;
  activate.set_campaign_id(created.id());
  EXPECT_TRUE(campaigns->ActivateCampaign(Authorized(key.secret()).get(), activate, &created).ok());
  return {key.secret(), created.id()};
}

TEST(LifecycleTest, SigtermDrainsTheStreamAcksOnlyCommittedItemsAndExitsZero) {
  char work_dir[] = "/tmp/npsd-lifecycle-XXXXXX";
  ASSERT_NE(mkdtemp(work_dir), nullptr);
  auto process = NpsdProcess::Start(NPSD_BINARY, MigratedAppUrl(), OwnerUrl(), work_dir);
  ASSERT_TRUE(process.ok()) << process.status();
  const auto [token, campaign_id] = StartIngestion((*process)->channel(), (*process)->operator_token());
  auto responses = nps::v1::ResponseService::NewStub((*process)->channel());
  auto context = Authorized(token);
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
  nps::v1::SubmitResponseResult ack;
  while (stream->Read(&ack)) {
    if (ack.code() == 0) acked.insert(ack.response_id());
    if (acked.size() == 100 && !terminator.joinable()) {
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
}

}  // namespace
}  // namespace npsd::testing
