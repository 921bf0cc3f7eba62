// tenant_service_test.cc — TenantService end to end: real gRPC, real PostgreSQL.
#include <set>

#include <gtest/gtest.h>

#include "nps/v1/error_details.pb.h"
#include "server/health_probe.h"
#include "tests/server/server_fixture.h"

namespace npsd::testing {
namespace {

using nps::v1::Scope;

constexpr char kMissingId[] = "00000000-0000-4000-8000-000000000000";

class TenantServiceTest : public ServerTest {
 protected:
  // GetTenantCode returns the status code of GetTenant(tenant_id) called with `token`.
  static grpc::StatusCode GetTenantCode(const std::string& token, const std::string& tenant_id) {
    nps::v1::GetTenantRequest request;
    request.set_tenant_id(tenant_id);
    nps::v1::Tenant tenant;
    return tenants_->GetTenant(Context(token).get(), request, &tenant).error_code();
  }
};

TEST_F(TenantServiceTest, HealthIsServing) {
  auto status = server::CheckHealth(channel_, "", absl::Seconds(5));
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(*status, "SERVING");
}

TEST_F(TenantServiceTest, CallsWithoutValidCredentialAreUnauthenticated) {
  const std::string tenant = CreateTenant("Acme");
  EXPECT_EQ(GetTenantCode("", tenant), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(GetTenantCode("not-a-credential", tenant), grpc::StatusCode::UNAUTHENTICATED);
  std::string forged = CreateKey(tenant, {Scope::SCOPE_ADMIN});
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(GetTenantCode(forged, tenant), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TenantServiceTest, AdminKeyReachesOnlyItsOwnTenant) {
  const std::string tenant_a = CreateTenant("Tenant A");
  const std::string tenant_b = CreateTenant("Tenant B");
  const std::string admin_a = CreateKey(tenant_a, {Scope::SCOPE_ADMIN});
  const std::string admin_b = CreateKey(tenant_b, {Scope::SCOPE_ADMIN});
  EXPECT_EQ(GetTenantCode(admin_a, tenant_a), grpc::StatusCode::OK);
  // A foreign id and a missing id are indistinguishable.
  EXPECT_EQ(GetTenantCode(admin_b, tenant_a), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetTenantCode(admin_b, kMissingId), grpc::StatusCode::NOT_FOUND);

  nps::v1::ListApiKeysRequest list;
  list.set_tenant_id(tenant_a);
  nps::v1::ListApiKeysResponse keys;
  EXPECT_EQ(tenants_->ListApiKeys(Context(admin_b).get(), list, &keys).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(tenants_->ListApiKeys(Context(admin_a).get(), list, &keys).ok());
  ASSERT_EQ(keys.api_keys_size(), 1);

  nps::v1::RevokeApiKeyRequest revoke;
  revoke.set_tenant_id(tenant_a);
  revoke.set_api_key_id(keys.api_keys(0).id());
  nps::v1::ApiKey revoked;
  EXPECT_EQ(tenants_->RevokeApiKey(Context(admin_b).get(), revoke, &revoked).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetTenantCode(admin_a, tenant_a), grpc::StatusCode::OK) << "B revoked A's key";
}

TEST_F(TenantServiceTest, ScopesAndOperatorBoundariesAreEnforced) {
  const std::string tenant = CreateTenant("Scoped");
  const std::string ingest_only = CreateKey(tenant, {Scope::SCOPE_INGEST});
  const std::string admin = CreateKey(tenant, {Scope::SCOPE_ADMIN});
  EXPECT_EQ(GetTenantCode(ingest_only, tenant), grpc::StatusCode::PERMISSION_DENIED);

  nps::v1::ListTenantsRequest list;
  nps::v1::ListTenantsResponse listed;
  EXPECT_EQ(tenants_->ListTenants(Context(admin).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  nps::v1::UpdateTenantRequest suspend;
  suspend.mutable_tenant()->set_id(tenant);
  suspend.mutable_tenant()->set_state(nps::v1::Tenant::SUSPENDED);
  suspend.mutable_update_mask()->add_paths("state");
  nps::v1::Tenant updated;
  EXPECT_EQ(tenants_->UpdateTenant(Context(admin).get(), suspend, &updated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(tenants_->UpdateTenant(Context(kOperatorToken).get(), suspend, &updated).ok());
  EXPECT_EQ(GetTenantCode(admin, tenant), grpc::StatusCode::PERMISSION_DENIED) << "suspended tenant";
}

TEST_F(TenantServiceTest, RevokedKeyStopsWorkingAtOnce) {
  const std::string tenant = CreateTenant("Revocation");
  const std::string admin = CreateKey(tenant, {Scope::SCOPE_ADMIN});
  nps::v1::ListApiKeysRequest list;
  list.set_tenant_id(tenant);
  nps::v1::ListApiKeysResponse keys;
  ASSERT_TRUE(tenants_->ListApiKeys(Context(admin).get(), list, &keys).ok());
  nps::v1::RevokeApiKeyRequest revoke;
  revoke.set_tenant_id(tenant);
  revoke.set_api_key_id(keys.api_keys(0).id());
  nps::v1::ApiKey revoked;
  ASSERT_TRUE(tenants_->RevokeApiKey(Context(admin).get(), revoke, &revoked).ok());
  EXPECT_EQ(revoked.state(), nps::v1::ApiKey::REVOKED);
  EXPECT_EQ(GetTenantCode(admin, tenant), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TenantServiceTest, InvalidRequestNamesFieldsInStructuredDetails) {
  nps::v1::CreateTenantRequest request;
  request.mutable_tenant()->set_industry("Not Valid!");
  nps::v1::Tenant tenant;
  const grpc::Status status = tenants_->CreateTenant(Context(kOperatorToken).get(), request, &tenant);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  nps::v1::ErrorStatus details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  EXPECT_EQ(details.details(0).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  nps::v1::BadRequest bad_request;
  ASSERT_TRUE(bad_request.ParseFromString(details.details(0).value()));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "tenant.display_name");
  EXPECT_EQ(bad_request.field_violations(1).field(), "tenant.industry");
}

TEST_F(TenantServiceTest, StaleEtagIsAborted) {
  const std::string tenant_id = CreateTenant("Etag");
  nps::v1::UpdateTenantRequest update;
  update.mutable_tenant()->set_id(tenant_id);
  update.mutable_tenant()->set_display_name("Renamed once");
  update.mutable_tenant()->set_etag("1");
  update.mutable_update_mask()->add_paths("display_name");
  nps::v1::Tenant updated;
  ASSERT_TRUE(tenants_->UpdateTenant(Context(kOperatorToken).get(), update, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Renamed once");
  EXPECT_EQ(updated.etag(), "2");
  EXPECT_EQ(tenants_->UpdateTenant(Context(kOperatorToken).get(), update, &updated).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(TenantServiceTest, ListTenantsPagesWithoutGapsOrRepeats) {
  for (int i = 0; i < 5; ++i) CreateTenant("Paged " + std::to_string(i));
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    nps::v1::ListTenantsRequest request;
    request.set_page_size(2);
    request.set_page_token(token);
    nps::v1::ListTenantsResponse response;
    ASSERT_TRUE(tenants_->ListTenants(Context(kOperatorToken).get(), request, &response).ok());
    for (const auto& tenant : response.tenants()) EXPECT_TRUE(seen.insert(tenant.id()).second);
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10000);
  EXPECT_GE(seen.size(), 5u);
  EXPECT_GE(pages, 3);
}

}  // namespace
}  // namespace npsd::testing
