// health_listener.cc — a server with the health service only.
#include "server/health_listener.h"

#include <vector>

#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/security/server_credentials.h>

#include "absl/strings/str_cat.h"

namespace npsd::server {
namespace {

// WithoutPlugins removes from one builder the plugins registered process-wide, such as
// the server reflection that the main port offers.
class WithoutPlugins final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override { plugins->clear(); }
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthListener(const std::string& address, HealthService& service,
                                                                  int& port) {
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<WithoutPlugins>());
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address, " (health port)"));
  }
  return server;
}

}  // namespace npsd::server
