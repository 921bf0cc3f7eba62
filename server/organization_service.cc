// organization_service.cc — OrganizationService handlers.
#include "server/organization_service.h"

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/etag.h"
#include "server/org_unit_proto.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kCreateOrgUnit{"/nps.v1.OrganizationService/CreateOrgUnit",
                               MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kGetOrgUnit{"/nps.v1.OrganizationService/GetOrgUnit",
                            MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kListOrgUnits{"/nps.v1.OrganizationService/ListOrgUnits",
                              MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kUpdateOrgUnit{"/nps.v1.OrganizationService/UpdateOrgUnit",
                               MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kArchiveOrgUnit{"/nps.v1.OrganizationService/ArchiveOrgUnit",
                                MethodPolicy::TenantScope(Scope::kCampaigns)};
const RpcMethod kUnarchiveOrgUnit{"/nps.v1.OrganizationService/UnarchiveOrgUnit",
                                  MethodPolicy::TenantScope(Scope::kCampaigns)};

// ListFilterKey binds a page token to the tenant and every filter field. Codes cannot
// contain '/', so the key is unambiguous.
std::string ListFilterKey(const std::string& tenant_id, const domain::OrgUnitFilter& filter) {
  return absl::StrCat("org_units/", tenant_id, "/",
                      filter.kind ? domain::OrgUnitKindName(*filter.kind) : "*", "/",
                      filter.parent_code.value_or(""), "/", filter.show_archived ? "all" : "active");
}

}  // namespace

OrganizationService::OrganizationService(CallRunner& runner, storage::OrgUnitRepository& units)
    : runner_(runner), units_(units) {}

grpc::Status OrganizationService::CreateOrgUnit(grpc::ServerContext* context,
                                                const nps::v1::CreateOrgUnitRequest* request,
                                                nps::v1::OrgUnit* response) {
  return runner_.Run(context, kCreateOrgUnit, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnit unit, NewOrgUnitFromProto(request->org_unit()));
    NPSD_RETURN_IF_ERROR(domain::ValidateNewOrgUnit(unit));
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnit created,
                          units_.CreateOrgUnit(call.principal.tenant_id, unit, call.deadline));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status OrganizationService::GetOrgUnit(grpc::ServerContext* context,
                                             const nps::v1::GetOrgUnitRequest* request,
                                             nps::v1::OrgUnit* response) {
  return runner_.Run(context, kGetOrgUnit, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("id", request->id()));
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnit unit,
                          units_.GetOrgUnit(call.principal.tenant_id, id, call.deadline));
    *response = ToProto(unit);
    return absl::OkStatus();
  });
}

grpc::Status OrganizationService::ListOrgUnits(grpc::ServerContext* context,
                                               const nps::v1::ListOrgUnitsRequest* request,
                                               nps::v1::ListOrgUnitsResponse* response) {
  return runner_.Run(context, kListOrgUnits, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnitFilter filter, OrgUnitFilterFromProto(*request));
    const std::string filter_key = ListFilterKey(call.principal.tenant_id, filter);
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), filter_key));
    NPSD_ASSIGN_OR_RETURN(storage::Page<domain::OrgUnit> result,
                          units_.ListOrgUnits(call.principal.tenant_id, filter, page, call.deadline));
    for (const domain::OrgUnit& unit : result.items) *response->add_org_units() = ToProto(unit);
    response->set_next_page_token(NextPageToken(result.next, filter_key));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationService::UpdateOrgUnit(grpc::ServerContext* context,
                                                const nps::v1::UpdateOrgUnitRequest* request,
                                                nps::v1::OrgUnit* response) {
  return runner_.Run(context, kUpdateOrgUnit, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("org_unit.id", request->org_unit().id()));
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnitPatch patch, OrgUnitPatchFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(domain::OrgUnit unit,
                          units_.UpdateOrgUnit(call.principal.tenant_id, id, patch, call.deadline));
    *response = ToProto(unit);
    return absl::OkStatus();
  });
}

grpc::Status OrganizationService::ArchiveOrgUnit(grpc::ServerContext* context,
                                                 const nps::v1::ArchiveOrgUnitRequest* request,
                                                 nps::v1::OrgUnit* response) {
  return runner_.Run(context, kArchiveOrgUnit, [&](const CallContext& call) -> absl::Status {
    return SetArchived(call, request->id(), request->etag(), true, response);
  });
}

grpc::Status OrganizationService::UnarchiveOrgUnit(grpc::ServerContext* context,
                                                   const nps::v1::UnarchiveOrgUnitRequest* request,
                                                   nps::v1::OrgUnit* response) {
  return runner_.Run(context, kUnarchiveOrgUnit, [&](const CallContext& call) -> absl::Status {
    return SetArchived(call, request->id(), request->etag(), false, response);
  });
}

absl::Status OrganizationService::SetArchived(const CallContext& call, const std::string& id,
                                              const std::string& etag, bool archived,
                                              nps::v1::OrgUnit* response) {
  NPSD_ASSIGN_OR_RETURN(std::string unit_id, domain::ParseIdField("id", id));
  NPSD_ASSIGN_OR_RETURN(std::optional<int64_t> version, ParseEtag("etag", etag));
  NPSD_ASSIGN_OR_RETURN(domain::OrgUnit unit,
                        units_.SetOrgUnitArchived(call.principal.tenant_id, unit_id, archived,
                                                  version, call.deadline));
  *response = ToProto(unit);
  return absl::OkStatus();
}

}  // namespace npsd::server
