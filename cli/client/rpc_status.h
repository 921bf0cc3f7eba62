// rpc_status.h — grpc::Status -> absl::Status for npsctl.
//
//   grpc::Status status = stub->CreateTenant(context.get(), request, &tenant);
//   if (!status.ok()) return FromGrpcStatus(status);
//
// npsd's messages already name every invalid field ("invalid request: tenant.display_name
// is required") and never carry personal data, so they are shown as they are.
#ifndef NPSD_CLI_CLIENT_RPC_STATUS_H_
#define NPSD_CLI_CLIENT_RPC_STATUS_H_

#include <string>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace npsd::cli {

// FromGrpcStatus converts `status`; both libraries number the codes the same way.
absl::Status FromGrpcStatus(const grpc::Status& status);

// StatusCodeName returns the canonical name of a numeric gRPC code, e.g. "INVALID_ARGUMENT".
std::string StatusCodeName(int code);

}  // namespace npsd::cli

#endif  // NPSD_CLI_CLIENT_RPC_STATUS_H_
