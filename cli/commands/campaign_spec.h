// campaign_spec.h — a campaign described by flags and/or a file, turned into nps.v1.Campaign.
//
//   npsctl campaigns create --name "Support calls" --channel voice_post_call --channel chat
//       --question "fr-FR=Recommanderiez-vous notre service ?" --question "en-GB=Would you ..."
//       --follow-up "fr-FR=Pourquoi ?" --region FR --fatigue-days 90
//   npsctl campaigns create --file support.json --name "Support calls 2026"
//
// A file holds one nps.v1.Campaign: proto3 JSON when its name ends in .json (field names
// as in the proto, e.g. {"name": "...", "channels": ["EMAIL"], "questions": [{"locale":
// "fr-FR", "npsQuestion": "..."}]}), protobuf text format otherwise. Flags given on the
// command line override the file's fields.
#ifndef NPSD_CLI_COMMANDS_CAMPAIGN_SPEC_H_
#define NPSD_CLI_COMMANDS_CAMPAIGN_SPEC_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nps/v1/campaign_service.pb.h"

namespace npsd::cli {

// CampaignSpec is what the user gave; nullopt and empty lists leave a field as it is.
struct CampaignSpec {
  std::optional<std::string> name;
  std::optional<std::string> touchpoint;
  std::vector<std::string> channels;   // labels: email, sms, web, in_app, voice_post_call, chat
  std::vector<std::string> questions;  // "LOCALE=question"; replaces every question
  std::vector<std::string> follow_ups;  // "LOCALE=follow-up question"
  std::optional<std::string> default_locale;
  std::vector<std::string> labels;     // "key=value" or "key"; replaces every label
  std::optional<std::string> region_code;
  std::optional<std::string> brand_code;
  std::optional<std::string> business_unit_code;
  std::optional<std::string> start_time;  // RFC 3339
  std::optional<std::string> end_time;    // RFC 3339
  std::optional<int> late_window_days;
  std::optional<int> fatigue_days;
  std::optional<double> sampling_percent;
  std::optional<std::string> previous_campaign_id;  // create only
};

// LoadCampaignFile reads a campaign from a JSON or text-format file.
absl::StatusOr<nps::v1::Campaign> LoadCampaignFile(const std::string& path);

// ApplyCampaignSpec writes the fields given in `spec` into `campaign` and returns their
// update_mask paths. The default locale follows the first question when none is set.
absl::StatusOr<std::vector<std::string>> ApplyCampaignSpec(const CampaignSpec& spec, nps::v1::Campaign& campaign);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_CAMPAIGN_SPEC_H_
