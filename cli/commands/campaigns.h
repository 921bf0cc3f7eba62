// campaigns.h — npsctl's CampaignService calls.
//
//   absl::StatusOr<nps::v1::Campaign> campaign = CreateCampaign(connection, base, spec);
//   campaign = TransitionCampaign(connection, campaign->id(), Transition::kActivate, "");
//
// Needs a tenant key: `campaigns` scope to write, `read` to read.
#ifndef NPSD_CLI_COMMANDS_CAMPAIGNS_H_
#define NPSD_CLI_COMMANDS_CAMPAIGNS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/commands/campaign_spec.h"
#include "cli/output/table.h"
#include "nps/v1/campaign_service.pb.h"

namespace npsd::cli {

// Transition is a lifecycle verb.
enum class Transition { kActivate, kPause, kClose };

// CampaignFilter selects campaigns to list; empty fields do not filter.
struct CampaignFilter {
  std::string state;    // draft | active | paused | closed
  std::string channel;  // a channel label
  std::string label;    // "key" or "key=value"
  std::string name_contains;
  int limit = 100;      // 0: all
};

// CreateCampaign creates a DRAFT campaign from `base` (e.g. a file) with `spec` applied.
absl::StatusOr<nps::v1::Campaign> CreateCampaign(const Connection& connection, nps::v1::Campaign base,
                                                 const CampaignSpec& spec);

// GetCampaign reads one campaign.
absl::StatusOr<nps::v1::Campaign> GetCampaign(const Connection& connection, const std::string& id);

// ListCampaigns reads campaigns, oldest first.
absl::StatusOr<std::vector<nps::v1::Campaign>> ListCampaigns(const Connection& connection,
                                                             const CampaignFilter& filter);

// UpdateCampaign reads the campaign, applies `spec` and writes back the fields it names.
// The write carries `etag` when given, else the etag just read, so a concurrent change
// is ABORTED rather than overwritten.
absl::StatusOr<nps::v1::Campaign> UpdateCampaign(const Connection& connection, const std::string& id,
                                                 const CampaignSpec& spec, const std::string& etag);

// TransitionCampaign activates, pauses or closes a campaign.
absl::StatusOr<nps::v1::Campaign> TransitionCampaign(const Connection& connection, const std::string& id,
                                                     Transition transition, const std::string& etag);

// CampaignTable shows campaigns, one per row.
Table CampaignTable(const std::vector<nps::v1::Campaign>& campaigns);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_CAMPAIGNS_H_
