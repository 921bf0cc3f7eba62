// server_fixture.cc — in-process npsd for end-to-end tests.
#include "tests/server/server_fixture.h"

#include <cstdio>
#include <fstream>

#include <unistd.h>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "tests/support/test_database.h"

namespace npsd::testing {

std::shared_ptr<grpc::Channel> ServerTest::channel_;
std::unique_ptr<nps::v1::TenantService::Stub> ServerTest::tenants_;
std::unique_ptr<server::NpsdServer> ServerTest::server_;

std::string WriteTempFile(const std::string& content) {
  char path[] = "/tmp/npsd-test-XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0) << "cannot create a file under /tmp";
  if (fd >= 0) close(fd);
  std::ofstream(path) << content << "\n";
  return path;
}

void ServerTest::SetUpTestSuite() {
  const std::string key_path = WriteTempFile(kOperatorToken);
  const std::string master_key_path = WriteTempFile(kMasterKeyHex);

  server::ServerConfig config;
  config.master_key_file = master_key_path;
  config.listen_address = "127.0.0.1:0";
  config.database_url = MigratedAppUrl();
  config.operator_key_file = key_path;
  config.insecure = true;
  config.pool_size = 4;
  // Revocation and suspension must show at the very next call in these tests; the
  // cache's delay is covered by tests/auth/caching_authenticator_test.cc.
  config.credential_cache_ttl = absl::ZeroDuration();
  auto server = server::NpsdServer::Start(config);
  std::remove(key_path.c_str());
  std::remove(master_key_path.c_str());
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = std::move(server).value();
  channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                 grpc::InsecureChannelCredentials());
  tenants_ = nps::v1::TenantService::NewStub(channel_);
}

void ServerTest::TearDownTestSuite() {
  tenants_.reset();
  channel_.reset();
  if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  server_.reset();
}

std::unique_ptr<grpc::ClientContext> ServerTest::Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

std::string ServerTest::CreateTenant(const std::string& name) {
  nps::v1::CreateTenantRequest request;
  request.mutable_tenant()->set_display_name(name);
  nps::v1::Tenant tenant;
  const grpc::Status status = tenants_->CreateTenant(Context(kOperatorToken).get(), request, &tenant);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return tenant.id();
}

std::string ServerTest::CreateKey(const std::string& tenant_id,
                                  std::initializer_list<nps::v1::Scope> scopes) {
  nps::v1::CreateApiKeyRequest request;
  request.set_tenant_id(tenant_id);
  request.mutable_api_key()->set_display_name("test key");
  for (nps::v1::Scope scope : scopes) request.mutable_api_key()->add_scopes(scope);
  nps::v1::CreateApiKeyResponse response;
  const grpc::Status status = tenants_->CreateApiKey(Context(kOperatorToken).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.secret();
}

}  // namespace npsd::testing
