// campaign_proto.h — conversions between nps.v1 campaign messages and the domain.
#ifndef NPSD_SERVER_CAMPAIGN_PROTO_H_
#define NPSD_SERVER_CAMPAIGN_PROTO_H_

#include <optional>

#include "absl/status/statusor.h"
#include "domain/campaign.h"
#include "nps/v1/campaign_service.pb.h"
#include "storage/campaign_repository.h"

namespace npsd::server {

// ToProto renders a campaign; the etag is its version.
nps::v1::Campaign ToProto(const domain::Campaign& campaign);

// ChannelFromProto maps a wire channel; nullopt for unspecified or unknown values.
std::optional<domain::Channel> ChannelFromProto(int channel);

// ChannelToProto maps a domain channel to the wire.
nps::v1::Channel ChannelToProto(domain::Channel channel);

// NewCampaignFromProto reads the campaign of a CreateCampaignRequest (INVALID_ARGUMENT
// for unknown channels, malformed timestamps or ids); values are validated by the domain.
absl::StatusOr<domain::Campaign> NewCampaignFromProto(const nps::v1::Campaign& proto);

// CampaignPatchFromProto reads an UpdateCampaignRequest's mask, values and etag.
absl::StatusOr<domain::CampaignPatch> CampaignPatchFromProto(const nps::v1::UpdateCampaignRequest& request);

// CampaignFilterFromProto reads the filters of a ListCampaignsRequest.
absl::StatusOr<storage::CampaignFilter> CampaignFilterFromProto(const nps::v1::ListCampaignsRequest& request);

}  // namespace npsd::server

#endif  // NPSD_SERVER_CAMPAIGN_PROTO_H_
