// campaign_service.h — the nps.v1.CampaignService gRPC service.
#ifndef NPSD_SERVER_CAMPAIGN_SERVICE_H_
#define NPSD_SERVER_CAMPAIGN_SERVICE_H_

#include <functional>

#include "nps/v1/campaign_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/campaign_repository.h"

namespace npsd::server {

// CampaignService implements nps.v1.CampaignService for the caller's tenant.
class CampaignService final : public nps::v1::CampaignService::Service {
 public:
  // CampaignService uses the given runner and repository, which must outlive it.
  CampaignService(CallRunner& runner, storage::CampaignRepository& campaigns,
                  std::function<absl::Time()> clock = absl::Now);

  grpc::Status CreateCampaign(grpc::ServerContext* context, const nps::v1::CreateCampaignRequest* request,
                              nps::v1::Campaign* response) override;
  grpc::Status GetCampaign(grpc::ServerContext* context, const nps::v1::GetCampaignRequest* request,
                           nps::v1::Campaign* response) override;
  grpc::Status ListCampaigns(grpc::ServerContext* context, const nps::v1::ListCampaignsRequest* request,
                             nps::v1::ListCampaignsResponse* response) override;
  grpc::Status UpdateCampaign(grpc::ServerContext* context, const nps::v1::UpdateCampaignRequest* request,
                              nps::v1::Campaign* response) override;
  grpc::Status ActivateCampaign(grpc::ServerContext* context, const nps::v1::CampaignTransitionRequest* request,
                                nps::v1::Campaign* response) override;
  grpc::Status PauseCampaign(grpc::ServerContext* context, const nps::v1::CampaignTransitionRequest* request,
                             nps::v1::Campaign* response) override;
  grpc::Status CloseCampaign(grpc::ServerContext* context, const nps::v1::CampaignTransitionRequest* request,
                             nps::v1::Campaign* response) override;

 private:
  grpc::Status Transition(grpc::ServerContext* context, const RpcMethod& method,
                          const nps::v1::CampaignTransitionRequest& request, domain::CampaignAction action,
                          nps::v1::Campaign* response);

  CallRunner& runner_;
  storage::CampaignRepository& campaigns_;
  std::function<absl::Time()> clock_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_CAMPAIGN_SERVICE_H_
