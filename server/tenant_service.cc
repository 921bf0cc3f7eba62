// tenant_service.cc — TenantService handlers.
#include "server/tenant_service.h"

#include <utility>

#include "auth/api_key_token.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/tenant_proto.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kCreateTenant{"/nps.v1.TenantService/CreateTenant", MethodPolicy::OperatorOnly()};
const RpcMethod kGetTenant{"/nps.v1.TenantService/GetTenant", MethodPolicy::OperatorOrScope(Scope::kAdmin)};
const RpcMethod kListTenants{"/nps.v1.TenantService/ListTenants", MethodPolicy::OperatorOnly()};
const RpcMethod kUpdateTenant{"/nps.v1.TenantService/UpdateTenant", MethodPolicy::OperatorOrScope(Scope::kAdmin)};
const RpcMethod kCreateApiKey{"/nps.v1.TenantService/CreateApiKey", MethodPolicy::OperatorOrScope(Scope::kAdmin)};
const RpcMethod kListApiKeys{"/nps.v1.TenantService/ListApiKeys", MethodPolicy::OperatorOrScope(Scope::kAdmin)};
const RpcMethod kRevokeApiKey{"/nps.v1.TenantService/RevokeApiKey", MethodPolicy::OperatorOrScope(Scope::kAdmin)};

// The filter key of key lists: a page token is only valid for the tenant it was issued for.
std::string KeyListFilter(const std::string& tenant_id) { return "api_keys/" + tenant_id; }

}  // namespace

TenantService::TenantService(CallRunner& runner, storage::TenantRepository& tenants,
                             storage::ApiKeyRepository& keys, std::function<absl::Time()> clock)
    : runner_(runner), tenants_(tenants), keys_(keys), clock_(std::move(clock)) {}

grpc::Status TenantService::CreateTenant(grpc::ServerContext* context,
                                         const nps::v1::CreateTenantRequest* request,
                                         nps::v1::Tenant* response) {
  return runner_.Run(context, kCreateTenant, [&](const CallContext& call) -> absl::Status {
    const domain::Tenant tenant = NewTenantFromProto(request->tenant());
    NPSD_RETURN_IF_ERROR(domain::ValidateNewTenant(tenant));
    NPSD_ASSIGN_OR_RETURN(domain::Tenant created, tenants_.CreateTenant(tenant, call.deadline));
    *response = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status TenantService::GetTenant(grpc::ServerContext* context,
                                      const nps::v1::GetTenantRequest* request,
                                      nps::v1::Tenant* response) {
  return runner_.Run(context, kGetTenant, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string tenant_id,
                          auth::TargetTenant(call.principal, "tenant_id", request->tenant_id()));
    NPSD_ASSIGN_OR_RETURN(domain::Tenant tenant, tenants_.GetTenant(tenant_id, call.deadline));
    *response = ToProto(tenant);
    return absl::OkStatus();
  });
}

grpc::Status TenantService::ListTenants(grpc::ServerContext* context,
                                        const nps::v1::ListTenantsRequest* request,
                                        nps::v1::ListTenantsResponse* response) {
  return runner_.Run(context, kListTenants, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), "tenants"));
    NPSD_ASSIGN_OR_RETURN(storage::Page<domain::Tenant> result,
                          tenants_.ListAllTenants(page, call.deadline));
    for (const domain::Tenant& tenant : result.items) *response->add_tenants() = ToProto(tenant);
    response->set_next_page_token(NextPageToken(result.next, "tenants"));
    return absl::OkStatus();
  });
}

grpc::Status TenantService::UpdateTenant(grpc::ServerContext* context,
                                         const nps::v1::UpdateTenantRequest* request,
                                         nps::v1::Tenant* response) {
  return runner_.Run(context, kUpdateTenant, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string tenant_id,
                          auth::TargetTenant(call.principal, "tenant.id", request->tenant().id()));
    NPSD_ASSIGN_OR_RETURN(domain::TenantPatch patch, TenantPatchFromProto(*request));
    if (patch.state.has_value() && !call.principal.is_operator()) {
      return absl::PermissionDeniedError("only the operator may change a tenant's state");
    }
    NPSD_ASSIGN_OR_RETURN(domain::Tenant tenant, tenants_.UpdateTenant(tenant_id, patch, call.principal.credential_id, call.deadline));
    *response = ToProto(tenant);
    return absl::OkStatus();
  });
}

grpc::Status TenantService::CreateApiKey(grpc::ServerContext* context,
                                         const nps::v1::CreateApiKeyRequest* request,
                                         nps::v1::CreateApiKeyResponse* response) {
  return runner_.Run(context, kCreateApiKey, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string tenant_id,
                          auth::TargetTenant(call.principal, "tenant_id", request->tenant_id()));
    NPSD_ASSIGN_OR_RETURN(domain::NewApiKey new_key, NewApiKeyFromProto(request->api_key()));
    NPSD_RETURN_IF_ERROR(domain::ValidateNewApiKey(new_key, clock_()));
    NPSD_ASSIGN_OR_RETURN(std::string secret, auth::NewApiKeySecret());
    NPSD_ASSIGN_OR_RETURN(domain::ApiKey key, keys_.CreateApiKey(tenant_id, new_key, auth::SecretHash(secret),
                                                                 call.principal.credential_id, call.deadline));
    *response->mutable_api_key() = ToProto(key, clock_());
    response->set_secret(auth::FormatApiKeyToken({key.tenant_id, key.id, secret}));
    return absl::OkStatus();
  });
}

grpc::Status TenantService::ListApiKeys(grpc::ServerContext* context,
                                        const nps::v1::ListApiKeysRequest* request,
                                        nps::v1::ListApiKeysResponse* response) {
  return runner_.Run(context, kListApiKeys, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string tenant_id,
                          auth::TargetTenant(call.principal, "tenant_id", request->tenant_id()));
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), KeyListFilter(tenant_id)));
    NPSD_ASSIGN_OR_RETURN(storage::Page<domain::ApiKey> result,
                          keys_.ListApiKeys(tenant_id, page, call.deadline));
    const absl::Time now = clock_();
    for (const domain::ApiKey& key : result.items) *response->add_api_keys() = ToProto(key, now);
    response->set_next_page_token(NextPageToken(result.next, KeyListFilter(tenant_id)));
    return absl::OkStatus();
  });
}

grpc::Status TenantService::RevokeApiKey(grpc::ServerContext* context,
                                         const nps::v1::RevokeApiKeyRequest* request,
                                         nps::v1::ApiKey* response) {
  return runner_.Run(context, kRevokeApiKey, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string tenant_id,
                          auth::TargetTenant(call.principal, "tenant_id", request->tenant_id()));
    NPSD_ASSIGN_OR_RETURN(std::string key_id, domain::ParseIdField("api_key_id", request->api_key_id()));
    NPSD_ASSIGN_OR_RETURN(domain::ApiKey key, keys_.RevokeApiKey(tenant_id, key_id, call.principal.credential_id, call.deadline));
    *response = ToProto(key, clock_());
    return absl::OkStatus();
  });
}

}  // namespace npsd::server
