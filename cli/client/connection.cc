// connection.cc — channel creation and per-call contexts.
#include "cli/client/connection.h"

#include <fstream>
#include <sstream>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/time/clock.h"

namespace npsd::cli {
namespace {

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(const ConnectionOptions& options) {
  if (options.insecure) {
    if (!options.tls_ca_file.empty()) return absl::InvalidArgumentError("--insecure and --tls-ca-file exclude each other");
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  if (!options.tls_ca_file.empty()) {
    std::ifstream file(options.tls_ca_file);
    if (!file) return absl::InvalidArgumentError("cannot read the --tls-ca-file");
    std::stringstream pem;
    pem << file.rdbuf();
    ssl.pem_root_certs = pem.str();
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

absl::StatusOr<Connection> Connection::Open(const ConnectionOptions& options) {
  if (options.address.empty()) return absl::InvalidArgumentError("--address is required");
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials = Credentials(options);
  if (!credentials.ok()) return credentials.status();
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 << 20);
  return Connection(grpc::CreateCustomChannel(options.address, *credentials, arguments), options.token,
                    options.timeout);
}

Connection::Connection(std::shared_ptr<grpc::Channel> channel, std::string token, absl::Duration timeout)
    : channel_(std::move(channel)), token_(std::move(token)), timeout_(timeout) {}

std::unique_ptr<grpc::ClientContext> Connection::NewStreamContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token_.empty()) context->AddMetadata("authorization", "Bearer " + token_);
  return context;
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext() const {
  std::unique_ptr<grpc::ClientContext> context = NewStreamContext();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  return context;
}

}  // namespace npsd::cli
