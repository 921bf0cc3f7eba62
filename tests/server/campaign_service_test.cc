// campaign_service_test.cc — CampaignService end to end: real gRPC, real PostgreSQL.
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "nps/v1/campaign_service.grpc.pb.h"
#include "tests/server/server_fixture.h"

namespace npsd::testing {
namespace {

using nps::v1::Campaign;
using nps::v1::Scope;

constexpr char kMissingId[] = "00000000-0000-4000-8000-000000000000";

class CampaignServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    stub_ = nps::v1::CampaignService::NewStub(channel_);
    tenant_ = CreateTenant("Campaigns");
    writer_ = CreateKey(tenant_, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
    reader_ = CreateKey(tenant_, {Scope::SCOPE_READ});
  }

  static Campaign ValidCampaign(const std::string& name) {
    Campaign campaign;
    campaign.set_name(name);
    campaign.add_channels(nps::v1::VOICE_POST_CALL);
    campaign.set_default_locale("en-US");
    auto* question = campaign.add_questions();
    question->set_locale("en-US");
    question->set_nps_question("How likely are you to recommend us to a friend or colleague?");
    (*campaign.mutable_labels())["team"] = "care";
    return campaign;
  }

  grpc::Status Create(const std::string& token, const Campaign& campaign, Campaign* created) {
    nps::v1::CreateCampaignRequest request;
    *request.mutable_campaign() = campaign;
    return stub_->CreateCampaign(Context(token).get(), request, created);
  }

  grpc::Status Transition(const std::string& token, const std::string& id, const std::string& verb,
                          Campaign* result) {
    nps::v1::CampaignTransitionRequest request;
    request.set_campaign_id(id);
    if (verb == "activate") return stub_->ActivateCampaign(Context(token).get(), request, result);
    if (verb == "pause") return stub_->PauseCampaign(Context(token).get(), request, result);
    return stub_->CloseCampaign(Context(token).get(), request, result);
  }

  std::unique_ptr<nps::v1::CampaignService::Stub> stub_;
  std::string tenant_;
  std::string writer_;
  std::string reader_;
};

TEST_F(CampaignServiceTest, LifecycleOverTheWire) {
  Campaign campaign;
  ASSERT_TRUE(Create(writer_, ValidCampaign("Lifecycle"), &campaign).ok());
  EXPECT_EQ(campaign.state(), Campaign::DRAFT);
  EXPECT_DOUBLE_EQ(campaign.sampling_percent(), 100.0);
  Campaign result;
  EXPECT_EQ(Transition(writer_, campaign.id(), "pause", &result).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Transition(writer_, campaign.id(), "activate", &result).ok());
  EXPECT_EQ(result.state(), Campaign::ACTIVE);
  ASSERT_TRUE(Transition(writer_, campaign.id(), "pause", &result).ok());
  ASSERT_TRUE(Transition(writer_, campaign.id(), "activate", &result).ok());
  ASSERT_TRUE(Transition(writer_, campaign.id(), "close", &result).ok());
  EXPECT_EQ(result.state(), Campaign::CLOSED);
  EXPECT_TRUE(result.has_close_time());
  EXPECT_EQ(Transition(writer_, campaign.id(), "activate", &result).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(CampaignServiceTest, StructuralFieldsFreezeOnceActiveAndNewVersionLinks) {
  Campaign campaign;
  ASSERT_TRUE(Create(writer_, ValidCampaign("Frozen"), &campaign).ok());
  Campaign result;
  ASSERT_TRUE(Transition(writer_, campaign.id(), "activate", &result).ok());
  nps::v1::UpdateCampaignRequest update;
  *update.mutable_campaign() = result;
  update.mutable_campaign()->add_channels(nps::v1::EMAIL);
  update.mutable_update_mask()->add_paths("channels");
  EXPECT_EQ(stub_->UpdateCampaign(Context(writer_).get(), update, &result).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  Campaign next = ValidCampaign("Frozen v2");
  next.add_channels(nps::v1::EMAIL);
  next.set_previous_campaign_id(campaign.id());
  Campaign created;
  ASSERT_TRUE(Create(writer_, next, &created).ok());
  EXPECT_EQ(created.campaign_version(), 2);
  EXPECT_EQ(created.previous_campaign_id(), campaign.id());
}

TEST_F(CampaignServiceTest, StaleEtagIsAborted) {
  Campaign campaign;
  ASSERT_TRUE(Create(writer_, ValidCampaign("Etag"), &campaign).ok());
  nps::v1::UpdateCampaignRequest update;
  *update.mutable_campaign() = campaign;
  update.mutable_campaign()->set_name("First writer");
  update.mutable_update_mask()->add_paths("name");
  Campaign result;
  ASSERT_TRUE(stub_->UpdateCampaign(Context(writer_).get(), update, &result).ok());
  update.mutable_campaign()->set_name("Second writer with the old etag");
  EXPECT_EQ(stub_->UpdateCampaign(Context(writer_).get(), update, &result).error_code(), grpc::StatusCode::ABORTED);
  nps::v1::GetCampaignRequest get;
  get.set_campaign_id(campaign.id());
  ASSERT_TRUE(stub_->GetCampaign(Context(reader_).get(), get, &result).ok());
  EXPECT_EQ(result.name(), "First writer");
}

TEST_F(CampaignServiceTest, InvalidCampaignNamesEveryField) {
  Campaign campaign = ValidCampaign("");
  campaign.set_default_locale("de-DE");
  campaign.add_channels(nps::v1::Channel(42));
  Campaign created;
  const grpc::Status status = Create(writer_, campaign, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("campaign.channels[1]"), std::string::npos);
  // Unknown catalogue codes name the field.
  campaign = ValidCampaign("Unknown region");
  campaign.mutable_default_scope()->set_region_code("NOWHERE");
  const grpc::Status unknown = Create(writer_, campaign, &created);
  ASSERT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(unknown.error_message().find("campaign.default_scope.region_code"), std::string::npos);
}

TEST_F(CampaignServiceTest, ScopesAreEnforced) {
  Campaign created;
  EXPECT_EQ(Create(reader_, ValidCampaign("Reader cannot write"), &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(kOperatorToken, ValidCampaign("Operator cannot write"), &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string ingest_only = CreateKey(tenant_, {Scope::SCOPE_INGEST});
  nps::v1::ListCampaignsRequest list;
  nps::v1::ListCampaignsResponse listed;
  EXPECT_EQ(stub_->ListCampaigns(Context(ingest_only).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(stub_->ListCampaigns(Context(reader_).get(), list, &listed).ok());
}

TEST_F(CampaignServiceTest, OtherTenantsCampaignsAreIndistinguishableFromMissingOnes) {
  Campaign campaign;
  ASSERT_TRUE(Create(writer_, ValidCampaign("Private"), &campaign).ok());
  const std::string other_tenant = CreateTenant("Other");
  const std::string other = CreateKey(other_tenant, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  for (const std::string& id : {campaign.id(), std::string(kMissingId)}) {
    nps::v1::GetCampaignRequest get;
    get.set_campaign_id(id);
    Campaign result;
    EXPECT_EQ(stub_->GetCampaign(Context(other).get(), get, &result).error_code(), grpc::StatusCode::NOT_FOUND);
    nps::v1::UpdateCampaignRequest update;
    update.mutable_campaign()->set_id(id);
    update.mutable_campaign()->set_name("hijacked");
    update.mutable_update_mask()->add_paths("name");
    EXPECT_EQ(stub_->UpdateCampaign(Context(other).get(), update, &result).error_code(), grpc::StatusCode::NOT_FOUND);
    for (const char* verb : {"activate", "pause", "close"}) {
      EXPECT_EQ(Transition(other, id, verb, &result).error_code(), grpc::StatusCode::NOT_FOUND) << verb;
    }
  }
  nps::v1::ListCampaignsRequest list;
  nps::v1::ListCampaignsResponse listed;
  ASSERT_TRUE(stub_->ListCampaigns(Context(other).get(), list, &listed).ok());
  EXPECT_EQ(listed.campaigns_size(), 0);
  Campaign linked = ValidCampaign("Linking a foreign campaign");
  linked.set_previous_campaign_id(campaign.id());
  Campaign created;
  EXPECT_EQ(Create(other, linked, &created).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CampaignServiceTest, PaginationIsStableUnderConcurrentInserts) {
  std::set<std::string> before;
  for (int i = 0; i < 12; ++i) {
    Campaign created;
    ASSERT_TRUE(Create(writer_, ValidCampaign("Page " + std::to_string(i)), &created).ok());
    before.insert(created.id());
  }
  std::atomic<bool> stop{false};
  std::thread inserter([&] {
    for (int i = 0; i < 20 && !stop; ++i) {
      Campaign created;
      Create(writer_, ValidCampaign("Concurrent " + std::to_string(i)), &created);
    }
  });
  std::vector<std::string> seen;
  std::string token;
  do {
    nps::v1::ListCampaignsRequest request;
    request.set_page_size(3);
    request.set_page_token(token);
    request.set_label("team=care");
    nps::v1::ListCampaignsResponse response;
    ASSERT_TRUE(stub_->ListCampaigns(Context(reader_).get(), request, &response).ok());
    for (const auto& campaign : response.campaigns()) seen.push_back(campaign.id());
    token = response.next_page_token();
  } while (!token.empty());
  stop = true;
  inserter.join();
  const std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a campaign was listed twice";
  for (const std::string& id : before) EXPECT_EQ(unique.count(id), 1u) << "a campaign was skipped";
}

TEST_F(CampaignServiceTest, ListFiltersByStateChannelLabelAndName) {
  Campaign email = ValidCampaign("Email NPS relationship");
  email.clear_channels();
  email.add_channels(nps::v1::EMAIL);
  (*email.mutable_labels())["kind"] = "relationship";
  Campaign created;
  ASSERT_TRUE(Create(writer_, email, &created).ok());
  nps::v1::ListCampaignsRequest request;
  request.set_channel(nps::v1::EMAIL);
  request.set_label("kind");
  request.set_name_contains("relationSHIP");
  request.set_state(Campaign::DRAFT);
  nps::v1::ListCampaignsResponse response;
  ASSERT_TRUE(stub_->ListCampaigns(Context(reader_).get(), request, &response).ok());
  ASSERT_EQ(response.campaigns_size(), 1);
  EXPECT_EQ(response.campaigns(0).id(), created.id());
  request.set_name_contains("100%_literal");
  ASSERT_TRUE(stub_->ListCampaigns(Context(reader_).get(), request, &response).ok());
  EXPECT_EQ(response.campaigns_size(), 0);
}

}  // namespace
}  // namespace npsd::testing
