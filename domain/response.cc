// response.cc — response validation, resolution against campaigns, fingerprints.
#include "domain/response.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/uuid.h"

namespace npsd::domain {
namespace {

constexpr size_t kMaxCommentChars = 4000;
constexpr size_t kMaxContextChars = 128;
constexpr size_t kMaxAttributes = 32;
constexpr size_t kMaxAttributeValueChars = 256;
constexpr int32_t kMaxSeconds = 86400;

void CheckContext(const ContactCenterContext& context, const std::string& prefix, FieldViolations& violations) {
  const TextRule optional_text{false, kMaxContextChars, false};
  CheckText(prefix + "interaction_id", context.interaction_id, optional_text, violations);
  CheckText(prefix + "agent_id", context.agent_id, optional_text, violations);
  CheckText(prefix + "team", context.team, optional_text, violations);
  CheckText(prefix + "queue", context.queue, optional_text, violations);
  CheckText(prefix + "wrap_up_code", context.wrap_up_code, optional_text, violations);
  if (context.wait_seconds < 0 || context.wait_seconds > kMaxSeconds) {
    violations.Add(prefix + "wait_seconds", "must be between 0 and 86400");
  }
  if (context.handle_seconds < 0 || context.handle_seconds > kMaxSeconds) {
    violations.Add(prefix + "handle_seconds", "must be between 0 and 86400");
  }
}

void CheckAttributes(const std::map<std::string, std::string>& attributes, const std::string& prefix,
                     FieldViolations& violations) {
  if (attributes.size() > kMaxAttributes) violations.Add(prefix + "attributes", "must hold at most 32 entries");
  for (const auto& [key, value] : attributes) {
    FieldViolations key_violations;
    CheckCode(prefix + "attributes", key, 64, key_violations);
    if (!key_violations.empty()) {
      violations.Add(prefix + "attributes", "keys must be 1-64 characters of [A-Za-z0-9_.-]");
      continue;
    }
    CheckText(absl::StrCat(prefix, "attributes[", key, "]"), value, TextRule{false, kMaxAttributeValueChars, false},
              violations);
  }
}

void CheckIdempotencyKey(const std::string& key, const std::string& field, FieldViolations& violations) {
  if (key.empty()) return;
  const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
  if (key.size() > 128 || !printable) violations.Add(field, "must be 1-128 printable ASCII characters");
}

// EffectiveClose is when the campaign stopped taking answers: its close or end time,
// whichever came first, if any.
std::optional<absl::Time> EffectiveClose(const Campaign& campaign) {
  if (campaign.close_time && campaign.end_time) return std::min(*campaign.close_time, *campaign.end_time);
  if (campaign.close_time) return campaign.close_time;
  return campaign.end_time;
}

absl::Status CheckTiming(const Campaign& campaign, absl::Time answered_at, absl::Time received_at,
                         const std::string& prefix) {
  if (answered_at > received_at + kMaxFutureSkew) return InvalidField(prefix + "answered_at", "is in the future");
  if (campaign.start_time && answered_at < *campaign.start_time) {
    return InvalidField(prefix + "answered_at", "is before the campaign's start_time");
  }
  const std::optional<absl::Time> close = EffectiveClose(campaign);
  if (!close) return absl::OkStatus();
  if (answered_at > *close) {
    return absl::FailedPreconditionError("the campaign had closed when this response was answered");
  }
  if (received_at > *close + absl::Hours(24) * campaign.late_window_days) {
    return absl::FailedPreconditionError("the campaign is closed and its late-response window has passed");
  }
  return absl::OkStatus();
}

// AppendField appends one field of the fingerprint, `<name>=<size>:<value>;`, in place
// (no temporary strings: every response is fingerprinted).
void AppendField(std::string& text, absl::string_view name, absl::string_view value) {
  absl::StrAppend(&text, name, "=", value.size(), ":", value, ";");
}

}  // namespace

absl::Status ValidateResponseInput(ResponseInput& input, const std::string& prefix) {
  FieldViolations violations;
  if (input.campaign_id.empty()) {
    violations.Add(prefix + "campaign_id", "is required");
  } else if (std::optional<std::string> id = CanonicalUuid(input.campaign_id)) {
    input.campaign_id = *id;
  } else {
    violations.Add(prefix + "campaign_id", "must be a UUID");
  }
  if (!ValidateScore(input.score).ok()) violations.Add(prefix + "score", "must be an integer from 0 to 10");
  if (!input.channel) violations.Add(prefix + "channel", "must be a known channel");
  for (const auto& [field, code] : {std::pair<const char*, const std::string&>{"scope.region_code", input.scope.region_code},
                                    {"scope.brand_code", input.scope.brand_code},
                                    {"scope.business_unit_code", input.scope.business_unit_code}}) {
    if (!code.empty()) CheckCode(prefix + field, code, 64, violations);
  }
  CheckText(prefix + "comment", input.comment, TextRule{false, kMaxCommentChars, true}, violations);
  if (!input.locale.empty() && !IsValidLocale(input.locale)) {
    violations.Add(prefix + "locale", "must be a BCP-47 language tag such as fr-FR");
  }
  violations.AddFrom(NormalizeIdentity(input.subject, prefix + "subject.").status());
  CheckContext(input.contact_center, prefix + "contact_center.", violations);
  CheckAttributes(input.attributes, prefix, violations);
  CheckIdempotencyKey(input.idempotency_key, prefix + "idempotency_key", violations);
  return violations.ToStatus();
}

absl::StatusOr<ResolvedResponse> ResolveResponse(const ResponseInput& input, const Campaign& campaign,
                                                 absl::Time received_at, const std::string& prefix) {
  if (campaign.state == CampaignState::kDraft) {
    return absl::FailedPreconditionError("the campaign is a DRAFT and does not accept responses yet");
  }
  ResolvedResponse resolved;
  resolved.received_at = received_at;
  resolved.answered_at = input.answered_at.value_or(received_at);
  NPSD_RETURN_IF_ERROR(CheckTiming(campaign, resolved.answered_at, received_at, prefix));
  resolved.channel = *input.channel;
  if (std::find(campaign.channels.begin(), campaign.channels.end(), resolved.channel) == campaign.channels.end()) {
    return InvalidField(prefix + "channel", "is not one of the campaign's channels");
  }
  resolved.scope = input.scope;
  if (resolved.scope.region_code.empty()) resolved.scope.region_code = campaign.default_scope.region_code;
  if (resolved.scope.brand_code.empty()) resolved.scope.brand_code = campaign.default_scope.brand_code;
  if (resolved.scope.business_unit_code.empty()) {
    resolved.scope.business_unit_code = campaign.default_scope.business_unit_code;
  }
  NPSD_ASSIGN_OR_RETURN(resolved.category, ClassifyScore(input.score));
  return resolved;
}

std::string ResponseFingerprint(const ResponseInput& input) {
  std::string text = "v1;";
  text.reserve(320 + input.comment.size());
  const absl::AlphaNum score(input.score);
  const absl::AlphaNum answered_at(input.answered_at ? absl::ToUnixMicros(*input.answered_at) : 0);
  AppendField(text, "campaign", input.campaign_id);
  AppendField(text, "score", score.Piece());
  AppendField(text, "answered_at", input.answered_at ? answered_at.Piece() : "");
  AppendField(text, "channel", input.channel ? ChannelName(*input.channel) : "");
  AppendField(text, "region", input.scope.region_code);
  AppendField(text, "brand", input.scope.brand_code);
  AppendField(text, "bu", input.scope.business_unit_code);
  AppendField(text, "comment", input.comment);
  AppendField(text, "locale", input.locale);
  AppendField(text, "external_id", input.subject.external_id);
  AppendField(text, "email", input.subject.email);
  AppendField(text, "phone", input.subject.phone);
  const ContactCenterContext& context = input.contact_center;
  AppendField(text, "interaction", context.interaction_id);
  AppendField(text, "agent", context.agent_id);
  AppendField(text, "team", context.team);
  AppendField(text, "queue", context.queue);
  AppendField(text, "wait", absl::AlphaNum(context.wait_seconds).Piece());
  AppendField(text, "handle", absl::AlphaNum(context.handle_seconds).Piece());
  AppendField(text, "wrap_up", context.wrap_up_code);
  for (const auto& [key, value] : input.attributes) AppendField(text, absl::StrCat("attr.", key), value);
  return text;
}

}  // namespace npsd::domain
