// callback_poller_keepalive.h — keeps gRPC's callback threads polling.
//
// npsd serves ingestion and health on gRPC's callback API and its other methods
// synchronously. gRPC 1.51 calls such a server hybrid and gives its synchronous
// completion queues no poller: all of the server's network I/O is done by the callback
// API's threads (two on a 2-core machine). Each of those threads, after a second without
// a callback to run, sleeps 100 ms without polling; with no callback call for a second,
// both sleep together and every call in flight waits. Measured before this class: during
// the benchmark RPCs after an ingestion phase, a 90-100 ms pause outside npsd's handlers
// every 1.1 s, each at both threads' 100 ms sleep (strace). A callback call every
// `period` keeps at least one of them polling.
//
//   CallbackPollerKeepalive keepalive(server->InProcessChannel({}), absl::Milliseconds(250));
#ifndef NPSD_SERVER_CALLBACK_POLLER_KEEPALIVE_H_
#define NPSD_SERVER_CALLBACK_POLLER_KEEPALIVE_H_

#include <memory>
#include <thread>

#include <grpcpp/channel.h>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace npsd::server {

// CallbackPollerKeepalive calls grpc.health.v1.Health/Check on the callback API at a
// fixed period, from a thread of its own, until destroyed.
class CallbackPollerKeepalive {
 public:
  // CallbackPollerKeepalive starts calling through `channel` (an in-process channel to a
  // server serving Health on the callback API) every `period`.
  CallbackPollerKeepalive(const std::shared_ptr<grpc::Channel>& channel, absl::Duration period);
  // ~CallbackPollerKeepalive stops calling and waits for the last call to end.
  ~CallbackPollerKeepalive();

  CallbackPollerKeepalive(const CallbackPollerKeepalive&) = delete;
  CallbackPollerKeepalive& operator=(const CallbackPollerKeepalive&) = delete;

 private:
  void Run();

  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
  const absl::Duration period_;
  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_CALLBACK_POLLER_KEEPALIVE_H_
