// fuzz_campaign.cc — libFuzzer target: campaign creation, updates and list filters.
//
// The input is parsed as an nps.v1.Campaign, an UpdateCampaignRequest and a
// ListCampaignsRequest; each is converted and validated as CampaignService does, and a
// patch is applied to a campaign that passed validation.
#include <cstddef>
#include <cstdint>

#include "domain/campaign.h"
#include "nps/v1/campaign_service.pb.h"
#include "server/campaign_proto.h"

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int length = static_cast<int>(size);
  nps::v1::Campaign proto;
  absl::StatusOr<npsd::domain::Campaign> campaign = absl::InvalidArgumentError("not parsed");
  if (proto.ParseFromArray(data, length)) {
    campaign = npsd::server::NewCampaignFromProto(proto);
    if (campaign.ok() && !npsd::domain::ValidateCampaign(*campaign).ok()) campaign = absl::InvalidArgumentError("");
  }
  nps::v1::UpdateCampaignRequest update;
  if (update.ParseFromArray(data, length)) {
    absl::StatusOr<npsd::domain::CampaignPatch> patch = npsd::server::CampaignPatchFromProto(update);
    if (patch.ok() && campaign.ok()) (void)npsd::domain::ApplyCampaignPatch(*patch, *campaign);
  }
  nps::v1::ListCampaignsRequest list;
  if (list.ParseFromArray(data, length)) (void)npsd::server::CampaignFilterFromProto(list);
  return 0;
}
