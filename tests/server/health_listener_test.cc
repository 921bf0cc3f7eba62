// health_listener_test.cc — the plaintext health-only port (--health-listen).
//
// An npsd in-process, with a health listener beside its main port: the listener
// serves grpc.health.v1.Health and nothing else, and reports exactly what the main port
// reports, including NOT_SERVING while the database is unreachable and from the start
// of a graceful shutdown until the main port has drained. TLS on the main port is
// covered by tls_test.cc.

#include <cstdio>
#include <thread>

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/health_probe.h"
#include "server/npsd_server.h"
#include "tests/server/server_fixture.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

constexpr absl::Duration kProbeTimeout = absl::Seconds(5);

// StartServer serves npsd in plaintext against `database_url`, with a health listener.
std::unique_ptr<server::NpsdServer> StartServer(const std::string& database_url) {
  const std::string master_key_path = WriteTempFile(kMasterKeyHex);
  server::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.health_listen = "127.0.0.1:0";
  config.database_url = database_url;
  config.master_key_file = master_key_path;
  config.insecure = true;
  config.pool_size = 2;
  config.ingest_writers = 1;
  config.retention_interval = absl::ZeroDuration();
  auto server = server::NpsdServer::Start(config);
  std::remove(master_key_path.c_str());
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? std::move(server).value() : nullptr;
}

std::shared_ptr<grpc::Channel> Channel(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

// CallCode makes a unary call of `method` with an empty message and returns its code.
grpc::StatusCode CallCode(const std::shared_ptr<grpc::Channel>& channel, const std::string& method) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kProbeTimeout));
  grpc::CompletionQueue queue;
  grpc::Slice empty("");
  const grpc::ByteBuffer request(&empty, 1);
  auto call = stub.PrepareUnaryCall(&context, method, request, &queue);
  call->StartCall();
  grpc::ByteBuffer response;
  grpc::Status status;
  call->Finish(&response, &status, nullptr);
  void* tag = nullptr;
  bool ok = false;
  EXPECT_TRUE(queue.Next(&tag, &ok));
  return status.error_code();
}

// Watcher is a grpc.health.v1 Watch stream on one port, cancelled when destroyed.
struct Watcher {
  explicit Watcher(const std::shared_ptr<grpc::Channel>& channel)
      : stub(grpc::health::v1::Health::NewStub(channel)), stream(stub->Watch(&context, {})) {}
  ~Watcher() {
    context.TryCancel();
    stream->Finish();
  }

  // Next returns the name of the next status streamed, or "ended".
  std::string Next() {
    HealthCheckResponse response;
    if (!stream->Read(&response)) return "ended";
    return HealthCheckResponse::ServingStatus_Name(response.status());
  }

  std::unique_ptr<grpc::health::v1::Health::Stub> stub;
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> stream;
};

TEST(HealthListenerTest, ServesHealthAndNothingElse) {
  auto server = StartServer(MigratedAppUrl());
  ASSERT_NE(server, nullptr);
  ASSERT_NE(server->health_port(), 0);
  ASSERT_NE(server->health_port(), server->port());
  auto health_port = Channel(server->health_port());
  for (const char* service : {"", "nps.v1.TenantService", "nps.v1.ResponseService"}) {
    absl::StatusOr<std::string> health = server::CheckHealth(health_port, service, kProbeTimeout);
    ASSERT_TRUE(health.ok()) << service << ": " << health.status();
    EXPECT_EQ(*health, "SERVING") << service;
  }
  EXPECT_EQ(server::CheckHealth(health_port, "nps.v1.NoSuchService", kProbeTimeout).status().code(),
            absl::StatusCode::kNotFound);

  // The API and server reflection exist on the main port only.
  const std::string reflection = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
  EXPECT_EQ(CallCode(health_port, "/nps.v1.TenantService/ListTenants"), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(CallCode(health_port, reflection), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_NE(CallCode(Channel(server->port()), reflection), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(CallCode(Channel(server->port()), "/nps.v1.TenantService/ListTenants"),
            grpc::StatusCode::UNAUTHENTICATED);
  server->Shutdown(absl::ZeroDuration());
}

TEST(HealthListenerTest, ReportsNotServingWhileTheDatabaseIsUnreachable) {
  auto server = StartServer("postgresql://npsd_app@127.0.0.1:1/npsd?connect_timeout=1");
  ASSERT_NE(server, nullptr);
  for (int port : {server->port(), server->health_port()}) {
    absl::StatusOr<std::string> health = server::CheckHealth(Channel(port), "", kProbeTimeout);
    ASSERT_TRUE(health.ok()) << health.status();
    EXPECT_EQ(*health, "NOT_SERVING") << "port " << port;
  }
  Watcher watcher(Channel(server->health_port()));
  EXPECT_EQ(watcher.Next(), "NOT_SERVING");
  server->Shutdown(absl::ZeroDuration());
}

TEST(HealthListenerTest, ReportsNotServingFromTheStartOfShutdownUntilTheMainPortHasDrained) {
  auto server = StartServer(MigratedAppUrl());
  ASSERT_NE(server, nullptr);
  // A watch on the main port is a call in flight: the main port drains until it ends.
  Watcher on_main_port(Channel(server->port()));
  Watcher on_health_port(Channel(server->health_port()));
  ASSERT_EQ(on_main_port.Next(), "SERVING");
  ASSERT_EQ(on_health_port.Next(), "SERVING");

  std::thread shutdown([&] { server->Shutdown(absl::Minutes(5)); });
  EXPECT_EQ(on_health_port.Next(), "NOT_SERVING");
  EXPECT_EQ(on_main_port.Next(), "NOT_SERVING");
  absl::StatusOr<std::string> draining = server::CheckHealth(Channel(server->health_port()), "", kProbeTimeout);
  ASSERT_TRUE(draining.ok()) << draining.status();
  EXPECT_EQ(*draining, "NOT_SERVING");

  on_main_port.context.TryCancel();  // the last call in flight ends: shutdown completes
  shutdown.join();
  server->Wait();
  EXPECT_EQ(on_health_port.Next(), "ended");
  EXPECT_FALSE(server::CheckHealth(Channel(server->health_port()), "", absl::Seconds(1)).ok());
}

}  // namespace
}  // namespace npsd::testing
