// tenants.cc — tenant calls and their table.
#include "cli/commands/tenants.h"

#include "absl/strings/str_cat.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/tenant_service.grpc.pb.h"

namespace npsd::cli {
namespace {

// ApplyFields copies the set fields into `tenant` and names them in `mask`.
absl::Status ApplyFields(const TenantFields& fields, nps::v1::Tenant& tenant, google::protobuf::FieldMask& mask) {
  if (fields.display_name) {
    tenant.set_display_name(*fields.display_name);
    mask.add_paths("display_name");
  }
  if (fields.state) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Tenant::State state,
                          ParseEnumLabel<nps::v1::Tenant::State>(*fields.state, "", nps::v1::Tenant_State_Parse,
                                                                 "--state (active or suspended)"));
    tenant.set_state(state);
    mask.add_paths("state");
  }
  if (fields.industry) {
    tenant.set_industry(*fields.industry);
    mask.add_paths("industry");
  }
  if (fields.benchmark_opt_in) {
    tenant.set_industry_benchmark_opt_in(*fields.benchmark_opt_in);
    mask.add_paths("industry_benchmark_opt_in");
  }
  if (fields.minimum_sample_size) {
    tenant.set_minimum_sample_size(*fields.minimum_sample_size);
    mask.add_paths("minimum_sample_size");
  }
  tenant.set_etag(fields.etag);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<nps::v1::Tenant> CreateTenant(const Connection& connection, const TenantFields& fields) {
  nps::v1::CreateTenantRequest request;
  google::protobuf::FieldMask unused;
  NPSD_RETURN_IF_ERROR(ApplyFields(fields, *request.mutable_tenant(), unused));
  nps::v1::Tenant tenant;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(
      nps::v1::TenantService::NewStub(connection.channel())->CreateTenant(connection.NewContext().get(), request, &tenant)));
  return tenant;
}

absl::StatusOr<nps::v1::Tenant> GetTenant(const Connection& connection, const std::string& tenant_id) {
  nps::v1::GetTenantRequest request;
  request.set_tenant_id(tenant_id);
  nps::v1::Tenant tenant;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(
      nps::v1::TenantService::NewStub(connection.channel())->GetTenant(connection.NewContext().get(), request, &tenant)));
  return tenant;
}

absl::StatusOr<std::vector<nps::v1::Tenant>> ListTenants(const Connection& connection, int limit) {
  auto stub = nps::v1::TenantService::NewStub(connection.channel());
  return CollectPages<nps::v1::Tenant>(
      limit, [&](int size, const std::string& token) -> absl::StatusOr<Page<nps::v1::Tenant>> {
        nps::v1::ListTenantsRequest request;
        request.set_page_size(size);
        request.set_page_token(token);
        nps::v1::ListTenantsResponse response;
        NPSD_RETURN_IF_ERROR(FromGrpcStatus(stub->ListTenants(connection.NewContext().get(), request, &response)));
        return Page<nps::v1::Tenant>{{response.tenants().begin(), response.tenants().end()}, response.next_page_token()};
      });
}

absl::StatusOr<nps::v1::Tenant> UpdateTenant(const Connection& connection, const std::string& tenant_id,
                                             const TenantFields& fields) {
  nps::v1::UpdateTenantRequest request;
  request.mutable_tenant()->set_id(tenant_id);
  NPSD_RETURN_IF_ERROR(ApplyFields(fields, *request.mutable_tenant(), *request.mutable_update_mask()));
  if (request.update_mask().paths().empty()) return absl::InvalidArgumentError("give at least one field to change");
  nps::v1::Tenant tenant;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(
      nps::v1::TenantService::NewStub(connection.channel())->UpdateTenant(connection.NewContext().get(), request, &tenant)));
  return tenant;
}

Table TenantTable(const std::vector<nps::v1::Tenant>& tenants) {
  Table table({"id", "display_name", "state", "industry", "benchmark_opt_in", "minimum_sample_size", "create_time",
               "etag"});
  for (const nps::v1::Tenant& tenant : tenants) {
    table.AddRow({tenant.id(), tenant.display_name(), EnumLabel(nps::v1::Tenant_State_Name(tenant.state()), ""),
                  tenant.industry(), tenant.industry_benchmark_opt_in() ? "true" : "false",
                  absl::StrCat(tenant.minimum_sample_size()), FormatTimestamp(tenant.create_time()), tenant.etag()});
  }
  return table;
}

}  // namespace npsd::cli
