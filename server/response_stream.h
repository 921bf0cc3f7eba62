// response_stream.h — one StreamResponses call: read items, ack them after commit.
//
// The stream runs on gRPC's callback API and holds no thread: each read item goes to
// the writer, and the writer's outcome becomes an ack. gRPC allows one outstanding
// write per stream, so acks that arrive while a write is in progress wait and leave
// together in the next message: one per item when items trickle in, a committed
// batch's worth in one message under load. At most
// `max_in_flight` items are read but not yet acked: past that no read is started, so
// TCP flow control holds a fast client back and server memory stays bounded. When the
// client half-closes, the call ends OK after the last ack; when it cancels, CANCELLED
// once the outcomes still owed by the writer have arrived.
#ifndef NPSD_SERVER_RESPONSE_STREAM_H_
#define NPSD_SERVER_RESPONSE_STREAM_H_

#include <string>

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/response_repository.h"

namespace npsd::server {

// ResponseStreamReactor serves one stream; it deletes itself when the call is done.
class ResponseStreamReactor final
    : public grpc::ServerBidiReactor<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse> {
 public:
  // ResponseStreamReactor admits the call of `method` through `runner` and serves it,
  // submitting to `sink`; `item_timeout` bounds the wait of each item for a writer.
  ResponseStreamReactor(grpc::CallbackServerContext* context, CallRunner& runner, const RpcMethod& method,
                        storage::ResponseSink& sink, int max_in_flight, absl::Duration item_timeout);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override { delete this; }

 private:
  // Next says what to start once the mutex is released.
  struct Next {
    bool read = false;
    bool write = false;
    bool finish = false;
    bool cancelled = false;  // when finishing: the client is gone
  };

  void Submit(const nps::v1::StreamResponsesRequest& request);
  void PushAck(nps::v1::SubmitResponseResult ack);
  Next Advance() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void Start(const Next& next);

  CallRunner& runner_;
  storage::ResponseSink& sink_;
  const int max_in_flight_;
  const absl::Duration item_timeout_;
  CallTicket ticket_;
  std::string tenant_id_;
  nps::v1::StreamResponsesRequest request_;  // the read in progress
  nps::v1::StreamResponsesResponse writing_acks_;  // the write in progress

  absl::Mutex mutex_;
  nps::v1::StreamResponsesResponse pending_acks_ ABSL_GUARDED_BY(mutex_);  // the next write
  int in_flight_ ABSL_GUARDED_BY(mutex_) = 0;  // read, not yet written
  bool reading_ ABSL_GUARDED_BY(mutex_) = false;
  bool reading_done_ ABSL_GUARDED_BY(mutex_) = false;
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool client_gone_ ABSL_GUARDED_BY(mutex_) = false;  // cancelled, or a write failed
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_RESPONSE_STREAM_H_
