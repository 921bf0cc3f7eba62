// response_proto.cc — response message conversions.
#include "server/response_proto.h"

#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/campaign_proto.h"
#include "server/proto_time.h"

namespace npsd::server {
namespace {

nps::v1::NpsCategory CategoryToProto(domain::NpsCategory category) {
  switch (category) {
    case domain::NpsCategory::kDetractor:
      return nps::v1::DETRACTOR;
    case domain::NpsCategory::kPassive:
      return nps::v1::PASSIVE;
    case domain::NpsCategory::kPromoter:
      return nps::v1::PROMOTER;
  }
  return nps::v1::NPS_CATEGORY_UNSPECIFIED;
}

nps::v1::CheckEligibilityResponse::Reason ReasonToProto(domain::EligibilityReason reason) {
  using Proto = nps::v1::CheckEligibilityResponse;
  switch (reason) {
    case domain::EligibilityReason::kEligible:
      return Proto::ELIGIBLE;
    case domain::EligibilityReason::kCampaignNotActive:
      return Proto::CAMPAIGN_NOT_ACTIVE;
    case domain::EligibilityReason::kNotSampled:
      return Proto::NOT_SAMPLED;
    case domain::EligibilityReason::kFatigue:
      return Proto::FATIGUE;
    case domain::EligibilityReason::kSuppressed:
      return Proto::SUPPRESSED;
    case domain::EligibilityReason::kRestricted:
      return Proto::RESTRICTED;
  }
  return Proto::REASON_UNSPECIFIED;
}

std::optional<absl::Time> OptionalTime(const std::string& field, bool present,
                                       const google::protobuf::Timestamp& timestamp,
                                       domain::FieldViolations& violations) {
  if (!present) return std::nullopt;
  absl::StatusOr<absl::Time> time = FromProtoTime(field, timestamp);
  violations.AddFrom(time.status());
  return time.ok() ? std::optional<absl::Time>(*time) : std::nullopt;
}

}  // namespace

domain::SubjectIdentity SubjectIdentityFromProto(const nps::v1::SubjectIdentity& proto) {
  return {proto.external_id(), proto.email(), proto.phone()};
}

absl::StatusOr<domain::ResponseInput> ResponseInputFromProto(const nps::v1::ResponseInput& proto,
                                                             const std::string& prefix) {
  domain::FieldViolations violations;
  domain::ResponseInput input;
  input.campaign_id = proto.campaign_id();
  input.score = proto.score();
  input.answered_at = OptionalTime(prefix + "answered_at", proto.has_answered_at(), proto.answered_at(), violations);
  input.channel = ChannelFromProto(proto.channel());
  input.scope = {proto.scope().region_code(), proto.scope().brand_code(), proto.scope().business_unit_code()};
  input.comment = proto.comment();
  input.locale = proto.locale();
  input.subject = SubjectIdentityFromProto(proto.subject());
  const nps::v1::ContactCenterContext& context = proto.contact_center();
  input.contact_center = {context.interaction_id(), context.agent_id(),       context.team(), context.queue(),
                          context.wait_seconds(),   context.handle_seconds(), context.wrap_up_code()};
  input.attributes = std::map<std::string, std::string>(proto.attributes().begin(), proto.attributes().end());
  input.idempotency_key = proto.idempotency_key();
  violations.AddFrom(domain::ValidateResponseInput(input, prefix));
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return input;
}

nps::v1::SubmitResponseResult ToResult(int64_t sequence, const storage::SubmitOutcome& outcome) {
  nps::v1::SubmitResponseResult result;
  result.set_sequence(sequence);
  result.set_code(static_cast<int32_t>(outcome.status.code()));
  if (!outcome.status.ok()) {
    result.set_message(std::string(outcome.status.message()));
    for (const domain::FieldViolation& violation : domain::FieldViolationsOf(outcome.status)) {
      nps::v1::FieldViolation* entry = result.add_field_violations();
      entry->set_field(violation.field);
      entry->set_description(violation.description);
    }
    return result;
  }
  result.set_response_id(outcome.response_id);
  result.set_replayed(outcome.replayed);
  result.set_category(CategoryToProto(outcome.category));
  return result;
}

nps::v1::Response ToProto(const storage::StoredResponse& response) {
  nps::v1::Response proto;
  proto.set_id(response.id);
  proto.set_campaign_id(response.campaign_id);
  proto.set_score(response.score);
  proto.set_category(CategoryToProto(domain::ClassifyScore(response.score).value_or(domain::NpsCategory::kDetractor)));
  *proto.mutable_answered_at() = ToProtoTime(response.answered_at);
  *proto.mutable_received_at() = ToProtoTime(response.received_at);
  proto.set_channel(ChannelToProto(response.channel));
  proto.mutable_scope()->set_region_code(response.scope.region_code);
  proto.mutable_scope()->set_brand_code(response.scope.brand_code);
  proto.mutable_scope()->set_business_unit_code(response.scope.business_unit_code);
  proto.set_comment(response.comment);
  proto.set_locale(response.locale);
  proto.set_has_subject(response.has_subject);
  nps::v1::ContactCenterContext* context = proto.mutable_contact_center();
  context->set_interaction_id(response.contact_center.interaction_id);
  context->set_agent_id(response.contact_center.agent_id);
  context->set_team(response.contact_center.team);
  context->set_queue(response.contact_center.queue);
  context->set_wait_seconds(response.contact_center.wait_seconds);
  context->set_handle_seconds(response.contact_center.handle_seconds);
  context->set_wrap_up_code(response.contact_center.wrap_up_code);
  for (const auto& [key, value] : response.attributes) (*proto.mutable_attributes())[key] = value;
  proto.set_idempotency_key(response.idempotency_key);
  return proto;
}

absl::StatusOr<storage::ResponseFilter> ResponseFilterFromProto(const nps::v1::ListResponsesRequest& request) {
  domain::FieldViolations violations;
  storage::ResponseFilter filter;
  if (!request.campaign_id().empty()) {
    absl::StatusOr<std::string> id = domain::ParseIdField("campaign_id", request.campaign_id());
    violations.AddFrom(id.status());
    if (id.ok()) filter.campaign_id = *id;
  }
  filter.answered_after = OptionalTime("answered_after", request.has_answered_after(), request.answered_after(), violations);
  filter.answered_before =
      OptionalTime("answered_before", request.has_answered_before(), request.answered_before(), violations);
  switch (request.category()) {
    case nps::v1::NPS_CATEGORY_UNSPECIFIED:
      break;
    case nps::v1::DETRACTOR:
      filter.category = domain::NpsCategory::kDetractor;
      break;
    case nps::v1::PASSIVE:
      filter.category = domain::NpsCategory::kPassive;
      break;
    case nps::v1::PROMOTER:
      filter.category = domain::NpsCategory::kPromoter;
      break;
    default:
      violations.Add("category", "is not a known category");
  }
  filter.scope = {request.scope().region_code(), request.scope().brand_code(), request.scope().business_unit_code()};
  if (request.channel() != nps::v1::CHANNEL_UNSPECIFIED) {
    filter.channel = ChannelFromProto(request.channel());
    if (!filter.channel) violations.Add("channel", "is not a known channel");
  }
  filter.agent_id = request.agent_id();
  filter.queue = request.queue();
  if (request.comment() == nps::v1::WITH_COMMENT) filter.has_comment = true;
  if (request.comment() == nps::v1::WITHOUT_COMMENT) filter.has_comment = false;
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return filter;
}

nps::v1::CheckEligibilityResponse ToProto(const domain::EligibilityDecision& decision) {
  nps::v1::CheckEligibilityResponse proto;
  proto.set_eligible(decision.eligible);
  proto.set_reason(ReasonToProto(decision.reason));
  if (decision.eligible_after) *proto.mutable_eligible_after() = ToProtoTime(*decision.eligible_after);
  return proto;
}

}  // namespace npsd::server
