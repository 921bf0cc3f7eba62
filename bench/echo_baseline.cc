// echo_baseline.cc — the trivial service and its measurement.
#include "bench/echo_baseline.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "grpc/health/v1/health.grpc.pb.h"

namespace npsd::bench {
namespace {

// EchoService answers Check with SERVING and does nothing else.
class EchoService final : public grpc::health::v1::Health::Service {
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest*,
                     grpc::health::v1::HealthCheckResponse* response) override {
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
};

}  // namespace

LoadResult MeasureEcho(int in_flight, absl::Duration duration) {
  EchoService service;
  grpc::ServerBuilder builder;
  grpc::ResourceQuota quota("echo");
  quota.SetMaxThreads(64);
  builder.SetResourceQuota(quota);
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  LoadResult result = ClosedLoop(in_flight, duration, [&](Done done) {
    auto context = std::make_shared<grpc::ClientContext>();
    auto request = std::make_shared<grpc::health::v1::HealthCheckRequest>();
    auto response = std::make_shared<grpc::health::v1::HealthCheckResponse>();
    stub->async()->Check(context.get(), request.get(), response.get(),
                         [context, request, response, done](grpc::Status status) { done(status.ok()); });
  });
  server->Shutdown();
  return result;
}

}  // namespace npsd::bench
