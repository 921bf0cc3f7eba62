// ingestion_setup.cc — tenant, key and campaign creation over gRPC.
#include "tests/support/ingestion_setup.h"

#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/tenant_service.grpc.pb.h"

namespace npsd::testing {
namespace {

absl::Status Check(const grpc::Status& status, const char* step) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      std::string(step) + ": " + status.error_message());
}

}  // namespace

std::unique_ptr<grpc::ClientContext> BearerContext(const std::string& token, std::chrono::milliseconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

absl::StatusOr<IngestionTenant> CreateIngestionTenant(const std::shared_ptr<grpc::Channel>& channel,
                                                      const std::string& operator_token) {
  auto tenants = nps::v1::TenantService::NewStub(channel);
  nps::v1::CreateTenantRequest create;
  create.mutable_tenant()->set_display_name("Ingestion");
  nps::v1::Tenant tenant;
  absl::Status status = Check(tenants->CreateTenant(BearerContext(operator_token).get(), create, &tenant), "tenant");
  if (!status.ok()) return status;
  nps::v1::CreateApiKeyRequest key_request;
  key_request.set_tenant_id(tenant.id());
  key_request.mutable_api_key()->set_display_name("ingestion");
  for (auto scope : {nps::v1::SCOPE_INGEST, nps::v1::SCOPE_READ, nps::v1::SCOPE_CAMPAIGNS}) {
    key_request.mutable_api_key()->add_scopes(scope);
  }
  nps::v1::CreateApiKeyResponse key;
  status = Check(tenants->CreateApiKey(BearerContext(operator_token).get(), key_request, &key), "key");
  if (!status.ok()) return status;
  auto campaigns = nps::v1::CampaignService::NewStub(channel);
  nps::v1::CreateCampaignRequest campaign_request;
  nps::v1::Campaign* campaign = campaign_request.mutable_campaign();
  campaign->set_name("Ingestion");
  campaign->add_channels(nps::v1::WEB);
  campaign->add_channels(nps::v1::VOICE_POST_CALL);
  campaign->set_default_locale("en");
  campaign->add_questions()->set_locale("en");
  campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
  nps::v1::Campaign created;
  status = Check(campaigns->CreateCampaign(BearerContext(key.secret()).get(), campaign_request, &created), "campaign");
  if (!status.ok()) return status;
  nps::v1::CampaignTransitionRequest activate;
  activate.set_campaign_id(created.id());
  status = Check(campaigns->ActivateCampaign(BearerContext(key.secret()).get(), activate, &created), "activate");
  if (!status.ok()) return status;
  return IngestionTenant{tenant.id(), key.secret(), created.id()};
}

}  // namespace npsd::testing
