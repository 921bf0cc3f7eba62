// counting_response_sink.h — a ResponseSink decorator that counts outcomes in Metrics.
#ifndef NPSD_SERVER_COUNTING_RESPONSE_SINK_H_
#define NPSD_SERVER_COUNTING_RESPONSE_SINK_H_

#include "server/metrics.h"
#include "storage/response_repository.h"

namespace npsd::server {

// CountingResponseSink forwards to `inner` and records each outcome (stored, replayed,
// rejected) in `metrics`; both must outlive it.
class CountingResponseSink final : public storage::ResponseSink {
 public:
  CountingResponseSink(storage::ResponseSink& inner, Metrics& metrics) : inner_(inner), metrics_(metrics) {}

  void Submit(storage::SubmitItem item, std::function<void(storage::SubmitOutcome)> done) override {
    inner_.Submit(std::move(item), [this, done = std::move(done)](storage::SubmitOutcome outcome) {
      metrics_.RecordIngest(!outcome.status.ok() ? IngestOutcome::kRejected
                            : outcome.replayed   ? IngestOutcome::kReplayed
                                                 : IngestOutcome::kStored);
      done(std::move(outcome));
    });
  }

 private:
  storage::ResponseSink& inner_;
  Metrics& metrics_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_COUNTING_RESPONSE_SINK_H_
