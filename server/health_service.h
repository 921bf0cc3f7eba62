// health_service.h — grpc.health.v1.Health answering from a HealthState.
//
// Check answers SERVING or NOT_SERVING for "" and the services the state knows, and
// NOT_FOUND for any other name. Watch sends the status at once and again at each
// change (SERVICE_UNKNOWN once for a name the state does not know) until the client
// cancels or the server shuts down. Both run on gRPC's callback API and never block, so
// watchers hold no server thread.
//
//   HealthService health(state);
//   builder.RegisterService(&health);  // one instance per server, one state for all
#ifndef NPSD_SERVER_HEALTH_SERVICE_H_
#define NPSD_SERVER_HEALTH_SERVICE_H_

#include "grpc/health/v1/health.grpc.pb.h"
#include "server/health_state.h"

namespace npsd::server {

// HealthService implements grpc.health.v1.Health over a shared HealthState.
class HealthService final : public grpc::health::v1::Health::CallbackService {
 public:
  // HealthService reads `state`, which must outlive the servers it is registered on.
  explicit HealthService(HealthState& state) : state_(state) {}

  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::health::v1::HealthCheckResponse* response) override;
  grpc::ServerWriteReactor<grpc::health::v1::HealthCheckResponse>* Watch(
      grpc::CallbackServerContext* context, const grpc::health::v1::HealthCheckRequest* request) override;

 private:
  HealthState& state_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_HEALTH_SERVICE_H_
