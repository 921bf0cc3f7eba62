// connection.h — how npsctl reaches npsd: one gRPC channel and the caller's credential.
//
//   ConnectionOptions options;
//   options.address = "npsd.example.com:443";
//   options.token = secret;
//   absl::StatusOr<Connection> connection = Connection::Open(options);
//   auto stub = nps::v1::TenantService::NewStub(connection->channel());
//   stub->GetTenant(connection->NewContext().get(), request, &tenant);
//
// TLS is the default (system roots, or --tls-ca-file); plaintext needs --insecure.
#ifndef NPSD_CLI_CLIENT_CONNECTION_H_
#define NPSD_CLI_CLIENT_CONNECTION_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace npsd::cli {

// ConnectionOptions are npsctl's global connection flags.
struct ConnectionOptions {
  std::string address = "localhost:50051";
  std::string token;        // bearer credential: an API key secret or the operator key
  std::string tls_ca_file;  // PEM roots; empty: the system's
  bool insecure = false;    // plaintext (local development)
  absl::Duration timeout = absl::Seconds(30);  // deadline of each unary call
};

// Connection is a channel plus the credential every call carries.
class Connection {
 public:
  // Open creates the channel described by `options` (it connects lazily);
  // INVALID_ARGUMENT when the CA file cannot be read or TLS options conflict.
  static absl::StatusOr<Connection> Open(const ConnectionOptions& options);

  // Connection wraps an existing channel (tests).
  Connection(std::shared_ptr<grpc::Channel> channel, std::string token, absl::Duration timeout);

  // NewContext returns a context for a unary call: credential and deadline set.
  std::unique_ptr<grpc::ClientContext> NewContext() const;

  // NewStreamContext returns a context for a long stream: credential, no deadline.
  std::unique_ptr<grpc::ClientContext> NewStreamContext() const;

  // channel returns the channel to build stubs on.
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::string token_;
  absl::Duration timeout_;
};

}  // namespace npsd::cli

#endif  // NPSD_CLI_CLIENT_CONNECTION_H_
