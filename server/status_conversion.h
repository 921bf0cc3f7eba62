// status_conversion.h — the single absl::Status -> grpc::Status conversion at the edge.
//
// Field violations recorded with domain::FieldViolations travel as a
// google.rpc.BadRequest inside the standard `grpc-status-details-bin` trailer, so
// clients can point at the exact field (AIP-193).
#ifndef NPSD_SERVER_STATUS_CONVERSION_H_
#define NPSD_SERVER_STATUS_CONVERSION_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace npsd::server {

// ToGrpcStatus converts a status; the code numbering of both libraries is the same.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace npsd::server

#endif  // NPSD_SERVER_STATUS_CONVERSION_H_
