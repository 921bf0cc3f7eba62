// response_stream.h — one StreamResponses call: read items, ack them after commit.
//
// The handler thread reads and submits; a second thread writes acks as the writer
// reports outcomes (gRPC allows one concurrent reader and one writer on a stream). At
// most `max_in_flight` items are submitted but not yet acked: past that the reader
// stops reading, so TCP flow control holds a fast client back and server memory stays
// bounded. When the client half-closes, the call ends after the last ack.
#ifndef NPSD_SERVER_RESPONSE_STREAM_H_
#define NPSD_SERVER_RESPONSE_STREAM_H_

#include <deque>
#include <string>

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "storage/response_repository.h"

namespace npsd::server {

// ResponseStreamSession serves one stream for one tenant.
class ResponseStreamSession {
 public:
  using Stream = grpc::ServerReaderWriter<nps::v1::SubmitResponseResult, nps::v1::StreamResponsesRequest>;

  // ResponseStreamSession submits to `sink` for `tenant_id`; `item_timeout` bounds the
  // wait of each item for a writer.
  ResponseStreamSession(grpc::ServerContext* context, Stream* stream, storage::ResponseSink& sink,
                        std::string tenant_id, int max_in_flight, absl::Duration item_timeout);

  // Run serves the stream until the client half-closes (OK once every item is acked)
  // or cancels (CANCELLED).
  absl::Status Run();

 private:
  void Submit(const nps::v1::StreamResponsesRequest& request);
  void PushAck(nps::v1::SubmitResponseResult ack);
  void WriteAcks();

  grpc::ServerContext* context_;
  Stream* stream_;
  storage::ResponseSink& sink_;
  const std::string tenant_id_;
  const int max_in_flight_;
  const absl::Duration item_timeout_;
  absl::Mutex mutex_;
  std::deque<nps::v1::SubmitResponseResult> acks_ ABSL_GUARDED_BY(mutex_);
  int in_flight_ ABSL_GUARDED_BY(mutex_) = 0;  // submitted, not yet written
  bool reading_done_ ABSL_GUARDED_BY(mutex_) = false;
  bool write_failed_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_RESPONSE_STREAM_H_
