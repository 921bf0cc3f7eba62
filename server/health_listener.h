// health_listener.h — the plaintext port that serves grpc.health.v1.Health and nothing else.
//
// Probes that cannot speak TLS or carry a credential (the image's HEALTHCHECK through
// `npsd health`, kubelet gRPC probes) ask this port while the main port serves TLS or
// mTLS. It answers from the same HealthState as the main port, without authentication,
// and serves no other service (not even reflection): any other call is UNIMPLEMENTED.
//
//   int port = 0;
//   NPSD_ASSIGN_OR_RETURN(std::unique_ptr<grpc::Server> listener,
//                         StartHealthListener("0.0.0.0:50052", health_service, port));
#ifndef NPSD_SERVER_HEALTH_LISTENER_H_
#define NPSD_SERVER_HEALTH_LISTENER_H_

#include <memory>
#include <string>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "server/health_service.h"

namespace npsd::server {

// StartHealthListener serves `service` alone, in plaintext, on `address` and sets `port`
// to the port bound; UNAVAILABLE when it cannot listen there. `service` must outlive
// the server.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthListener(const std::string& address, HealthService& service,
                                                                  int& port);

}  // namespace npsd::server

#endif  // NPSD_SERVER_HEALTH_LISTENER_H_
