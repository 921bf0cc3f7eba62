// ingest_workloads.cc — ingestion load scenarios over the public API.
#include "bench/ingest_workloads.h"

#include <atomic>
#include <thread>
#include <vector>

#include <grpcpp/client_context.h>
#include <grpcpp/support/client_callback.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "tests/support/ingestion_setup.h"

namespace npsd::bench {
namespace {

std::atomic<int64_t> next_key{0};

// kWritesPerSend is how many stream messages the load generator hands to one send.
constexpr int kWritesPerSend = 16;

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  return testing::BearerContext(token, std::chrono::hours(1));
}

// SetText replaces `*text` with the concatenation of `pieces`, reusing its buffer.
template <typename... Pieces>
void SetText(std::string* text, const Pieces&... pieces) {
  text->clear();
  absl::StrAppend(text, pieces...);
}

// FillInput makes `input` a realistic post-call response with a unique idempotency key,
// in place: a stream reuses one message, and the load generator should cost the machine
// as little as it can.
void FillInput(const IngestTarget& target, nps::v1::ResponseInput* input) {
  const int64_t n = next_key.fetch_add(1);
  input->set_campaign_id(target.campaign_id);
  input->set_score(static_cast<int32_t>(n % 11));
  input->set_channel(nps::v1::VOICE_POST_CALL);
  SetText(input->mutable_idempotency_key(), "bench-", n);
  nps::v1::ContactCenterContext* context = input->mutable_contact_center();
  SetText(context->mutable_interaction_id(), "interaction-", n);
  SetText(context->mutable_agent_id(), "agent-", n % 50);
  context->set_queue(n % 2 ? "billing" : "support");
  context->set_wait_seconds(static_cast<int32_t>(n % 300));
  context->set_handle_seconds(static_cast<int32_t>(n % 900));
  if (n % 5 == 0) {
    input->set_comment("Agent très aimable, problème résolu rapidement.");
  } else {
    input->clear_comment();
  }
  if (n % 3 == 0) {
    SetText(input->mutable_subject()->mutable_external_id(), "customer-", n % 20000);
  } else {
    input->clear_subject();
  }
}

// StreamClient is one StreamResponses call on gRPC's callback API: it writes responses
// one after the other until `until` and counts the acks of stored ones. No thread waits
// on it: gRPC runs its reactions, and the window of unacked messages the server allows
// paces the writes.
class StreamClient final
    : public grpc::ClientBidiReactor<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse> {
 public:
  StreamClient(nps::v1::ResponseService::Stub& stub, const IngestTarget& target, absl::Time until,
               std::atomic<int64_t>& acked)
      : target_(target), until_(until), acked_(acked), context_(Context(target.token)) {
    stub.async()->StreamResponses(context_.get(), this);
    StartRead(&acks_);
    WriteNext();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok && absl::Now() < until_) {
      WriteNext();
    } else {
      StartWritesDone();
    }
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // the server ended the stream: OnDone follows
    int64_t stored = 0;
    for (const nps::v1::SubmitResponseResult& ack : acks_.results()) stored += ack.code() == 0 ? 1 : 0;
    acked_.fetch_add(stored, std::memory_order_relaxed);
    StartRead(&acks_);
  }

  void OnDone(const grpc::Status&) override { done_.Notify(); }

  // Wait returns once the call has ended.
  void Wait() { done_.WaitForNotification(); }

 private:
  // WriteNext writes the next response. Fifteen writes in sixteen carry gRPC's buffer
  // hint, so they leave in one send with the sixteenth, as a platform pushing a backlog
  // sends them; the server still reads, stores and acks each message on its own.
  void WriteNext() {
    request_.set_sequence(sequence_++);
    FillInput(target_, request_.mutable_response());
    grpc::WriteOptions options;
    if (sequence_ % kWritesPerSend != 0) options.set_buffer_hint();
    StartWrite(&request_, options);
  }

  const IngestTarget& target_;
  const absl::Time until_;
  std::atomic<int64_t>& acked_;
  std::unique_ptr<grpc::ClientContext> context_;
  nps::v1::StreamResponsesRequest request_;  // the write in flight
  nps::v1::StreamResponsesResponse acks_;    // the read in flight
  int64_t sequence_ = 0;
  absl::Notification done_;
};

}  // namespace

double MeasureStreamIngest(const IngestTarget& target, int streams, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  std::atomic<int64_t> acked{0};
  const absl::Time start = absl::Now();
  std::vector<std::unique_ptr<StreamClient>> clients;
  for (int s = 0; s < streams; ++s) {
    clients.push_back(std::make_unique<StreamClient>(*stub, target, start + duration, acked));
  }
  for (auto& client : clients) client->Wait();
  return static_cast<double>(acked.load()) / absl::ToDoubleSeconds(absl::Now() - start);
}

double MeasureBatchIngest(const IngestTarget& target, int callers, int batch_size, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  std::atomic<int64_t> stored{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> clients;
  for (int c = 0; c < callers; ++c) {
    clients.emplace_back([&] {
      while (absl::Now() - start < duration) {
        nps::v1::SubmitResponsesRequest request;
        for (int i = 0; i < batch_size; ++i) FillInput(target, request.add_responses());
        nps::v1::SubmitResponsesResponse response;
        if (!stub->SubmitResponses(Context(target.token).get(), request, &response).ok()) continue;
        for (const auto& result : response.results()) {
          if (result.code() == 0) stored.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  return static_cast<double>(stored.load()) / absl::ToDoubleSeconds(absl::Now() - start);
}

namespace {

std::function<void(Done)> UnaryIssuer(const IngestTarget& target, nps::v1::ResponseService::Stub* stub) {
  return [&target, stub](Done done) {
    auto context = std::shared_ptr<grpc::ClientContext>(Context(target.token));
    auto request = std::make_shared<nps::v1::SubmitResponseRequest>();
    FillInput(target, request->mutable_response());
    auto response = std::make_shared<nps::v1::SubmitResponseResult>();
    stub->async()->SubmitResponse(context.get(), request.get(), response.get(),
                                  [context, request, response, done](grpc::Status status) { done(status.ok()); });
  };
}

}  // namespace

LoadResult MeasureUnaryClosedLoop(const IngestTarget& target, int in_flight, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  return ClosedLoop(in_flight, duration, UnaryIssuer(target, stub.get()));
}

LoadResult MeasureUnaryOpenLoop(const IngestTarget& target, double rate, absl::Duration duration) {
  auto stub = nps::v1::ResponseService::NewStub(target.channel);
  return OpenLoop(rate, duration, 2000, UnaryIssuer(target, stub.get()));
}

}  // namespace npsd::bench
