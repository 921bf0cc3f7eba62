// campaign.cc — campaign validation, updates and lifecycle.
#include "domain/campaign.h"

#include <cctype>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "domain/text.h"

namespace npsd::domain {
namespace {

constexpr Channel kAllChannels[] = {Channel::kEmail, Channel::kSms, Channel::kWeb,
                                    Channel::kInApp, Channel::kVoicePostCall, Channel::kChat};
constexpr CampaignState kAllStates[] = {CampaignState::kDraft, CampaignState::kActive,
                                        CampaignState::kPaused, CampaignState::kClosed};
constexpr size_t kMaxLabels = 64;
constexpr size_t kMaxLocales = 50;
constexpr size_t kMaxQuestionChars = 500;

bool IsLabelKey(const std::string& key) {
  if (key.empty() || key.size() > 63 || !std::islower(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

bool IsLabelValue(const std::string& value) {
  if (value.size() > 63) return false;
  for (char c : value) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

void CheckLabels(const std::map<std::string, std::string>& labels, FieldViolations& violations) {
  if (labels.size() > kMaxLabels) violations.Add("campaign.labels", "must hold at most 64 labels");
  for (const auto& [key, value] : labels) {
    if (!IsLabelKey(key)) {
      violations.Add("campaign.labels",
                     "keys must be 1-63 characters of a-z, 0-9, '_' and '-', starting with a letter");
    } else if (!IsLabelValue(value)) {
      violations.Add(absl::StrCat("campaign.labels[", key, "]"),
                     "must be at most 63 characters of a-z, 0-9, '_' and '-'");
    }
  }
}

void CheckChannels(const std::vector<Channel>& channels, FieldViolations& violations) {
  if (channels.empty()) violations.Add("campaign.channels", "must name at least one channel");
  std::set<Channel> seen;
  for (size_t i = 0; i < channels.size(); ++i) {
    if (!seen.insert(channels[i]).second) {
      violations.Add(absl::StrCat("campaign.channels[", i, "]"), "is a duplicate");
    }
  }
}

void CheckQuestions(const Campaign& campaign, FieldViolations& violations) {
  if (campaign.questions.empty()) {
    violations.Add("campaign.questions", "must hold the question in at least one locale");
  }
  if (campaign.questions.size() > kMaxLocales) {
    violations.Add("campaign.questions", "must hold at most 50 locales");
  }
  std::set<std::string> locales;
  for (size_t i = 0; i < campaign.questions.size(); ++i) {
    const LocalizedQuestion& question = campaign.questions[i];
    const std::string prefix = absl::StrCat("campaign.questions[", i, "].");
    if (!IsValidLocale(question.locale)) {
      violations.Add(prefix + "locale", "must be a BCP-47 language tag such as fr-FR");
    } else if (!locales.insert(question.locale).second) {
      violations.Add(prefix + "locale", "is a duplicate");
    }
    CheckText(prefix + "nps_question", question.nps_question, TextRule{true, kMaxQuestionChars, false},
              violations);
    CheckText(prefix + "follow_up_question", question.follow_up_question,
              TextRule{false, kMaxQuestionChars, false}, violations);
  }
  if (!IsValidLocale(campaign.default_locale)) {
    violations.Add("campaign.default_locale", "must be a BCP-47 language tag such as fr-FR");
  } else if (!campaign.questions.empty() && locales.count(campaign.default_locale) == 0) {
    violations.Add("campaign.default_locale", "must be one of the questions' locales");
  }
}

void CheckOptionalCode(const std::string& field, const std::string& code, FieldViolations& violations) {
  if (!code.empty()) CheckCode(field, code, 64, violations);
}

void CheckSchedule(const Campaign& campaign, FieldViolations& violations) {
  if (campaign.start_time && campaign.end_time && *campaign.end_time <= *campaign.start_time) {
    violations.Add("campaign.end_time", "must be after campaign.start_time");
  }
  if (campaign.late_window_days < 0 || campaign.late_window_days > 365) {
    violations.Add("campaign.late_window_days", "must be between 0 and 365");
  }
  if (campaign.fatigue_days < 0 || campaign.fatigue_days > 3650) {
    violations.Add("campaign.fatigue_days", "must be between 0 and 3650");
  }
  if (!(campaign.sampling_percent >= 0 && campaign.sampling_percent <= 100)) {
    violations.Add("campaign.sampling_percent", "must be between 0 and 100");
  }
}

// StructuralChange names the first structural field `patch` changes, or nullptr.
const char* StructuralChange(const CampaignPatch& patch, const Campaign& campaign) {
  if (patch.channels && *patch.channels != campaign.channels) return "channels";
  if (patch.default_locale && *patch.default_locale != campaign.default_locale) return "default_locale";
  if (patch.questions) {
    const auto& next = *patch.questions;
    bool same = next.size() == campaign.questions.size();
    for (size_t i = 0; same && i < next.size(); ++i) {
      same = next[i].locale == campaign.questions[i].locale &&
             next[i].nps_question == campaign.questions[i].nps_question &&
             next[i].follow_up_question == campaign.questions[i].follow_up_question;
    }
    if (!same) return "questions";
  }
  return nullptr;
}

}  // namespace

const char* ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kEmail:
      return "EMAIL";
    case Channel::kSms:
      return "SMS";
    case Channel::kWeb:
      return "WEB";
    case Channel::kInApp:
      return "IN_APP";
    case Channel::kVoicePostCall:
      return "VOICE_POST_CALL";
    case Channel::kChat:
      return "CHAT";
  }
  return "UNKNOWN";
}

std::optional<Channel> ParseChannel(const std::string& name) {
  for (Channel channel : kAllChannels) {
    if (name == ChannelName(channel)) return channel;
  }
  return std::nullopt;
}

const char* CampaignStateName(CampaignState state) {
  switch (state) {
    case CampaignState::kDraft:
      return "DRAFT";
    case CampaignState::kActive:
      return "ACTIVE";
    case CampaignState::kPaused:
      return "PAUSED";
    case CampaignState::kClosed:
      return "CLOSED";
  }
  return "UNKNOWN";
}

std::optional<CampaignState> ParseCampaignState(const std::string& name) {
  for (CampaignState state : kAllStates) {
    if (name == CampaignStateName(state)) return state;
  }
  return std::nullopt;
}

bool IsValidLocale(const std::string& locale) {
  if (locale.empty() || locale.size() > 35) return false;
  const std::vector<std::string> subtags = absl::StrSplit(locale, '-');
  const std::string& language = subtags[0];
  if (!((language.size() >= 2 && language.size() <= 3) || (language.size() >= 5 && language.size() <= 8))) {
    return false;
  }
  for (char c : language) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  for (size_t i = 1; i < subtags.size(); ++i) {
    if (subtags[i].empty() || subtags[i].size() > 8) return false;
    for (char c : subtags[i]) {
      if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

absl::Status ValidateCampaign(const Campaign& campaign) {
  FieldViolations violations;
  CheckText("campaign.name", campaign.name, TextRule{}, violations);
  CheckLabels(campaign.labels, violations);
  if (!campaign.touchpoint.empty()) CheckCode("campaign.touchpoint", campaign.touchpoint, 64, violations);
  CheckChannels(campaign.channels, violations);
  CheckQuestions(campaign, violations);
  CheckOptionalCode("campaign.default_scope.region_code", campaign.default_scope.region_code, violations);
  CheckOptionalCode("campaign.default_scope.brand_code", campaign.default_scope.brand_code, violations);
  CheckOptionalCode("campaign.default_scope.business_unit_code",
                    campaign.default_scope.business_unit_code, violations);
  CheckSchedule(campaign, violations);
  return violations.ToStatus();
}

absl::Status ApplyCampaignPatch(const CampaignPatch& patch, Campaign& campaign) {
  if (patch.expected_version && *patch.expected_version != campaign.version) {
    return absl::AbortedError("the campaign was changed since it was read (stale etag)");
  }
  if (campaign.state == CampaignState::kClosed) {
    return absl::FailedPreconditionError("a closed campaign cannot be changed");
  }
  if (campaign.state != CampaignState::kDraft) {
    if (const char* field = StructuralChange(patch, campaign)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "campaign.", field, " cannot change once the campaign has been activated; create a new "
          "campaign version with previous_campaign_id set"));
    }
  }
  if (patch.name) campaign.name = *patch.name;
  if (patch.labels) campaign.labels = *patch.labels;
  if (patch.touchpoint) campaign.touchpoint = *patch.touchpoint;
  if (patch.channels) campaign.channels = *patch.channels;
  if (patch.default_locale) campaign.default_locale = *patch.default_locale;
  if (patch.questions) campaign.questions = *patch.questions;
  if (patch.region_code) campaign.default_scope.region_code = *patch.region_code;
  if (patch.brand_code) campaign.default_scope.brand_code = *patch.brand_code;
  if (patch.business_unit_code) campaign.default_scope.business_unit_code = *patch.business_unit_code;
  if (patch.start_time) campaign.start_time = *patch.start_time;
  if (patch.end_time) campaign.end_time = *patch.end_time;
  if (patch.late_window_days) campaign.late_window_days = *patch.late_window_days;
  if (patch.fatigue_days) campaign.fatigue_days = *patch.fatigue_days;
  if (patch.sampling_percent) campaign.sampling_percent = *patch.sampling_percent;
  return ValidateCampaign(campaign);
}

absl::StatusOr<CampaignState> NextState(CampaignState state, CampaignAction action) {
  switch (action) {
    case CampaignAction::kActivate:
      if (state == CampaignState::kDraft || state == CampaignState::kPaused) return CampaignState::kActive;
      break;
    case CampaignAction::kPause:
      if (state == CampaignState::kActive) return CampaignState::kPaused;
      break;
    case CampaignAction::kClose:
      if (state == CampaignState::kActive || state == CampaignState::kPaused) return CampaignState::kClosed;
      break;
  }
  return absl::FailedPreconditionError(
      absl::StrCat("the campaign is ", CampaignStateName(state), ": that transition is not allowed"));
}

absl::Status CheckActivation(const Campaign& campaign, absl::Time now) {
  if (campaign.end_time && *campaign.end_time <= now) {
    return absl::FailedPreconditionError("the campaign's end_time has passed; it cannot be activated");
  }
  return absl::OkStatus();
}

}  // namespace npsd::domain
