// campaign_service.cc — CampaignService handlers.
#include "server/campaign_service.h"

#include <utility>

#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/campaign_proto.h"
#include "server/etag.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kCreateCampaign{"/nps.v1.CampaignService/CreateCampaign", MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kGetCampaign{"/nps.v1.CampaignService/GetCampaign", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kListCampaigns{"/nps.v1.CampaignService/ListCampaigns", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kUpdateCampaign{"/nps.v1.CampaignService/UpdateCampaign", MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kActivateCampaign{"/nps.v1.CampaignService/ActivateCampaign", MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kPauseCampaign{"/nps.v1.CampaignService/PauseCampaign", MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kCloseCampaign{"/nps.v1.CampaignService/CloseCampaign", MethodPolicy::TenantScope(Scope::kCampaigns)};

}  // namespace

CampaignService::CampaignService(CallRunner& runner, storage::CampaignRepository& campaigns,
                                 std::function<absl::Time()> clock)
    : runner_(runner), campaigns_(campaigns), clock_(std::move(clock)) {}

grpc::Status CampaignService::CreateCampaign(grpc::ServerContext* context,
                                             const nps::v1::CreateCampaignRequest* request,
                                             nps::v1::Campaign* response) {
  return runner_.Run(context, kCreateCampaign, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::Campaign campaign, NewCampaignFromProto(request->campaign()));
    NPSD_RETURN_IF_ERROR(domain::ValidateCampaign(campaign));
    NPSD_ASSIGN_OR_RETURN(domain::Campaign created,
                          campaigns_.CreateCampaign(call.principal.tenant_id, campaign, call.deadline));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CampaignService::GetCampaign(grpc::ServerContext* context,
                                          const nps::v1::GetCampaignRequest* request,
                                          nps::v1::Campaign* response) {
  return runner_.Run(context, kGetCampaign, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("campaign_id", request->campaign_id()));
    NPSD_ASSIGN_OR_RETURN(domain::Campaign campaign,
                          campaigns_.GetCampaign(call.principal.tenant_id, id, call.deadline));
    *response = ToProto(campaign);
    return absl::OkStatus();
  });
}

grpc::Status CampaignService::ListCampaigns(grpc::ServerContext* context,
                                            const nps::v1::ListCampaignsRequest* request,
                                            nps::v1::ListCampaignsResponse* response) {
  return runner_.Run(context, kListCampaigns, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::CampaignFilter filter, CampaignFilterFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), filter.Key()));
    NPSD_ASSIGN_OR_RETURN(storage::Page<domain::Campaign> result,
                          campaigns_.ListCampaigns(call.principal.tenant_id, filter, page, call.deadline));
    for (const domain::Campaign& campaign : result.items) *response->add_campaigns() = ToProto(campaign);
    response->set_next_page_token(NextPageToken(result.next, filter.Key()));
    return absl::OkStatus();
  });
}

grpc::Status CampaignService::UpdateCampaign(grpc::ServerContext* context,
                                             const nps::v1::UpdateCampaignRequest* request,
                                             nps::v1::Campaign* response) {
  return runner_.Run(context, kUpdateCampaign, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("campaign.id", request->campaign().id()));
    NPSD_ASSIGN_OR_RETURN(domain::CampaignPatch patch, CampaignPatchFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(domain::Campaign campaign,
                          campaigns_.UpdateCampaign(call.principal.tenant_id, id, patch, call.deadline));
    *response = ToProto(campaign);
    return absl::OkStatus();
  });
}

grpc::Status CampaignService::Transition(grpc::ServerContext* context, const RpcMethod& method,
                                         const nps::v1::CampaignTransitionRequest& request,
                                         domain::CampaignAction action, nps::v1::Campaign* response) {
  return runner_.Run(context, method, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("campaign_id", request.campaign_id()));
    NPSD_ASSIGN_OR_RETURN(std::optional<int64_t> expected_version, ParseEtag("etag", request.etag()));
    NPSD_ASSIGN_OR_RETURN(domain::Campaign campaign,
                          campaigns_.TransitionCampaign(call.principal.tenant_id, id, action, expected_version,
                                                        clock_(), call.deadline));
    *response = ToProto(campaign);
    return absl::OkStatus();
  });
}

grpc::Status CampaignService::ActivateCampaign(grpc::ServerContext* context,
                                               const nps::v1::CampaignTransitionRequest* request,
                                               nps::v1::Campaign* response) {
  return Transition(context, kActivateCampaign, *request, domain::CampaignAction::kActivate, response);
}

grpc::Status CampaignService::PauseCampaign(grpc::ServerContext* context,
                                            const nps::v1::CampaignTransitionRequest* request,
                                            nps::v1::Campaign* response) {
  return Transition(context, kPauseCampaign, *request, domain::CampaignAction::kPause, response);
}

grpc::Status CampaignService::CloseCampaign(grpc::ServerContext* context,
                                            const nps::v1::CampaignTransitionRequest* request,
                                            nps::v1::Campaign* response) {
  return Transition(context, kCloseCampaign, *request, domain::CampaignAction::kClose, response);
}

}  // namespace npsd::server
