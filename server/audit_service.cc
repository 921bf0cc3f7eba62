// audit_service.cc — AuditService handler and conversions.
#include "server/audit_service.h"

#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "server/proto_time.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

const RpcMethod kListAuditEvents{"/nps.v1.AuditService/ListAuditEvents",
                                 auth::MethodPolicy::TenantScope(domain::Scope::kAdmin)};

absl::StatusOr<storage::AuditFilter> FilterFromProto(const nps::v1::ListAuditEventsRequest& request) {
  domain::FieldViolations violations;
  storage::AuditFilter filter;
  domain::CheckText("action_prefix", request.action_prefix(), domain::TextRule{false, 64, false}, violations);
  filter.action_prefix = request.action_prefix();
  if (request.has_after()) {
    absl::StatusOr<absl::Time> after = FromProtoTime("after", request.after());
    violations.AddFrom(after.status());
    if (after.ok()) filter.after = *after;
  }
  if (request.has_before()) {
    absl::StatusOr<absl::Time> before = FromProtoTime("before", request.before());
    violations.AddFrom(before.status());
    if (before.ok()) filter.before = *before;
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return filter;
}

nps::v1::AuditEvent ToProto(const storage::StoredAuditEvent& stored) {
  nps::v1::AuditEvent proto;
  proto.set_id(stored.id);
  *proto.mutable_event_time() = ToProtoTime(stored.event_time);
  proto.set_actor(stored.event.actor);
  proto.set_action(stored.event.action);
  proto.set_target_id(stored.event.target_id);
  proto.set_outcome(stored.event.outcome);
  for (const auto& [key, value] : stored.event.details) (*proto.mutable_details())[key] = value;
  return proto;
}

}  // namespace

grpc::Status AuditService::ListAuditEvents(grpc::ServerContext* context,
                                           const nps::v1::ListAuditEventsRequest* request,
                                           nps::v1::ListAuditEventsResponse* response) {
  return runner_.Run(context, kListAuditEvents, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::AuditFilter filter, FilterFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), filter.Key()));
    NPSD_ASSIGN_OR_RETURN(storage::Page<storage::StoredAuditEvent> result,
                          audit_.ListAuditEvents(call.principal.tenant_id, filter, page, call.deadline));
    for (const storage::StoredAuditEvent& event : result.items) *response->add_events() = ToProto(event);
    response->set_next_page_token(NextPageToken(result.next, filter.Key()));
    return absl::OkStatus();
  });
}

}  // namespace npsd::server
