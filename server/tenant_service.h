// tenant_service.h — the nps.v1.TenantService gRPC service.
//
// The operator credential manages every tenant; a tenant key with the `admin` scope
// manages its own tenant and keys and sees every other tenant as NOT_FOUND.
#ifndef NPSD_SERVER_TENANT_SERVICE_H_
#define NPSD_SERVER_TENANT_SERVICE_H_

#include <functional>

#include "nps/v1/tenant_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/api_key_repository.h"
#include "storage/tenant_repository.h"

namespace npsd::server {

// TenantService implements nps.v1.TenantService on the repositories.
class TenantService final : public nps::v1::TenantService::Service {
 public:
  // TenantService uses the given runner and repositories, which must outlive it.
  TenantService(CallRunner& runner, storage::TenantRepository& tenants,
                storage::ApiKeyRepository& keys, std::function<absl::Time()> clock = absl::Now);

  grpc::Status CreateTenant(grpc::ServerContext* context, const nps::v1::CreateTenantRequest* request,
                            nps::v1::Tenant* response) override;
  grpc::Status GetTenant(grpc::ServerContext* context, const nps::v1::GetTenantRequest* request,
                         nps::v1::Tenant* response) override;
  grpc::Status ListTenants(grpc::ServerContext* context, const nps::v1::ListTenantsRequest* request,
                           nps::v1::ListTenantsResponse* response) override;
  grpc::Status UpdateTenant(grpc::ServerContext* context, const nps::v1::UpdateTenantRequest* request,
                            nps::v1::Tenant* response) override;
  grpc::Status CreateApiKey(grpc::ServerContext* context, const nps::v1::CreateApiKeyRequest* request,
                            nps::v1::CreateApiKeyResponse* response) override;
  grpc::Status ListApiKeys(grpc::ServerContext* context, const nps::v1::ListApiKeysRequest* request,
                           nps::v1::ListApiKeysResponse* response) override;
  grpc::Status RevokeApiKey(grpc::ServerContext* context, const nps::v1::RevokeApiKeyRequest* request,
                            nps::v1::ApiKey* response) override;

 private:
  CallRunner& runner_;
  storage::TenantRepository& tenants_;
  storage::ApiKeyRepository& keys_;
  std::function<absl::Time()> clock_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_TENANT_SERVICE_H_
