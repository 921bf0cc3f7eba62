// callback_poller_keepalive_test.cc — the periodic callback call that keeps gRPC's
// callback threads polling (why: server/callback_poller_keepalive.h).
#include "server/callback_poller_keepalive.h"

#include <atomic>

#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

namespace npsd::server {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// CountingHealth answers Check on the callback API and counts the calls.
class CountingHealth final : public grpc::health::v1::Health::CallbackService {
 public:
  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context, const HealthCheckRequest*,
                                  HealthCheckResponse* response) override {
    checks_.fetch_add(1);
    response->set_status(HealthCheckResponse::SERVING);
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  int checks() const { return checks_.load(); }

 private:
  std::atomic<int> checks_{0};
};

TEST(CallbackPollerKeepaliveTest, CallsAtItsPeriodUntilDestroyed) {
  CountingHealth health;
  grpc::ServerBuilder builder;
  builder.RegisterService(&health);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  const std::shared_ptr<grpc::Channel> channel = server->InProcessChannel(grpc::ChannelArguments());
  auto keepalive = std::make_unique<CallbackPollerKeepalive>(channel, absl::Milliseconds(5));
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (health.checks() < 5 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_GE(health.checks(), 5);

  keepalive.reset();  // returns once the last call has ended
  const int after_stop = health.checks();
  absl::SleepFor(absl::Milliseconds(50));  // ten periods
  EXPECT_EQ(health.checks(), after_stop);
  server->Shutdown();
}

}  // namespace
}  // namespace npsd::server
