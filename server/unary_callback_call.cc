// unary_callback_call.cc — admit on arrival, log and answer on Finish.
#include "server/unary_callback_call.h"

namespace npsd::server {

UnaryCallbackCall::UnaryCallbackCall(CallRunner& runner, grpc::CallbackServerContext* context,
                                     const RpcMethod& method)
    : runner_(runner), reactor_(context->DefaultReactor()), admitted_(runner.Begin(context, method, ticket_)) {}

grpc::ServerUnaryReactor* UnaryCallbackCall::Finish(const absl::Status& status) {
  reactor_->Finish(runner_.End(ticket_, status));
  return reactor_;
}

}  // namespace npsd::server
