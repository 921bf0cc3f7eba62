// health_probe.h — a grpc.health.v1 client, for `npsd health` and for tests.
#ifndef NPSD_SERVER_HEALTH_PROBE_H_
#define NPSD_SERVER_HEALTH_PROBE_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace npsd::server {

// CheckHealth asks the server behind `channel` for the status of `service` ("" for the
// whole server) and returns the status name: SERVING, NOT_SERVING, ...
absl::StatusOr<std::string> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                        const std::string& service, absl::Duration timeout);

}  // namespace npsd::server

#endif  // NPSD_SERVER_HEALTH_PROBE_H_
