// keys.cc — API key calls and their table.
#include "cli/commands/keys.h"

#include "absl/strings/str_join.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/tenant_service.grpc.pb.h"

namespace npsd::cli {

absl::StatusOr<CreatedKey> CreateKey(const Connection& connection, const std::string& tenant_id,
                                     const std::string& display_name, const std::vector<std::string>& scopes,
                                     const std::string& expire_time) {
  nps::v1::CreateApiKeyRequest request;
  request.set_tenant_id(tenant_id);
  nps::v1::ApiKey& key = *request.mutable_api_key();
  key.set_display_name(display_name);
  for (const std::string& label : scopes) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Scope scope, ParseEnumLabel<nps::v1::Scope>(label, "SCOPE_", nps::v1::Scope_Parse,
                                                                                 "--scopes (ingest, read, campaigns, "
                                                                                 "privacy, admin)"));
    key.add_scopes(scope);
  }
  if (!expire_time.empty()) {
    NPSD_ASSIGN_OR_RETURN(*key.mutable_expire_time(), ParseTimestamp(expire_time, "--expires"));
  }
  nps::v1::CreateApiKeyResponse response;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::TenantService::NewStub(connection.channel())
                                          ->CreateApiKey(connection.NewContext().get(), request, &response)));
  return CreatedKey{response.api_key(), response.secret()};
}

absl::StatusOr<std::vector<nps::v1::ApiKey>> ListKeys(const Connection& connection, const std::string& tenant_id,
                                                      int limit) {
  auto stub = nps::v1::TenantService::NewStub(connection.channel());
  return CollectPages<nps::v1::ApiKey>(
      limit, [&](int size, const std::string& token) -> absl::StatusOr<Page<nps::v1::ApiKey>> {
        nps::v1::ListApiKeysRequest request;
        request.set_tenant_id(tenant_id);
        request.set_page_size(size);
        request.set_page_token(token);
        nps::v1::ListApiKeysResponse response;
        NPSD_RETURN_IF_ERROR(FromGrpcStatus(stub->ListApiKeys(connection.NewContext().get(), request, &response)));
        return Page<nps::v1::ApiKey>{{response.api_keys().begin(), response.api_keys().end()},
                                     response.next_page_token()};
      });
}

absl::StatusOr<nps::v1::ApiKey> RevokeKey(const Connection& connection, const std::string& tenant_id,
                                          const std::string& key_id) {
  nps::v1::RevokeApiKeyRequest request;
  request.set_tenant_id(tenant_id);
  request.set_api_key_id(key_id);
  nps::v1::ApiKey key;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(
      nps::v1::TenantService::NewStub(connection.channel())->RevokeApiKey(connection.NewContext().get(), request, &key)));
  return key;
}

Table KeyTable(const std::vector<nps::v1::ApiKey>& keys, const std::string& secret) {
  std::vector<std::string> columns = {"id", "tenant_id", "display_name", "scopes", "state", "create_time",
                                      "expire_time", "revoke_time"};
  if (!secret.empty()) columns.push_back("secret");
  Table table(columns);
  for (const nps::v1::ApiKey& key : keys) {
    std::vector<std::string> scopes;
    for (int scope : key.scopes()) scopes.push_back(EnumLabel(nps::v1::Scope_Name(scope), "SCOPE_"));
    table.AddRow({key.id(), key.tenant_id(), key.display_name(), absl::StrJoin(scopes, " "),
                  EnumLabel(nps::v1::ApiKey_State_Name(key.state()), ""), FormatTimestamp(key.create_time()),
                  FormatTimestamp(key.expire_time()), FormatTimestamp(key.revoke_time()), secret});
  }
  return table;
}

}  // namespace npsd::cli
