// call_runner.h — what every RPC does around its own logic.
//
// A handler hands its body to CallRunner::Run, which authenticates the credential,
// checks the method's policy, caps the deadline, runs the body, converts its status and
// rate-limits, writes the access log line and the call metrics:
//
//   grpc::Status GetTenant(grpc::ServerContext* context, const GetTenantRequest* request,
//                          Tenant* response) override {
//     return runner_.Run(context, kGetTenant, [&](const CallContext& call) -> absl::Status {...});
//   }
//
// A handler that answers later (gRPC's callback API) calls Begin instead, and End with
// the final status when it answers.
#ifndef NPSD_SERVER_CALL_RUNNER_H_
#define NPSD_SERVER_CALL_RUNNER_H_

#include <functional>
#include <optional>

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "auth/authenticator.h"
#include "auth/method_policy.h"
#include "auth/principal.h"
#include "server/access_log.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"

namespace npsd::server {

// CallContext is what a handler body knows about its call.
struct CallContext {
  auth::Principal principal;
  absl::Time deadline;  // the client's deadline, capped by the server's maximum
};

// RpcMethod names one RPC and its authorization policy.
struct RpcMethod {
  const char* name;  // the full gRPC method name, e.g. "/nps.v1.TenantService/GetTenant"
  auth::MethodPolicy policy;
  bool long_lived = false;  // a stream: the client's deadline is not capped
};

// CallTicket is what CallRunner remembers of a call answered later (callback API).
struct CallTicket {
  CallRecord record;
  absl::Time start;
  std::optional<RateLimiter::StreamSlot> stream_slot;  // held by a stream until End
};

// CallRunner runs handler bodies with authentication, authorization and logging.
class CallRunner {
 public:
  // CallLog receives the record of every finished call.
  using CallLog = std::function<void(const CallRecord&)>;

  // CallRunner authenticates with `authenticator`, rate-limits with `limiter` and
  // counts in `metrics` (all must outlive it), caps every call's deadline at
  // `max_deadline` from its start and writes each call's record to `log`.
  CallRunner(auth::Authenticator& authenticator, RateLimiter& limiter, Metrics& metrics,
             absl::Duration max_deadline, CallLog log = LogCall);

  // Run runs `body` for one call of `method` and returns the call's status.
  grpc::Status Run(grpc::ServerContext* context, const RpcMethod& method,
                   const std::function<absl::Status(const CallContext&)>& body);

  // Begin starts a call of `method` answered later, from another thread: it
  // authenticates, authorizes and rate-limits as Run does (a stream takes one of its
  // tenant's stream slots) and fills `ticket`, which the answer passes to End.
  absl::StatusOr<CallContext> Begin(grpc::ServerContextBase* context, const RpcMethod& method, CallTicket& ticket);

  // End logs and counts the call of `ticket` ending with `status`, and returns the
  // status to answer with.
  grpc::Status End(CallTicket& ticket, const absl::Status& status);

 private:
  // Admit authenticates, authorizes and rate-limits a call; once the caller is
  // authenticated its tenant goes into `record`, so refused calls are logged with it.
  absl::StatusOr<CallContext> Admit(grpc::ServerContextBase* context, const RpcMethod& method,
                                    absl::Time start, CallRecord& record);

  auth::Authenticator& authenticator_;
  RateLimiter& limiter_;
  Metrics& metrics_;
  const absl::Duration max_deadline_;
  const CallLog log_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_CALL_RUNNER_H_
