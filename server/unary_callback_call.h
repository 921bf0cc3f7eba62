// unary_callback_call.h — a unary call on gRPC's callback API, answered later.
//
// The handler makes one when the call arrives (it is admitted then, as CallRunner::Run
// admits a synchronous call) and any thread answers it once with Finish, which logs the
// call and ends it:
//
//   auto call = std::make_shared<UnaryCallbackCall>(runner_, context, kSubmitResponse);
//   if (!call->admitted().ok()) return call->Finish(call->admitted().status());
//   sink_.Submit(item, [call](SubmitOutcome outcome) { call->Finish(outcome.status); });
//   return call->reactor();
#ifndef NPSD_SERVER_UNARY_CALLBACK_CALL_H_
#define NPSD_SERVER_UNARY_CALLBACK_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/statusor.h"
#include "server/call_runner.h"

namespace npsd::server {

// UnaryCallbackCall is one admitted-or-refused unary call awaiting its answer.
class UnaryCallbackCall {
 public:
  // UnaryCallbackCall admits the call of `method` in `context` through `runner`.
  UnaryCallbackCall(CallRunner& runner, grpc::CallbackServerContext* context, const RpcMethod& method);

  // admitted is the caller's context, or why the call was refused.
  const absl::StatusOr<CallContext>& admitted() const { return admitted_; }

  // reactor is what the handler returns to gRPC.
  grpc::ServerUnaryReactor* reactor() const { return reactor_; }

  // Finish logs the call with `status` and answers it; call it once. Returns reactor().
  grpc::ServerUnaryReactor* Finish(const absl::Status& status);

 private:
  CallRunner& runner_;
  grpc::ServerUnaryReactor* const reactor_;
  CallTicket ticket_;
  const absl::StatusOr<CallContext> admitted_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_UNARY_CALLBACK_CALL_H_
