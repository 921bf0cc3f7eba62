// server_fixture.h — a real npsd on a loopback port with a real gRPC channel.
//
// The server runs in-process against the test PostgreSQL as the unprivileged runtime
// role; clients talk to it over TCP exactly as external clients do.
#ifndef NPSD_TESTS_SERVER_SERVER_FIXTURE_H_
#define NPSD_TESTS_SERVER_SERVER_FIXTURE_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "nps/v1/tenant_service.grpc.pb.h"
#include "server/npsd_server.h"

namespace npsd::testing {

// kOperatorToken is the operator credential of the test server.
inline constexpr char kOperatorToken[] = "test-operator-credential-0123456789abcdef";

// kMasterKeyHex is the master key of the test server (personal data encryption).
inline constexpr char kMasterKeyHex[] = "5f0e6c1d2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";

// WriteTempFile writes `content` and a newline to a new private file under /tmp and
// returns its path (key files for servers started by tests); the caller removes it.
std::string WriteTempFile(const std::string& content);

// ServerTest starts one npsd per test suite.
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // Context returns a client context carrying `token` as bearer credential (none when
  // empty) and a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);

  // CreateTenant creates a tenant as the operator and returns its id.
  static std::string CreateTenant(const std::string& name);

  // CreateKey issues a key of `tenant_id` with `scopes` and returns its secret.
  static std::string CreateKey(const std::string& tenant_id, std::initializer_list<nps::v1::Scope> scopes);

  static std::shared_ptr<grpc::Channel> channel_;
  static std::unique_ptr<nps::v1::TenantService::Stub> tenants_;

 private:
  static std::unique_ptr<server::NpsdServer> server_;
};

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SERVER_SERVER_FIXTURE_H_
