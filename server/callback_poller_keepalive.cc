// callback_poller_keepalive.cc — a callback call at a fixed period.
#include "server/callback_poller_keepalive.h"

#include <grpcpp/client_context.h>
#include <grpcpp/support/client_callback.h>

namespace npsd::server {

CallbackPollerKeepalive::CallbackPollerKeepalive(const std::shared_ptr<grpc::Channel>& channel,
                                                 absl::Duration period)
    : stub_(grpc::health::v1::Health::NewStub(channel)), period_(period), thread_([this] { Run(); }) {}

CallbackPollerKeepalive::~CallbackPollerKeepalive() {
  stopping_.Notify();
  thread_.join();
}

void CallbackPollerKeepalive::Run() {
  while (!stopping_.WaitForNotificationWithTimeout(period_)) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    absl::Notification done;
    stub_->async()->Check(&context, &request, &response, [&done](const grpc::Status&) { done.Notify(); });
    done.WaitForNotification();
  }
}

}  // namespace npsd::server
