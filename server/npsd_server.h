// npsd_server.h — assembles and runs the gRPC server: services, health, reflection.
//
//   NPSD_ASSIGN_OR_RETURN(auto server, NpsdServer::Start(config));
//   server->Wait();
//
// Health (grpc.health.v1) reports SERVING for "" and every nps.v1 service while the
// database answers, NOT_SERVING while it does not (checked every few seconds) and from
// the start of a graceful shutdown. With `health_listen` set, a second, plaintext port
// serves that same health and nothing else (see health_listener.h).
#ifndef NPSD_SERVER_NPSD_SERVER_H_
#define NPSD_SERVER_NPSD_SERVER_H_

#include <memory>
#include <string>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "server/server_config.h"

namespace npsd::server {

// NpsdServer is a running npsd.
class NpsdServer {
 public:
  // Start builds everything from `config` and starts serving.
  static absl::StatusOr<std::unique_ptr<NpsdServer>> Start(const ServerConfig& config);

  virtual ~NpsdServer() = default;

  // port is the TCP port actually bound (useful with port 0).
  virtual int port() const = 0;

  // health_port is the port of the health listener; 0 when there is none.
  virtual int health_port() const = 0;

  // Shutdown reports NOT_SERVING, stops accepting calls, lets calls in flight finish
  // until `grace` has passed, then cancels the rest; the health listener answers
  // NOT_SERVING until then and stops last.
  virtual void Shutdown(absl::Duration grace) = 0;

  // Wait blocks until the server has shut down.
  virtual void Wait() = 0;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_NPSD_SERVER_H_
