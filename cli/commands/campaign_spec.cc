// campaign_spec.cc — campaign files and flags.
#include "cli/commands/campaign_spec.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace npsd::cli {
namespace {

using Paths = std::vector<std::string>;

// SplitAssignment splits "key=value" at the first '='; `require_value` refuses a bare key.
absl::StatusOr<std::pair<std::string, std::string>> SplitAssignment(const std::string& text, const std::string& what,
                                                                    bool require_value) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) {
    if (require_value || text.empty()) return absl::InvalidArgumentError(absl::StrCat(what, ": expected KEY=VALUE"));
    return std::make_pair(text, std::string());
  }
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

absl::Status ApplyQuestions(const CampaignSpec& spec, nps::v1::Campaign& campaign, Paths& paths) {
  if (spec.questions.empty() && spec.follow_ups.empty()) return absl::OkStatus();
  if (!spec.questions.empty()) campaign.clear_questions();
  for (const std::string& text : spec.questions) {
    NPSD_ASSIGN_OR_RETURN(auto question, SplitAssignment(text, "--question", true));
    nps::v1::LocalizedQuestion& entry = *campaign.add_questions();
    entry.set_locale(question.first);
    entry.set_nps_question(question.second);
  }
  for (const std::string& text : spec.follow_ups) {
    NPSD_ASSIGN_OR_RETURN(auto follow_up, SplitAssignment(text, "--follow-up", true));
    auto it = std::find_if(campaign.mutable_questions()->begin(), campaign.mutable_questions()->end(),
                           [&](const nps::v1::LocalizedQuestion& q) { return q.locale() == follow_up.first; });
    if (it == campaign.mutable_questions()->end()) {
      return absl::InvalidArgumentError("--follow-up: its locale has no --question");
    }
    it->set_follow_up_question(follow_up.second);
  }
  paths.push_back("questions");
  return absl::OkStatus();
}

absl::Status ApplyChannelsAndLabels(const CampaignSpec& spec, nps::v1::Campaign& campaign, Paths& paths) {
  if (!spec.channels.empty()) {
    campaign.clear_channels();
    for (const std::string& label : spec.channels) {
      NPSD_ASSIGN_OR_RETURN(nps::v1::Channel channel,
                            ParseEnumLabel<nps::v1::Channel>(label, "", nps::v1::Channel_Parse, "--channel"));
      campaign.add_channels(channel);
    }
    paths.push_back("channels");
  }
  if (!spec.labels.empty()) {
    campaign.clear_labels();
    for (const std::string& text : spec.labels) {
      NPSD_ASSIGN_OR_RETURN(auto label, SplitAssignment(text, "--label", false));
      (*campaign.mutable_labels())[label.first] = label.second;
    }
    paths.push_back("labels");
  }
  return absl::OkStatus();
}

void ApplyText(const CampaignSpec& spec, nps::v1::Campaign& campaign, Paths& paths) {
  const auto set = [&paths](const std::optional<std::string>& value, const char* path, std::string* field) {
    if (!value) return;
    *field = *value;
    paths.push_back(path);
  };
  set(spec.name, "name", campaign.mutable_name());
  set(spec.touchpoint, "touchpoint", campaign.mutable_touchpoint());
  set(spec.default_locale, "default_locale", campaign.mutable_default_locale());
  nps::v1::OrgScope& scope = *campaign.mutable_default_scope();
  set(spec.region_code, "default_scope.region_code", scope.mutable_region_code());
  set(spec.brand_code, "default_scope.brand_code", scope.mutable_brand_code());
  set(spec.business_unit_code, "default_scope.business_unit_code", scope.mutable_business_unit_code());
  if (spec.previous_campaign_id) campaign.set_previous_campaign_id(*spec.previous_campaign_id);
}

absl::Status ApplySchedule(const CampaignSpec& spec, nps::v1::Campaign& campaign, Paths& paths) {
  if (spec.start_time) {
    NPSD_ASSIGN_OR_RETURN(*campaign.mutable_start_time(), ParseTimestamp(*spec.start_time, "--start"));
    paths.push_back("start_time");
  }
  if (spec.end_time) {
    NPSD_ASSIGN_OR_RETURN(*campaign.mutable_end_time(), ParseTimestamp(*spec.end_time, "--end"));
    paths.push_back("end_time");
  }
  if (spec.late_window_days) {
    campaign.set_late_window_days(*spec.late_window_days);
    paths.push_back("late_window_days");
  }
  if (spec.fatigue_days) {
    campaign.set_fatigue_days(*spec.fatigue_days);
    paths.push_back("fatigue_days");
  }
  if (spec.sampling_percent) {
    campaign.set_sampling_percent(*spec.sampling_percent);
    paths.push_back("sampling_percent");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<nps::v1::Campaign> LoadCampaignFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::InvalidArgumentError("--file: cannot read the campaign file");
  std::stringstream text;
  text << file.rdbuf();
  nps::v1::Campaign campaign;
  if (absl::EndsWith(path, ".json")) {
    const auto status = google::protobuf::util::JsonStringToMessage(text.str(), &campaign);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--file: not a JSON nps.v1.Campaign: ", status.message().as_string()));
    }
  } else if (!google::protobuf::TextFormat::ParseFromString(text.str(), &campaign)) {
    return absl::InvalidArgumentError("--file: not a text-format nps.v1.Campaign");
  }
  return campaign;
}

absl::StatusOr<std::vector<std::string>> ApplyCampaignSpec(const CampaignSpec& spec, nps::v1::Campaign& campaign) {
  Paths paths;
  ApplyText(spec, campaign, paths);
  NPSD_RETURN_IF_ERROR(ApplyChannelsAndLabels(spec, campaign, paths));
  NPSD_RETURN_IF_ERROR(ApplyQuestions(spec, campaign, paths));
  NPSD_RETURN_IF_ERROR(ApplySchedule(spec, campaign, paths));
  if (campaign.default_locale().empty() && campaign.questions_size() > 0) {
    campaign.set_default_locale(campaign.questions(0).locale());
  }
  return paths;
}

}  // namespace npsd::cli
