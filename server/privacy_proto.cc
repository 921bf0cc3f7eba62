// privacy_proto.cc — privacy message conversions and export documents.
#include "server/privacy_proto.h"

#include <google/protobuf/util/json_util.h>

#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "server/proto_time.h"
#include "server/response_proto.h"

namespace npsd::server {
namespace {

using ProtoRequest = nps::v1::DataSubjectRequest;
using domain::DataSubjectRequestStatus;
using domain::DataSubjectRequestType;

constexpr std::pair<DataSubjectRequestType, ProtoRequest::Type> kTypes[] = {
    {DataSubjectRequestType::kAccess, ProtoRequest::ACCESS},
    {DataSubjectRequestType::kRectification, ProtoRequest::RECTIFICATION},
    {DataSubjectRequestType::kErasure, ProtoRequest::ERASURE},
    {DataSubjectRequestType::kRestriction, ProtoRequest::RESTRICTION},
};

constexpr std::pair<DataSubjectRequestStatus, ProtoRequest::Status> kStatuses[] = {
    {DataSubjectRequestStatus::kReceived, ProtoRequest::RECEIVED},
    {DataSubjectRequestStatus::kRunning, ProtoRequest::RUNNING},
    {DataSubjectRequestStatus::kCompleted, ProtoRequest::COMPLETED},
    {DataSubjectRequestStatus::kPartiallyCompleted, ProtoRequest::PARTIALLY_COMPLETED},
    {DataSubjectRequestStatus::kFailed, ProtoRequest::FAILED},
    {DataSubjectRequestStatus::kRejected, ProtoRequest::REJECTED},
};

// kMimeType is the media type of export documents.
constexpr char kMimeType[] = "application/json";

std::optional<DataSubjectRequestType> TypeFromProto(int type) {
  for (const auto& [domain_type, proto_type] : kTypes) {
    if (proto_type == type) return domain_type;
  }
  return std::nullopt;
}

std::optional<DataSubjectRequestStatus> StatusFromProto(int status) {
  for (const auto& [domain_status, proto_status] : kStatuses) {
    if (proto_status == status) return domain_status;
  }
  return std::nullopt;
}

ProtoRequest::Type TypeToProto(DataSubjectRequestType type) {
  for (const auto& [domain_type, proto_type] : kTypes) {
    if (domain_type == type) return proto_type;
  }
  return ProtoRequest::TYPE_UNSPECIFIED;
}

ProtoRequest::Status StatusToProto(DataSubjectRequestStatus status) {
  for (const auto& [domain_status, proto_status] : kStatuses) {
    if (domain_status == status) return proto_status;
  }
  return ProtoRequest::STATUS_UNSPECIFIED;
}

nps::v1::ExportedIdentifier::Kind KindToProto(domain::IdentifierKind kind) {
  switch (kind) {
    case domain::IdentifierKind::kExternalId:
      return nps::v1::ExportedIdentifier::EXTERNAL_ID;
    case domain::IdentifierKind::kEmail:
      return nps::v1::ExportedIdentifier::EMAIL;
    case domain::IdentifierKind::kPhone:
      return nps::v1::ExportedIdentifier::PHONE;
  }
  return nps::v1::ExportedIdentifier::KIND_UNSPECIFIED;
}

nps::v1::ExportedSubject SubjectToProto(const storage::ExportedSubject& subject) {
  nps::v1::ExportedSubject proto;
  proto.set_subject_id(subject.subject_id);
  proto.set_restricted(subject.restricted);
  *proto.mutable_create_time() = ToProtoTime(subject.create_time);
  if (subject.last_surveyed_time) *proto.mutable_last_surveyed_time() = ToProtoTime(*subject.last_surveyed_time);
  for (const storage::ExportedIdentifier& identifier : subject.identifiers) {
    nps::v1::ExportedIdentifier* entry = proto.add_identifiers();
    entry->set_kind(KindToProto(identifier.kind));
    entry->set_value(identifier.value);
  }
  for (const storage::StoredResponse& response : subject.responses) *proto.add_responses() = ToProto(response);
  return proto;
}

domain::RetentionRule RuleFromProto(const nps::v1::RetentionRule& proto) {
  return {proto.personal_data_days(), proto.delete_after_days()};
}

nps::v1::RetentionRule RuleToProto(const domain::RetentionRule& rule) {
  nps::v1::RetentionRule proto;
  proto.set_personal_data_days(rule.personal_data_days);
  proto.set_delete_after_days(rule.delete_after_days);
  return proto;
}

}  // namespace

domain::DataSubjectRequestInput DataSubjectRequestInputFromProto(
    const nps::v1::CreateDataSubjectRequestRequest& proto) {
  domain::DataSubjectRequestInput input;
  input.type = TypeFromProto(proto.type());
  input.identifiers = SubjectIdentityFromProto(proto.identifiers());
  input.rectified_identifiers = SubjectIdentityFromProto(proto.rectified_identifiers());
  input.lift_restriction = proto.lift_restriction();
  input.dry_run = proto.dry_run();
  input.reason = proto.reason();
  return input;
}

nps::v1::DataSubjectRequest ToProto(const domain::DataSubjectRequest& request, absl::Time now) {
  nps::v1::DataSubjectRequest proto;
  proto.set_id(request.id);
  proto.set_type(TypeToProto(request.type));
  proto.set_status(StatusToProto(request.status));
  proto.set_dry_run(request.dry_run);
  proto.set_lift_restriction(request.lift_restriction);
  proto.set_reason(request.reason);
  proto.set_detail(request.detail);
  proto.set_subjects_found(request.subjects_found);
  proto.set_records_found(request.records_found);
  proto.set_records_affected(request.records_affected);
  proto.set_requested_by(request.requested_by);
  *proto.mutable_receive_time() = ToProtoTime(request.receive_time);
  *proto.mutable_due_time() = ToProtoTime(request.due_time);
  if (request.complete_time) *proto.mutable_complete_time() = ToProtoTime(*request.complete_time);
  proto.set_overdue(request.IsOverdue(now));
  return proto;
}

absl::StatusOr<storage::DataSubjectRequestFilter> DataSubjectRequestFilterFromProto(
    const nps::v1::ListDataSubjectRequestsRequest& request) {
  domain::FieldViolations violations;
  storage::DataSubjectRequestFilter filter;
  if (request.type() != ProtoRequest::TYPE_UNSPECIFIED) {
    filter.type = TypeFromProto(request.type());
    if (!filter.type) violations.Add("type", "is not a known request type");
  }
  if (request.status() != ProtoRequest::STATUS_UNSPECIFIED) {
    filter.status = StatusFromProto(request.status());
    if (!filter.status) violations.Add("status", "is not a known request status");
  }
  filter.overdue_only = request.overdue_only();
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return filter;
}

absl::StatusOr<std::string> ExportDocument(const storage::SubjectDataExport& data, absl::Time now) {
  nps::v1::DataSubjectExport proto;
  proto.set_request_id(data.request_id);
  *proto.mutable_export_time() = ToProtoTime(data.export_time);
  for (const storage::ExportedSubject& subject : data.subjects) *proto.add_subjects() = SubjectToProto(subject);
  for (const domain::DataSubjectRequest& request : data.requests) *proto.add_requests() = ToProto(request, now);
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string document;
  if (!google::protobuf::util::MessageToJsonString(proto, &document, options).ok()) {
    return absl::InternalError("the export could not be rendered as JSON");
  }
  return document;
}

std::vector<nps::v1::DataExportChunk> SplitDocument(const std::string& document, size_t chunk_bytes) {
  std::vector<nps::v1::DataExportChunk> chunks;
  size_t offset = 0;
  do {
    nps::v1::DataExportChunk chunk;
    if (offset == 0) chunk.set_content_type(kMimeType);
    chunk.set_offset(static_cast<int64_t>(offset));
    chunk.set_data(document.substr(offset, chunk_bytes));
    offset += chunk.data().size();
    chunk.set_last(offset >= document.size());
    chunks.push_back(std::move(chunk));
  } while (offset < document.size());
  return chunks;
}

absl::StatusOr<domain::PrivacySettings> PrivacySettingsFromProto(const nps::v1::PrivacySettings& proto) {
  domain::PrivacySettings settings;
  switch (proto.erasure_mode()) {
    case nps::v1::PrivacySettings::KEEP_ANONYMOUS_SCORES:
      settings.erasure_mode = domain::ErasureMode::kKeepAnonymousScores;
      break;
    case nps::v1::PrivacySettings::DELETE_RESPONSES:
      settings.erasure_mode = domain::ErasureMode::kDeleteResponses;
      break;
    default:
      return domain::InvalidField("settings.erasure_mode", "must be KEEP_ANONYMOUS_SCORES or DELETE_RESPONSES");
  }
  settings.personal_attribute_keys.assign(proto.personal_attribute_keys().begin(),
                                          proto.personal_attribute_keys().end());
  return settings;
}

nps::v1::PrivacySettings ToProto(const domain::PrivacySettings& settings) {
  nps::v1::PrivacySettings proto;
  proto.set_erasure_mode(settings.erasure_mode == domain::ErasureMode::kKeepAnonymousScores
                             ? nps::v1::PrivacySettings::KEEP_ANONYMOUS_SCORES
                             : nps::v1::PrivacySettings::DELETE_RESPONSES);
  for (const std::string& key : settings.personal_attribute_keys) proto.add_personal_attribute_keys(key);
  return proto;
}

domain::RetentionPolicy RetentionPolicyFromProto(const nps::v1::RetentionPolicy& proto) {
  domain::RetentionPolicy policy;
  policy.default_rule = RuleFromProto(proto.default_rule());
  for (const nps::v1::CampaignRetention& entry : proto.campaign_overrides()) {
    policy.campaign_overrides.push_back({entry.campaign_id(), RuleFromProto(entry.rule()), entry.legal_hold()});
  }
  policy.legal_hold = proto.legal_hold();
  return policy;
}

nps::v1::RetentionPolicy ToProto(const domain::RetentionPolicy& policy) {
  nps::v1::RetentionPolicy proto;
  *proto.mutable_default_rule() = RuleToProto(policy.default_rule);
  for (const domain::CampaignRetention& entry : policy.campaign_overrides) {
    nps::v1::CampaignRetention* override_proto = proto.add_campaign_overrides();
    override_proto->set_campaign_id(entry.campaign_id);
    *override_proto->mutable_rule() = RuleToProto(entry.rule);
    override_proto->set_legal_hold(entry.legal_hold);
  }
  proto.set_legal_hold(policy.legal_hold);
  if (policy.update_time) *proto.mutable_update_time() = ToProtoTime(*policy.update_time);
  return proto;
}

nps::v1::RetentionPreview ToProto(const storage::RetentionPreview& preview) {
  nps::v1::RetentionPreview proto;
  *proto.mutable_as_of() = ToProtoTime(preview.as_of);
  proto.set_responses_to_delete(preview.responses_to_delete);
  proto.set_responses_to_anonymize(preview.responses_to_anonymize);
  proto.set_subjects_to_delete(preview.subjects_to_delete);
  return proto;
}

nps::v1::RetentionRun ToProto(const storage::RetentionRun& run) {
  nps::v1::RetentionRun proto;
  *proto.mutable_as_of() = ToProtoTime(run.as_of);
  proto.set_responses_deleted(run.responses_deleted);
  proto.set_responses_anonymized(run.responses_anonymized);
  proto.set_subjects_deleted(run.subjects_deleted);
  return proto;
}

}  // namespace npsd::server
