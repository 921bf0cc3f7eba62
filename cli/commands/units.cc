// units.cc — catalogue calls and their table.
#include "cli/commands/units.h"

#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/organization_service.grpc.pb.h"

namespace npsd::cli {
namespace {

absl::StatusOr<nps::v1::OrgUnitKind> ParseKind(const std::string& label) {
  return ParseEnumLabel<nps::v1::OrgUnitKind>(label, "", nps::v1::OrgUnitKind_Parse,
                                              "--kind (region, brand or business-unit)");
}

}  // namespace

absl::StatusOr<nps::v1::OrgUnit> CreateUnit(const Connection& connection, const UnitFields& fields) {
  nps::v1::CreateOrgUnitRequest request;
  nps::v1::OrgUnit& unit = *request.mutable_org_unit();
  NPSD_ASSIGN_OR_RETURN(nps::v1::OrgUnitKind kind, ParseKind(fields.kind));
  unit.set_kind(kind);
  unit.set_code(fields.code);
  unit.set_display_name(fields.display_name);
  unit.set_parent_code(fields.parent_code);
  nps::v1::OrgUnit created;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::OrganizationService::NewStub(connection.channel())
                                          ->CreateOrgUnit(connection.NewContext().get(), request, &created)));
  return created;
}

absl::StatusOr<nps::v1::OrgUnit> GetUnit(const Connection& connection, const std::string& id) {
  nps::v1::GetOrgUnitRequest request;
  request.set_id(id);
  nps::v1::OrgUnit unit;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::OrganizationService::NewStub(connection.channel())
                                          ->GetOrgUnit(connection.NewContext().get(), request, &unit)));
  return unit;
}

absl::StatusOr<std::vector<nps::v1::OrgUnit>> ListUnits(const Connection& connection, const UnitFilter& filter) {
  nps::v1::ListOrgUnitsRequest request;
  if (!filter.kind.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::OrgUnitKind kind, ParseKind(filter.kind));
    request.set_kind(kind);
  }
  request.set_parent_code(filter.parent_code);
  request.set_show_archived(filter.show_archived);
  auto stub = nps::v1::OrganizationService::NewStub(connection.channel());
  return CollectPages<nps::v1::OrgUnit>(
      filter.limit, [&](int size, const std::string& token) -> absl::StatusOr<Page<nps::v1::OrgUnit>> {
        request.set_page_size(size);
        request.set_page_token(token);
        nps::v1::ListOrgUnitsResponse response;
        NPSD_RETURN_IF_ERROR(FromGrpcStatus(stub->ListOrgUnits(connection.NewContext().get(), request, &response)));
        return Page<nps::v1::OrgUnit>{{response.org_units().begin(), response.org_units().end()},
                                      response.next_page_token()};
      });
}

absl::StatusOr<nps::v1::OrgUnit> UpdateUnit(const Connection& connection, const std::string& id,
                                            const UnitChanges& changes) {
  nps::v1::UpdateOrgUnitRequest request;
  nps::v1::OrgUnit& unit = *request.mutable_org_unit();
  unit.set_id(id);
  unit.set_etag(changes.etag);
  if (changes.display_name) {
    unit.set_display_name(*changes.display_name);
    request.mutable_update_mask()->add_paths("display_name");
  }
  if (changes.parent_code) {
    unit.set_parent_code(*changes.parent_code);
    request.mutable_update_mask()->add_paths("parent_code");
  }
  if (request.update_mask().paths().empty()) return absl::InvalidArgumentError("give --name and/or --parent");
  nps::v1::OrgUnit updated;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::OrganizationService::NewStub(connection.channel())
                                          ->UpdateOrgUnit(connection.NewContext().get(), request, &updated)));
  return updated;
}

absl::StatusOr<nps::v1::OrgUnit> ArchiveUnit(const Connection& connection, const std::string& id, bool archived,
                                             const std::string& etag) {
  auto stub = nps::v1::OrganizationService::NewStub(connection.channel());
  nps::v1::OrgUnit unit;
  grpc::Status status;
  if (archived) {
    nps::v1::ArchiveOrgUnitRequest request;
    request.set_id(id);
    request.set_etag(etag);
    status = stub->ArchiveOrgUnit(connection.NewContext().get(), request, &unit);
  } else {
    nps::v1::UnarchiveOrgUnitRequest request;
    request.set_id(id);
    request.set_etag(etag);
    status = stub->UnarchiveOrgUnit(connection.NewContext().get(), request, &unit);
  }
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(status));
  return unit;
}

Table UnitTable(const std::vector<nps::v1::OrgUnit>& units) {
  Table table({"id", "kind", "code", "display_name", "parent_code", "archived", "update_time", "etag"});
  for (const nps::v1::OrgUnit& unit : units) {
    table.AddRow({unit.id(), EnumLabel(nps::v1::OrgUnitKind_Name(unit.kind()), ""), unit.code(), unit.display_name(),
                  unit.parent_code(), unit.archived() ? "true" : "false", FormatTimestamp(unit.update_time()),
                  unit.etag()});
  }
  return table;
}

}  // namespace npsd::cli
