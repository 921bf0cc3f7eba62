// campaign_proto.cc — campaign message conversions.
#include "server/campaign_proto.h"

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/uuid.h"
#include "server/etag.h"
#include "server/proto_time.h"

namespace npsd::server {
namespace {

using domain::FieldViolations;

nps::v1::Campaign::State StateToProto(domain::CampaignState state) {
  switch (state) {
    case domain::CampaignState::kDraft:
      return nps::v1::Campaign::DRAFT;
    case domain::CampaignState::kActive:
      return nps::v1::Campaign::ACTIVE;
    case domain::CampaignState::kPaused:
      return nps::v1::Campaign::PAUSED;
    case domain::CampaignState::kClosed:
      return nps::v1::Campaign::CLOSED;
  }
  return nps::v1::Campaign::STATE_UNSPECIFIED;
}

std::optional<domain::CampaignState> StateFromProto(int state) {
  switch (state) {
    case nps::v1::Campaign::DRAFT:
      return domain::CampaignState::kDraft;
    case nps::v1::Campaign::ACTIVE:
      return domain::CampaignState::kActive;
    case nps::v1::Campaign::PAUSED:
      return domain::CampaignState::kPaused;
    case nps::v1::Campaign::CLOSED:
      return domain::CampaignState::kClosed;
    default:
      return std::nullopt;
  }
}

std::vector<domain::Channel> ChannelsFromProto(const nps::v1::Campaign& proto, FieldViolations& violations) {
  std::vector<domain::Channel> channels;
  for (int i = 0; i < proto.channels_size(); ++i) {
    if (auto channel = ChannelFromProto(proto.channels(i))) {
      channels.push_back(*channel);
    } else {
      violations.Add(absl::StrCat("campaign.channels[", i, "]"), "is not a known channel");
    }
  }
  return channels;
}

std::vector<domain::LocalizedQuestion> QuestionsFromProto(const nps::v1::Campaign& proto) {
  std::vector<domain::LocalizedQuestion> questions;
  for (const auto& question : proto.questions()) {
    questions.push_back({question.locale(), question.nps_question(), question.follow_up_question()});
  }
  return questions;
}

std::optional<absl::Time> OptionalTime(const std::string& field, bool present,
                                       const google::protobuf::Timestamp& timestamp,
                                       FieldViolations& violations) {
  if (!present) return std::nullopt;
  absl::StatusOr<absl::Time> time = FromProtoTime(field, timestamp);
  if (!time.ok()) {
    violations.Add(field, "is not a valid timestamp");
    return std::nullopt;
  }
  return *time;
}

std::map<std::string, std::string> LabelsFromProto(const nps::v1::Campaign& proto) {
  return std::map<std::string, std::string>(proto.labels().begin(), proto.labels().end());
}

// ApplyMaskPath copies the field `path` of `proto` into `patch`.
void ApplyMaskPath(const std::string& path, int index, const nps::v1::Campaign& proto,
                   domain::CampaignPatch& patch, FieldViolations& violations) {
  if (path == "name") {
    patch.name = proto.name();
  } else if (path == "labels") {
    patch.labels = LabelsFromProto(proto);
  } else if (path == "touchpoint") {
    patch.touchpoint = proto.touchpoint();
  } else if (path == "channels") {
    patch.channels = ChannelsFromProto(proto, violations);
  } else if (path == "default_locale") {
    patch.default_locale = proto.default_locale();
  } else if (path == "questions") {
    patch.questions = QuestionsFromProto(proto);
  } else if (path == "default_scope.region_code") {
    patch.region_code = proto.default_scope().region_code();
  } else if (path == "default_scope.brand_code") {
    patch.brand_code = proto.default_scope().brand_code();
  } else if (path == "default_scope.business_unit_code") {
    patch.business_unit_code = proto.default_scope().business_unit_code();
  } else if (path == "start_time") {
    patch.start_time = OptionalTime("campaign.start_time", proto.has_start_time(), proto.start_time(), violations);
  } else if (path == "end_time") {
    patch.end_time = OptionalTime("campaign.end_time", proto.has_end_time(), proto.end_time(), violations);
  } else if (path == "late_window_days") {
    patch.late_window_days = proto.late_window_days();
  } else if (path == "fatigue_days") {
    patch.fatigue_days = proto.fatigue_days();
  } else if (path == "sampling_percent") {
    patch.sampling_percent = proto.has_sampling_percent() ? proto.sampling_percent() : 100.0;
  } else {
    violations.Add(absl::StrCat("update_mask.paths[", index, "]"), "is not an updatable field");
  }
}

}  // namespace

std::optional<domain::Channel> ChannelFromProto(int channel) {
  switch (channel) {
    case nps::v1::EMAIL:
      return domain::Channel::kEmail;
    case nps::v1::SMS:
      return domain::Channel::kSms;
    case nps::v1::WEB:
      return domain::Channel::kWeb;
    case nps::v1::IN_APP:
      return domain::Channel::kInApp;
    case nps::v1::VOICE_POST_CALL:
      return domain::Channel::kVoicePostCall;
    case nps::v1::CHAT:
      return domain::Channel::kChat;
    default:
      return std::nullopt;
  }
}

nps::v1::Channel ChannelToProto(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kEmail:
      return nps::v1::EMAIL;
    case domain::Channel::kSms:
      return nps::v1::SMS;
    case domain::Channel::kWeb:
      return nps::v1::WEB;
    case domain::Channel::kInApp:
      return nps::v1::IN_APP;
    case domain::Channel::kVoicePostCall:
      return nps::v1::VOICE_POST_CALL;
    case domain::Channel::kChat:
      return nps::v1::CHAT;
  }
  return nps::v1::CHANNEL_UNSPECIFIED;
}

nps::v1::Campaign ToProto(const domain::Campaign& campaign) {
  nps::v1::Campaign proto;
  proto.set_id(campaign.id);
  proto.set_name(campaign.name);
  for (const auto& [key, value] : campaign.labels) (*proto.mutable_labels())[key] = value;
  proto.set_touchpoint(campaign.touchpoint);
  for (domain::Channel channel : campaign.channels) proto.add_channels(ChannelToProto(channel));
  proto.set_default_locale(campaign.default_locale);
  for (const auto& question : campaign.questions) {
    nps::v1::LocalizedQuestion* entry = proto.add_questions();
    entry->set_locale(question.locale);
    entry->set_nps_question(question.nps_question);
    entry->set_follow_up_question(question.follow_up_question);
  }
  proto.mutable_default_scope()->set_region_code(campaign.default_scope.region_code);
  proto.mutable_default_scope()->set_brand_code(campaign.default_scope.brand_code);
  proto.mutable_default_scope()->set_business_unit_code(campaign.default_scope.business_unit_code);
  if (campaign.start_time) *proto.mutable_start_time() = ToProtoTime(*campaign.start_time);
  if (campaign.end_time) *proto.mutable_end_time() = ToProtoTime(*campaign.end_time);
  proto.set_late_window_days(campaign.late_window_days);
  proto.set_fatigue_days(campaign.fatigue_days);
  proto.set_sampling_percent(campaign.sampling_percent);
  proto.set_state(StateToProto(campaign.state));
  proto.set_previous_campaign_id(campaign.previous_campaign_id);
  proto.set_campaign_version(campaign.campaign_version);
  *proto.mutable_create_time() = ToProtoTime(campaign.create_time);
  *proto.mutable_update_time() = ToProtoTime(campaign.update_time);
  if (campaign.close_time) *proto.mutable_close_time() = ToProtoTime(*campaign.close_time);
  proto.set_etag(absl::StrCat(campaign.version));
  return proto;
}

absl::StatusOr<domain::Campaign> NewCampaignFromProto(const nps::v1::Campaign& proto) {
  FieldViolations violations;
  domain::Campaign campaign;
  campaign.name = proto.name();
  campaign.labels = LabelsFromProto(proto);
  campaign.touchpoint = proto.touchpoint();
  campaign.channels = ChannelsFromProto(proto, violations);
  campaign.default_locale = proto.default_locale();
  campaign.questions = QuestionsFromProto(proto);
  campaign.default_scope = {proto.default_scope().region_code(), proto.default_scope().brand_code(),
                            proto.default_scope().business_unit_code()};
  campaign.start_time = OptionalTime("campaign.start_time", proto.has_start_time(), proto.start_time(), violations);
  campaign.end_time = OptionalTime("campaign.end_time", proto.has_end_time(), proto.end_time(), violations);
  campaign.late_window_days = proto.late_window_days();
  campaign.fatigue_days = proto.fatigue_days();
  campaign.sampling_percent = proto.has_sampling_percent() ? proto.sampling_percent() : 100.0;
  if (!proto.previous_campaign_id().empty()) {
    std::optional<std::string> previous = domain::CanonicalUuid(proto.previous_campaign_id());
    if (previous) {
      campaign.previous_campaign_id = *previous;
    } else {
      violations.Add("campaign.previous_campaign_id", "must be a UUID");
    }
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return campaign;
}

absl::StatusOr<domain::CampaignPatch> CampaignPatchFromProto(const nps::v1::UpdateCampaignRequest& request) {
  FieldViolations violations;
  domain::CampaignPatch patch;
  if (request.update_mask().paths_size() == 0) violations.Add("update_mask", "must name at least one field");
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    ApplyMaskPath(request.update_mask().paths(i), i, request.campaign(), patch, violations);
  }
  absl::StatusOr<std::optional<int64_t>> etag = ParseEtag("campaign.etag", request.campaign().etag());
  if (etag.ok()) {
    patch.expected_version = *etag;
  } else {
    violations.Add("campaign.etag", "is not an etag returned by this server");
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return patch;
}

absl::StatusOr<storage::CampaignFilter> CampaignFilterFromProto(const nps::v1::ListCampaignsRequest& request) {
  FieldViolations violations;
  storage::CampaignFilter filter;
  if (request.state() != nps::v1::Campaign::STATE_UNSPECIFIED) {
    filter.state = StateFromProto(request.state());
    if (!filter.state) violations.Add("state", "is not a known state");
  }
  if (request.channel() != nps::v1::CHANNEL_UNSPECIFIED) {
    filter.channel = ChannelFromProto(request.channel());
    if (!filter.channel) violations.Add("channel", "is not a known channel");
  }
  if (!request.label().empty()) {
    const size_t equals = request.label().find('=');
    filter.label_key = request.label().substr(0, equals);
    if (equals != std::string::npos) filter.label_value = request.label().substr(equals + 1);
    domain::CheckCode("label", filter.label_key, 63, violations);
  }
  domain::CheckText("name_contains", request.name_contains(), domain::TextRule{false, 200, false}, violations);
  filter.name_contains = request.name_contains();
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return filter;
}

}  // namespace npsd::server
