// response_stream.cc — bounded, commit-acknowledged response streams.
#include "server/response_stream.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "server/response_proto.h"

namespace npsd::server {

ResponseStreamSession::ResponseStreamSession(grpc::ServerContext* context, Stream* stream,
                                             storage::ResponseSink& sink, std::string tenant_id, int max_in_flight,
                                             absl::Duration item_timeout)
    : context_(context),
      stream_(stream),
      sink_(sink),
      tenant_id_(std::move(tenant_id)),
      max_in_flight_(max_in_flight),
      item_timeout_(item_timeout) {}

absl::Status ResponseStreamSession::Run() {
  std::thread writer([this] { WriteAcks(); });
  nps::v1::StreamResponsesRequest request;
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      const auto has_room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        return in_flight_ < max_in_flight_ || write_failed_;
      };
      mutex_.Await(absl::Condition(&has_room));
      if (write_failed_) break;
    }
    if (!stream_->Read(&request)) break;
    Submit(request);
  }
  {
    absl::MutexLock lock(&mutex_);
    reading_done_ = true;
  }
  writer.join();
  if (context_->IsCancelled()) return absl::CancelledError("the client cancelled the stream");
  return absl::OkStatus();
}

void ResponseStreamSession::Submit(const nps::v1::StreamResponsesRequest& request) {
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

void ResponseStreamSession::PushAck(nps::v1::SubmitResponseResult ack) {
  absl::MutexLock lock(&mutex_);
  acks_.push_back(std::move(ack));
}

void ResponseStreamSession::WriteAcks() {
  std::deque<nps::v1::SubmitResponseResult> ready_acks;
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      const auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        return !acks_.empty() || (reading_done_ && in_flight_ == 0);
      };
      mutex_.Await(absl::Condition(&ready));
      if (acks_.empty()) return;  // reading is done and every item was acked
      ready_acks.swap(acks_);
    }
    // Every ack but the last may wait in gRPC's buffer: a committed batch leaves in a
    // few frames instead of one write per item.
    bool written = true;
    const int count = static_cast<int>(ready_acks.size());
    for (int i = 0; i < count && written; ++i) {
      grpc::WriteOptions options;
      if (i + 1 < count) options.set_buffer_hint();
      written = stream_->Write(ready_acks[i], options);
    }
    ready_acks.clear();
    // A failed write (client gone) still counts the items out, so outstanding callbacks
    // find the session alive and the reader stops.
    absl::MutexLock lock(&mutex_);
    in_flight_ -= count;
    if (!written) write_failed_ = true;
  }
}

}  // namespace npsd::server
