// ingest_workloads.cc — ingestion load scenarios over the public API.
#include "bench/ingest_workloads.h"

#include <atomic>
#include <thread>
#include <vector>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "nps/v1/tenant_service.grpc.pb.h"

namespace npsd::bench {
namespace {

std::atomic<int64_t> next_key{0};

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

// Input makes a realistic post-call response with a unique idempotency key.
nps::v1::ResponseInput Input(const IngestTarget& target) {
  const int64_t n = next_key.fetch_add(1);
  nps::v1::ResponseInput input;
  input.set_campaign_id(target.campaign_id);
  input.set_score(static_cast<int32_t>(n % 11));
  input.set_channel(nps::v1::VOICE_POST_CALL);
  input.set_idempotency_key(absl::StrCat("bench-", n));
  nps::v1::ContactCenterContext* context = input.mutable_contact_center();
  context->set_interaction_id(absl::StrCat("interaction-", n));
  context->set_agent_id(absl::StrCat("agent-", n % 50));
  context->set_queue(n % 2 ? "billing" : "support");
  context->set_wait_seconds(static_cast<int32_t>(n % 300));
  context->set_handle_seconds(static_cast<int32_t>(n % 900));
  if (n % 5 == 0) input.set_comment("Agent très aimable, problème résolu rapidement.");
  if (n % 3 == 0) input.mutable_subject()->set_external_id(absl::StrCat("customer-", n % 20000));
  return input;
}

absl::StatusOr<std::string> CreateCampaign(const std::shared_ptr<grpc::Channel>& channel, const std::string& token) {
  auto campaigns = nps::v1::CampaignService::NewStub(channel);
  nps::v1::CreateCampaignRequest request;
  nps::v1::Campaign* campaign = request.mutable_campaign();
  campaign->set_name("Benchmark post-call survey");
  campaign->add_channels(nps::v1::VOICE_POST_CALL);
  campaign->set_default_locale("en");
  campaign->add_questions()->set_locale("en");
  campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
  nps::v1::Campaign created;
  grpc::Status status = campaigns->CreateCampaign(Context(token).get(), request, &created);
  if (!status.ok()) return absl::InternalError(status.error_message());
  nps::v1::CampaignTransitionRequest activate;
  activate.set_campaign_id(created.id());
  status = campaigns->ActivateCampaign(Context(token).get(), activate, &created);
  if (!status.ok()) return absl::InternalError(status.error_message());
  return created.id();
}

}  // namespace

absl::StatusOr<IngestTarget> PrepareTarget(std::shared_ptr<grpc::Channel> channel,
                                           const std::string& operator_token) {
  auto tenants = nps::v1::TenantService::NewStub(channel);
  nps::v1::CreateTenantRequest create;
  create.mutable_tenant()->set_display_name("Benchmark tenant");
  nps::v1::Tenant tenant;
  grpc::Status status = tenants->CreateTenant(Context(operator_token).get(), create, &tenant);
  if (!status.ok()) return absl::InternalError(status.error_message());
  nps::v1::CreateApiKeyRequest key_request;
  key_request.set_tenant_id(tenant.id());
  key_request.mutable_api_key()->set_display_name("bench");
  for (auto scope : {nps::v1::SCOPE_INGEST, nps::v1::SCOPE_READ, nps::v1::SCOPE_CAMPAIGNS}) {
    key_request.mutable_api_key()->add_scopes(scope);
  }
  nps::v1::CreateApiKeyResponse key;
  status = tenants->CreateApiKey(Context(operator_token).get(), key_request, &key);
  if (!status.ok()) return absl::InternalError(status.error_message());
  absl::StatusOr<std::string> campaign = CreateCampaign(channel, key.secret());
  if (!campaign.ok()) return campaign.status();
  return IngestTarget{channel, key.secret(), *campaign};
}

double MeasureStreamIngest(const IngestTarget& target, int streams, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  std::atomic<int64_t> acked{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> clients;
  for (int s = 0; s < streams; ++s) {
    clients.emplace_back([&] {
      auto context = Context(target.token);
      auto stream = stub->StreamResponses(context.get());
      std::thread sender([&] {
        for (int64_t sequence = 0; absl::Now() - start < duration; ++sequence) {
          nps::v1::StreamResponsesRequest request;
          request.set_sequence(sequence);
          *request.mutable_response() = Input(target);
          if (!stream->Write(request)) break;
        }
        stream->WritesDone();
      });
      nps::v1::SubmitResponseResult ack;
      while (stream->Read(&ack)) {
        if (ack.code() == 0) acked.fetch_add(1);
      }
      sender.join();
      stream->Finish();
    });
  }
  for (std::thread& client : clients) client.join();
  return static_cast<double>(acked.load()) / absl::ToDoubleSeconds(absl::Now() - start);
}

double MeasureBatchIngest(const IngestTarget& target, int callers, int batch_size, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  std::atomic<int64_t> stored{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> clients;
  for (int c = 0; c < callers; ++c) {
    clients.emplace_back([&] {
      while (absl::Now() - start < duration) {
        nps::v1::SubmitResponsesRequest request;
        for (int i = 0; i < batch_size; ++i) *request.add_responses() = Input(target);
        nps::v1::SubmitResponsesResponse response;
        if (!stub->SubmitResponses(Context(target.token).get(), request, &response).ok()) continue;
        for (const auto& result : response.results()) {
          if (result.code() == 0) stored.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  return static_cast<double>(stored.load()) / absl::ToDoubleSeconds(absl::Now() - start);
}

namespace {

std::function<void(Done)> UnaryIssuer(const IngestTarget& target, nps::v1::ResponseService::Stub* stub) {
  return [&target, stub](Done done) {
    auto context = std::shared_ptr<grpc::ClientContext>(Context(target.token));
    auto request = std::make_shared<nps::v1::SubmitResponseRequest>();
    *request->mutable_response() = Input(target);
    auto response = std::make_shared<nps::v1::SubmitResponseResult>();
    stub->async()->SubmitResponse(context.get(), request.get(), response.get(),
                                  [context, request, response, done](grpc::Status status) { done(status.ok()); });
  };
}

}  // namespace

LoadResult MeasureUnaryClosedLoop(const IngestTarget& target, int in_flight, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  return ClosedLoop(in_flight, duration, UnaryIssuer(target, stub.get()));
}

LoadResult MeasureUnaryOpenLoop(const IngestTarget& target, double rate, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  return OpenLoop(rate, duration, 2000, UnaryIssuer(target, stub.get()));
}

}  // namespace npsd::bench
