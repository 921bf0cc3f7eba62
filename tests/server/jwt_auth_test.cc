// jwt_auth_test.cc — JWT bearer tokens end to end: an npsd configured with an SSO
// issuer, tokens minted at test time, calls over gRPC next to API keys and the operator.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "nps/v1/tenant_service.grpc.pb.h"
#include "server/npsd_server.h"
#include "tests/server/server_fixture.h"
#include "tests/support/jwt_test_keys.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

constexpr char kIssuer[] = "https://sso.example.com/realms/acme";
constexpr char kAudience[] = "npsd";

class JwtAuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char folder[] = "/tmp/npsd-jwt-e2e-XXXXXX";
    ASSERT_NE(mkdtemp(folder), nullptr);
    folder_ = folder;
    key_ = new TestSigningKey(TestSigningKey::GenerateEs256("sso-1"));
    std::ofstream(folder_ / "jwks.json") << JwksDocument({key_->PublicJwk()});
    std::ofstream(folder_ / "issuers.json")
        << absl::StrCat(R"([{"issuer":")", kIssuer, R"(","audience":")", kAudience, R"(","jwks_file":"jwks.json"}])");
    std::ofstream(folder_ / "operator.key") << kOperatorToken;
    std::ofstream(folder_ / "master.key") << kMasterKeyHex;

    server::ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.database_url = MigratedAppUrl();
    config.operator_key_file = (folder_ / "operator.key").string();
    config.master_key_file = (folder_ / "master.key").string();
    config.jwt_issuer_config_file = (folder_ / "issuers.json").string();
    config.insecure = true;
    config.pool_size = 2;
    config.retention_interval = absl::ZeroDuration();
    config.credential_cache_ttl = absl::ZeroDuration();
    auto server = server::NpsdServer::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(server).value();
    tenants_ = nps::v1::TenantService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
  }

  static void TearDownTestSuite() {
    tenants_.reset();
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
    server_.reset();
    delete key_;
    std::filesystem::remove_all(folder_);
  }

  // Token mints a JWT for `tenant` with `scope`, expiring in `lifetime`.
  static std::string Token(const std::string& tenant, const std::string& scope,
                           absl::Duration lifetime = absl::Minutes(5)) {
    const int64_t now = absl::ToUnixSeconds(absl::Now());
    return key_->Mint(absl::StrCat(R"({"iss":")", kIssuer, R"(","aud":")", kAudience, R"(","sub":"alice","exp":)",
                                   now + absl::ToInt64Seconds(lifetime), R"(,"iat":)", now - 600, R"(,"npsd_tenant":")",
                                   tenant, R"(","scope":")", scope, R"("})"));
  }

  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  static std::string CreateTenant(const std::string& name) {
    nps::v1::CreateTenantRequest request;
    request.mutable_tenant()->set_display_name(name);
    nps::v1::Tenant tenant;
    const grpc::Status status = tenants_->CreateTenant(Context(kOperatorToken).get(), request, &tenant);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return tenant.id();
  }

  static grpc::Status GetTenant(const std::string& token, const std::string& id, nps::v1::Tenant* tenant) {
    nps::v1::GetTenantRequest request;
    request.set_tenant_id(id);
    return tenants_->GetTenant(Context(token).get(), request, tenant);
  }

  static inline std::filesystem::path folder_;
  static inline TestSigningKey* key_ = nullptr;
  static inline std::unique_ptr<server::NpsdServer> server_;
  static inline std::unique_ptr<nps::v1::TenantService::Stub> tenants_;
};

TEST_F(JwtAuthTest, AnAdminTokenReadsItsOwnTenantOnly) {
  const std::string own = CreateTenant("JWT own");
  const std::string other = CreateTenant("JWT other");
  const std::string token = Token(own, "read admin");
  nps::v1::Tenant tenant;
  const grpc::Status status = GetTenant(token, own, &tenant);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(tenant.display_name(), "JWT own");
  EXPECT_EQ(GetTenant(token, other, &tenant).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(JwtAuthTest, ScopesComeFromTheScopeClaim) {
  const std::string own = CreateTenant("JWT reader");
  nps::v1::Tenant tenant;
  EXPECT_EQ(GetTenant(Token(own, "read ingest"), own, &tenant).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(JwtAuthTest, TheTenantMustExistAndBeActive) {
  nps::v1::Tenant tenant;
  const std::string unknown = "7b0c3f7e-55a4-4f0e-9d7a-2f54c1d0e9ab";
  EXPECT_EQ(GetTenant(Token(unknown, "admin"), unknown, &tenant).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  const std::string suspended = CreateTenant("JWT suspended");
  nps::v1::UpdateTenantRequest suspend;
  suspend.mutable_tenant()->set_id(suspended);
  suspend.mutable_tenant()->set_state(nps::v1::Tenant::SUSPENDED);
  suspend.mutable_update_mask()->add_paths("state");
  ASSERT_TRUE(tenants_->UpdateTenant(Context(kOperatorToken).get(), suspend, &tenant).ok());
  EXPECT_EQ(GetTenant(Token(suspended, "admin"), suspended, &tenant).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(JwtAuthTest, ExpiredForgedAndForeignTokensAreUnauthenticated) {
  const std::string own = CreateTenant("JWT refused");
  nps::v1::Tenant tenant;
  EXPECT_EQ(GetTenant(Token(own, "admin", absl::Minutes(-5)), own, &tenant).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const TestSigningKey stranger = TestSigningKey::GenerateEs256("sso-1");
  const int64_t exp = absl::ToUnixSeconds(absl::Now()) + 300;
  const std::string forged = stranger.Mint(absl::StrCat(R"({"iss":")", kIssuer, R"(","aud":")", kAudience,
                                                        R"(","sub":"mallory","exp":)", exp, R"(,"npsd_tenant":")", own,
                                                        R"(","scope":"admin"})"));
  const grpc::Status status = GetTenant(forged, own, &tenant);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message().find(forged.substr(0, 20)), std::string::npos);
}

TEST_F(JwtAuthTest, ApiKeysAndTheOperatorStillWork) {
  const std::string own = CreateTenant("JWT neighbours");
  nps::v1::CreateApiKeyRequest request;
  request.set_tenant_id(own);
  request.mutable_api_key()->set_display_name("admin key");
  request.mutable_api_key()->add_scopes(nps::v1::SCOPE_ADMIN);
  nps::v1::CreateApiKeyResponse key;
  ASSERT_TRUE(tenants_->CreateApiKey(Context(kOperatorToken).get(), request, &key).ok());
  nps::v1::Tenant tenant;
  EXPECT_TRUE(GetTenant(key.secret(), own, &tenant).ok());
  EXPECT_TRUE(GetTenant(kOperatorToken, own, &tenant).ok());
}

}  // namespace
}  // namespace npsd::testing
