// campaign.h — an NPS survey campaign, its lifecycle and the rules for changing it.
//
// Lifecycle: DRAFT -> ACTIVE <-> PAUSED -> CLOSED (ACTIVE -> CLOSED too). Structural
// fields (channels, questions, default locale) are frozen once a campaign has left
// DRAFT, so that its results stay comparable; a changed survey is a new campaign
// version that names its predecessor.
#ifndef NPSD_DOMAIN_CAMPAIGN_H_
#define NPSD_DOMAIN_CAMPAIGN_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/field_violation.h"

namespace npsd::domain {

// Channel is how a survey reaches a respondent.
enum class Channel { kEmail, kSms, kWeb, kInApp, kVoicePostCall, kChat };

// ChannelName returns the stored name of a channel ("EMAIL", "VOICE_POST_CALL", ...).
const char* ChannelName(Channel channel);

// ParseChannel returns the channel with the stored name `name`, or nullopt.
std::optional<Channel> ParseChannel(const std::string& name);

// CampaignState is a campaign's lifecycle state.
enum class CampaignState { kDraft, kActive, kPaused, kClosed };

// CampaignStateName returns the stored name of a state ("DRAFT", ...).
const char* CampaignStateName(CampaignState state);

// ParseCampaignState returns the state with the stored name `name`, or nullopt.
std::optional<CampaignState> ParseCampaignState(const std::string& name);

// CampaignAction is a lifecycle transition a caller asks for.
enum class CampaignAction { kActivate, kPause, kClose };

// LocalizedQuestion is the survey text in one locale.
struct LocalizedQuestion {
  std::string locale;              // BCP-47, e.g. "fr-FR"
  std::string nps_question;        // "How likely are you to recommend ...?"
  std::string follow_up_question;  // optional open question; empty when none
};

// OrgScope names catalogue codes; empty members are unset.
struct OrgScope {
  std::string region_code;
  std::string brand_code;
  std::string business_unit_code;
};

// Campaign is one NPS survey campaign.
struct Campaign {
  std::string id;
  std::string name;
  std::map<std::string, std::string> labels;
  std::string touchpoint;
  std::vector<Channel> channels;
  std::string default_locale;
  std::vector<LocalizedQuestion> questions;
  OrgScope default_scope;
  std::optional<absl::Time> start_time;
  std::optional<absl::Time> end_time;
  int32_t late_window_days = 0;
  int32_t fatigue_days = 0;
  double sampling_percent = 100;
  CampaignState state = CampaignState::kDraft;
  std::string previous_campaign_id;  // empty for a first version
  int32_t campaign_version = 1;
  int64_t version = 1;  // optimistic concurrency (etag)
  absl::Time create_time;
  absl::Time update_time;
  std::optional<absl::Time> close_time;
};

// CampaignPatch holds the fields an update changes (unset members stay as they are).
struct CampaignPatch {
  std::optional<std::string> name;
  std::optional<std::map<std::string, std::string>> labels;
  std::optional<std::string> touchpoint;
  std::optional<std::vector<Channel>> channels;
  std::optional<std::string> default_locale;
  std::optional<std::vector<LocalizedQuestion>> questions;
  std::optional<std::string> region_code;
  std::optional<std::string> brand_code;
  std::optional<std::string> business_unit_code;
  std::optional<std::optional<absl::Time>> start_time;
  std::optional<std::optional<absl::Time>> end_time;
  std::optional<int32_t> late_window_days;
  std::optional<int32_t> fatigue_days;
  std::optional<double> sampling_percent;
  std::optional<int64_t> expected_version;  // from the etag; unset skips the check
};

// IsValidLocale is true for a BCP-47-shaped tag: a 2-3 or 5-8 letter language followed
// by 1-8 character alphanumeric subtags, at most 35 characters.
bool IsValidLocale(const std::string& locale);

// ValidateCampaign checks every field of a campaign; field paths start with "campaign.".
absl::Status ValidateCampaign(const Campaign& campaign);

// ApplyCampaignPatch applies `patch` and validates the result: ABORTED for a stale
// version, FAILED_PRECONDITION for a structural change after DRAFT or any change of a
// CLOSED campaign, INVALID_ARGUMENT for invalid values.
absl::Status ApplyCampaignPatch(const CampaignPatch& patch, Campaign& campaign);

// NextState returns the state `action` leads to from `state`, or FAILED_PRECONDITION
// when the lifecycle does not allow it.
absl::StatusOr<CampaignState> NextState(CampaignState state, CampaignAction action);

// CheckActivation is FAILED_PRECONDITION when a campaign cannot be activated at `now`
// (its end time has passed).
absl::Status CheckActivation(const Campaign& campaign, absl::Time now);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_CAMPAIGN_H_
