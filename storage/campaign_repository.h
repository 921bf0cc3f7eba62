// campaign_repository.h — persistence of survey campaigns.
#ifndef NPSD_STORAGE_CAMPAIGN_REPOSITORY_H_
#define NPSD_STORAGE_CAMPAIGN_REPOSITORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/campaign.h"
#include "storage/page.h"

namespace npsd::storage {

// CampaignFilter narrows a campaign list; unset members match everything.
struct CampaignFilter {
  std::optional<domain::CampaignState> state;
  std::optional<domain::Channel> channel;
  std::string label_key;                   // empty: any labels
  std::optional<std::string> label_value;  // with label_key: this exact value
  std::string name_contains;               // case-insensitive substring

  // Key is a canonical text of the filter, bound into page tokens.
  std::string Key() const {
    return absl::StrCat("campaigns|", state ? domain::CampaignStateName(*state) : "", "|",
                        channel ? domain::ChannelName(*channel) : "", "|", label_key, "|",
                        label_value ? "=" + *label_value : "", "|", name_contains);
  }
};

// CampaignRepository stores the campaigns of tenants. Every method acts within the
// tenant `tenant_id` only; other tenants' campaigns are NOT_FOUND.
class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;

  // CreateCampaign stores a validated campaign in DRAFT. Its default-scope codes must
  // exist and not be archived (INVALID_ARGUMENT naming the field); a previous campaign
  // must exist (INVALID_ARGUMENT) and sets campaign_version to its own plus one.
  virtual absl::StatusOr<domain::Campaign> CreateCampaign(const std::string& tenant_id,
                                                          const domain::Campaign& campaign,
                                                          absl::Time deadline) = 0;

  // GetCampaign returns the campaign, or NOT_FOUND.
  virtual absl::StatusOr<domain::Campaign> GetCampaign(const std::string& tenant_id,
                                                       const std::string& campaign_id,
                                                       absl::Time deadline) = 0;

  // ListCampaigns pages through matching campaigns by creation time.
  virtual absl::StatusOr<Page<domain::Campaign>> ListCampaigns(const std::string& tenant_id,
                                                               const CampaignFilter& filter,
                                                               const PageRequest& page,
                                                               absl::Time deadline) = 0;

  // UpdateCampaign applies `patch` atomically (domain::ApplyCampaignPatch); changed
  // default-scope codes are checked like on create.
  virtual absl::StatusOr<domain::Campaign> UpdateCampaign(const std::string& tenant_id,
                                                          const std::string& campaign_id,
                                                          const domain::CampaignPatch& patch,
                                                          absl::Time deadline) = 0;

  // TransitionCampaign applies a lifecycle action at `now` (domain::NextState); a stale
  // `expected_version` is ABORTED. Closing records the close time.
  virtual absl::StatusOr<domain::Campaign> TransitionCampaign(
      const std::string& tenant_id, const std::string& campaign_id, domain::CampaignAction action,
      std::optional<int64_t> expected_version, absl::Time now, absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_CAMPAIGN_REPOSITORY_H_
