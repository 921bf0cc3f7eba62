// response_stream.cc — bounded, commit-acknowledged response streams.
#include "server/response_stream.h"

#include "server/response_proto.h"

namespace npsd::server {

ResponseStreamReactor::ResponseStreamReactor(grpc::CallbackServerContext* context, CallRunner& runner,
                                             const RpcMethod& method, storage::ResponseSink& sink, int max_in_flight,
                                             absl::Duration item_timeout)
    : runner_(runner), sink_(sink), max_in_flight_(max_in_flight), item_timeout_(item_timeout) {
  absl::StatusOr<CallContext> call = runner_.Begin(context, method, ticket_);
  if (!call.ok()) {
    Finish(runner_.End(ticket_, call.status()));
    return;
  }
  tenant_id_ = call->principal.tenant_id;
  Next next;
  {
    absl::MutexLock lock(&mutex_);
    next = Advance();
  }
  Start(next);
}

void ResponseStreamReactor::OnReadDone(bool ok) {
  if (ok) Submit(request_);
  Next next;
  {
    absl::MutexLock lock(&mutex_);
    reading_ = false;
    if (!ok) reading_done_ = true;
    next = Advance();
  }
  Start(next);
}

void ResponseStreamReactor::OnWriteDone(bool ok) {
  Next next;
  {
    absl::MutexLock lock(&mutex_);
    writing_ = false;
    in_flight_ -= writing_acks_.results_size();
    if (!ok) client_gone_ = true;
    next = Advance();
  }
  Start(next);
}

void ResponseStreamReactor::OnCancel() {
  Next next;
  {
    absl::MutexLock lock(&mutex_);
    client_gone_ = true;
    next = Advance();
  }
  Start(next);
}

void ResponseStreamReactor::Submit(const nps::v1::StreamResponsesRequest& request) {
  {
    absl::MutexLock lock(&mutex_);
    ++in_flight_;
  }
  const int64_t sequence = request.sequence();
  absl::StatusOr<domain::ResponseInput> input = ResponseInputFromProto(request.response(), "response.");
  if (!input.ok()) {
    PushAck(ToResult(sequence, storage::SubmitOutcome{input.status(), "", false, {}}));
    return;
  }
  const absl::Time now = absl::Now();
  storage::SubmitItem item{tenant_id_, *std::move(input), now, now + item_timeout_, "response."};
  sink_.Submit(std::move(item), [this, sequence](storage::SubmitOutcome outcome) {
    PushAck(ToResult(sequence, outcome));
  });
}

void ResponseStreamReactor::PushAck(nps::v1::SubmitResponseResult ack) {
  Next next;
  {
    absl::MutexLock lock(&mutex_);
    pending_acks_.add_results()->Swap(&ack);
    next = Advance();
  }
  Start(next);
}

ResponseStreamReactor::Next ResponseStreamReactor::Advance() {
  Next next;
  if (finished_) return next;
  if (client_gone_) {
    // Nothing more is read or written; the acks still owed only count down.
    in_flight_ -= pending_acks_.results_size();
    pending_acks_.Clear();
    if (!reading_) reading_done_ = true;
  }
  if (!writing_ && pending_acks_.results_size() > 0) {
    // The message last written is done with: its elements are reused for the next one.
    writing_acks_.Clear();
    writing_acks_.Swap(&pending_acks_);
    writing_ = true;
    next.write = true;
  }
  if (!reading_ && !reading_done_ && in_flight_ < max_in_flight_) {
    reading_ = true;
    next.read = true;
  }
  if (reading_done_ && !reading_ && !writing_ && in_flight_ == 0) {
    finished_ = true;
    next.finish = true;
    next.cancelled = client_gone_;
  }
  return next;
}

void ResponseStreamReactor::Start(const Next& next) {
  if (next.write) StartWrite(&writing_acks_);
  if (next.read) StartRead(&request_);
  if (next.finish) {
    Finish(runner_.End(ticket_, next.cancelled ? absl::CancelledError("the client cancelled the stream")
                                               : absl::OkStatus()));
  }
}

}  // namespace npsd::server
