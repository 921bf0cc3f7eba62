// campaigns.cc — campaign calls and their table.
#include "cli/commands/campaigns.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/campaign_service.grpc.pb.h"

namespace npsd::cli {
namespace {

absl::Status ApplyFilter(const CampaignFilter& filter, nps::v1::ListCampaignsRequest& request) {
  if (!filter.state.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Campaign::State state,
                          ParseEnumLabel<nps::v1::Campaign::State>(filter.state, "", nps::v1::Campaign_State_Parse,
                                                                   "--state"));
    request.set_state(state);
  }
  if (!filter.channel.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Channel channel,
                          ParseEnumLabel<nps::v1::Channel>(filter.channel, "", nps::v1::Channel_Parse, "--channel"));
    request.set_channel(channel);
  }
  request.set_label(filter.label);
  request.set_name_contains(filter.name_contains);
  return absl::OkStatus();
}

std::string ScopeText(const nps::v1::OrgScope& scope) {
  std::vector<std::string> parts;
  for (const std::string& code : {scope.region_code(), scope.brand_code(), scope.business_unit_code()}) {
    if (!code.empty()) parts.push_back(code);
  }
  return absl::StrJoin(parts, " ");
}

}  // namespace

absl::StatusOr<nps::v1::Campaign> CreateCampaign(const Connection& connection, nps::v1::Campaign base,
                                                 const CampaignSpec& spec) {
  nps::v1::CreateCampaignRequest request;
  *request.mutable_campaign() = std::move(base);
  NPSD_RETURN_IF_ERROR(ApplyCampaignSpec(spec, *request.mutable_campaign()).status());
  nps::v1::Campaign campaign;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::CampaignService::NewStub(connection.channel())
                                          ->CreateCampaign(connection.NewContext().get(), request, &campaign)));
  return campaign;
}

absl::StatusOr<nps::v1::Campaign> GetCampaign(const Connection& connection, const std::string& id) {
  nps::v1::GetCampaignRequest request;
  request.set_campaign_id(id);
  nps::v1::Campaign campaign;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::CampaignService::NewStub(connection.channel())
                                          ->GetCampaign(connection.NewContext().get(), request, &campaign)));
  return campaign;
}

absl::StatusOr<std::vector<nps::v1::Campaign>> ListCampaigns(const Connection& connection,
                                                             const CampaignFilter& filter) {
  nps::v1::ListCampaignsRequest request;
  NPSD_RETURN_IF_ERROR(ApplyFilter(filter, request));
  auto stub = nps::v1::CampaignService::NewStub(connection.channel());
  return CollectPages<nps::v1::Campaign>(
      filter.limit, [&](int size, const std::string& token) -> absl::StatusOr<Page<nps::v1::Campaign>> {
        request.set_page_size(size);
        request.set_page_token(token);
        nps::v1::ListCampaignsResponse response;
        NPSD_RETURN_IF_ERROR(FromGrpcStatus(stub->ListCampaigns(connection.NewContext().get(), request, &response)));
        return Page<nps::v1::Campaign>{{response.campaigns().begin(), response.campaigns().end()},
                                       response.next_page_token()};
      });
}

absl::StatusOr<nps::v1::Campaign> UpdateCampaign(const Connection& connection, const std::string& id,
                                                 const CampaignSpec& spec, const std::string& etag) {
  nps::v1::UpdateCampaignRequest request;
  NPSD_ASSIGN_OR_RETURN(*request.mutable_campaign(), GetCampaign(connection, id));
  NPSD_ASSIGN_OR_RETURN(std::vector<std::string> paths, ApplyCampaignSpec(spec, *request.mutable_campaign()));
  if (paths.empty()) return absl::InvalidArgumentError("give at least one field to change");
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  if (!etag.empty()) request.mutable_campaign()->set_etag(etag);
  nps::v1::Campaign campaign;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::CampaignService::NewStub(connection.channel())
                                          ->UpdateCampaign(connection.NewContext().get(), request, &campaign)));
  return campaign;
}

absl::StatusOr<nps::v1::Campaign> TransitionCampaign(const Connection& connection, const std::string& id,
                                                     Transition transition, const std::string& etag) {
  nps::v1::CampaignTransitionRequest request;
  request.set_campaign_id(id);
  request.set_etag(etag);
  auto stub = nps::v1::CampaignService::NewStub(connection.channel());
  nps::v1::Campaign campaign;
  std::unique_ptr<grpc::ClientContext> context = connection.NewContext();
  grpc::Status status;
  switch (transition) {
    case Transition::kActivate:
      status = stub->ActivateCampaign(context.get(), request, &campaign);
      break;
    case Transition::kPause:
      status = stub->PauseCampaign(context.get(), request, &campaign);
      break;
    case Transition::kClose:
      status = stub->CloseCampaign(context.get(), request, &campaign);
      break;
  }
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(status));
  return campaign;
}

Table CampaignTable(const std::vector<nps::v1::Campaign>& campaigns) {
  Table table({"id", "name", "state", "version", "channels", "locales", "touchpoint", "default_scope", "start_time",
               "end_time", "etag"});
  for (const nps::v1::Campaign& campaign : campaigns) {
    std::vector<std::string> channels, locales;
    for (int channel : campaign.channels()) channels.push_back(EnumLabel(nps::v1::Channel_Name(channel), ""));
    for (const nps::v1::LocalizedQuestion& question : campaign.questions()) locales.push_back(question.locale());
    table.AddRow({campaign.id(), campaign.name(), EnumLabel(nps::v1::Campaign_State_Name(campaign.state()), ""),
                  absl::StrCat(campaign.campaign_version()), absl::StrJoin(channels, " "), absl::StrJoin(locales, " "),
                  campaign.touchpoint(), ScopeText(campaign.default_scope()), FormatTimestamp(campaign.start_time()),
                  FormatTimestamp(campaign.end_time()), campaign.etag()});
  }
  return table;
}

}  // namespace npsd::cli
