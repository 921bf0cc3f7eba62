// audit_service_test.cc — the audit trail records key and settings changes, per tenant.
#include <gtest/gtest.h>

#include "nps/v1/audit_service.grpc.pb.h"
#include "tests/server/server_fixture.h"

namespace npsd::testing {
namespace {

using nps::v1::Scope;

class AuditServiceTest : public ServerTest {
 protected:
  void SetUp() override { audit_ = nps::v1::AuditService::NewStub(channel_); }

  std::vector<nps::v1::AuditEvent> List(const std::string& token, const std::string& prefix, grpc::Status* status) {
    nps::v1::ListAuditEventsRequest request;
    request.set_action_prefix(prefix);
    nps::v1::ListAuditEventsResponse response;
    *status = audit_->ListAuditEvents(Context(token).get(), request, &response);
    return {response.events().begin(), response.events().end()};
  }

  std::unique_ptr<nps::v1::AuditService::Stub> audit_;
};

TEST_F(AuditServiceTest, KeyAndSettingsChangesAreRecordedWithTheirActor) {
  const std::string tenant = CreateTenant("Audited");
  const std::string admin = CreateKey(tenant, {Scope::SCOPE_ADMIN});
  nps::v1::CreateApiKeyRequest create;
  create.set_tenant_id(tenant);
  create.mutable_api_key()->set_display_name("reporting");
  create.mutable_api_key()->add_scopes(Scope::SCOPE_READ);
  nps::v1::CreateApiKeyResponse created;
  ASSERT_TRUE(tenants_->CreateApiKey(Context(admin).get(), create, &created).ok());
  nps::v1::RevokeApiKeyRequest revoke;
  revoke.set_tenant_id(tenant);
  revoke.set_api_key_id(created.api_key().id());
  nps::v1::ApiKey revoked;
  ASSERT_TRUE(tenants_->RevokeApiKey(Context(admin).get(), revoke, &revoked).ok());
  nps::v1::UpdateTenantRequest update;
  update.mutable_tenant()->set_id(tenant);
  update.mutable_tenant()->set_minimum_sample_size(50);
  update.mutable_update_mask()->add_paths("minimum_sample_size");
  nps::v1::Tenant updated;
  ASSERT_TRUE(tenants_->UpdateTenant(Context(admin).get(), update, &updated).ok());

  grpc::Status status;
  const std::vector<nps::v1::AuditEvent> events = List(admin, "", &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(events.size(), 4u);  // the operator's key creation, then the admin's three changes
  EXPECT_EQ(events[0].action(), "api_key.create");
  EXPECT_EQ(events[0].actor(), "operator");
  EXPECT_EQ(events[1].action(), "api_key.create");
  EXPECT_EQ(events[1].target_id(), created.api_key().id());
  EXPECT_EQ(events[1].details().at("scopes"), "read");
  EXPECT_EQ(events[2].action(), "api_key.revoke");
  EXPECT_EQ(events[2].actor(), events[1].actor());
  EXPECT_EQ(events[3].action(), "tenant.update");
  EXPECT_EQ(events[3].details().at("fields"), "minimum_sample_size");
  for (const auto& event : events) {
    for (const auto& [key, value] : event.details()) EXPECT_EQ(value.find(created.secret()), std::string::npos);
  }
  EXPECT_EQ(List(admin, "api_key.rev", &status).size(), 1u);
}

TEST_F(AuditServiceTest, RefusedKeysOfTheTenantAreRecordedWithoutTheSecret) {
  const std::string tenant = CreateTenant("Refusals");
  const std::string admin = CreateKey(tenant, {Scope::SCOPE_ADMIN});
  std::string wrong = admin;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  nps::v1::GetTenantRequest get;
  get.set_tenant_id(tenant);
  nps::v1::Tenant ignored;
  EXPECT_EQ(tenants_->GetTenant(Context(wrong).get(), get, &ignored).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status status;
  const std::vector<nps::v1::AuditEvent> events = List(admin, "auth.", &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action(), "auth.failure");
  EXPECT_EQ(events[0].outcome(), "UNAUTHENTICATED");
  EXPECT_EQ(events[0].details().at("reason"), "wrong_secret");
  EXPECT_EQ(events[0].SerializeAsString().find(wrong.substr(69)), std::string::npos) << "the secret leaked";
}

TEST_F(AuditServiceTest, TrailIsPerTenantAndNeedsTheAdminScope) {
  const std::string tenant_a = CreateTenant("Audit A");
  const std::string tenant_b = CreateTenant("Audit B");
  CreateKey(tenant_a, {Scope::SCOPE_READ});
  const std::string admin_b = CreateKey(tenant_b, {Scope::SCOPE_ADMIN});
  const std::string reader_b = CreateKey(tenant_b, {Scope::SCOPE_READ});
  grpc::Status status;
  const std::vector<nps::v1::AuditEvent> events = List(admin_b, "", &status);
  ASSERT_TRUE(status.ok());
  for (const auto& event : events) EXPECT_NE(event.target_id(), tenant_a);
  EXPECT_EQ(events.size(), 2u) << "only tenant B's two key creations";
  List(reader_b, "", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  List(kOperatorToken, "", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace npsd::testing
