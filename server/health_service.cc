// health_service.cc — Check, and the reactor that streams Watch.
#include "server/health_service.h"

#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace npsd::server {
namespace {

using grpc::health::v1::HealthCheckResponse;

HealthCheckResponse::ServingStatus StatusOf(bool serving) {
  return serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

// WatchReactor streams the status of one service to one client and deletes itself
// when the call is done. Writes never overlap: a change arriving while a write is in
// flight is sent after it (only the latest such change), and a status equal to the
// last one sent is not sent again. gRPC never runs OnWriteDone inside StartWrite, so
// both may take the reactor's lock.
class WatchReactor final : public grpc::ServerWriteReactor<HealthCheckResponse>, public HealthState::Watcher {
 public:
  // WatchReactor watches `state` for a service it knows (`known`) or not.
  WatchReactor(HealthState& state, bool known) : state_(state), known_(known) { state_.Watch(this); }

  void OnServingChange(bool serving) override {
    absl::MutexLock lock(&mutex_);
    const HealthCheckResponse::ServingStatus status = known_ ? StatusOf(serving) : HealthCheckResponse::SERVICE_UNKNOWN;
    if (writing_) {
      pending_ = status;
    } else {
      WriteLocked(status);
    }
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mutex_);
    writing_ = false;
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the watcher is gone"));
      return;
    }
    if (pending_) {
      const HealthCheckResponse::ServingStatus next = *pending_;
      pending_.reset();
      WriteLocked(next);
    }
  }

  void OnCancel() override {
    absl::MutexLock lock(&mutex_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    state_.Unwatch(this);  // no OnServingChange runs once it returns
    delete this;
  }

 private:
  // WriteLocked sends `status` unless it was the last one sent or the call is finished.
  void WriteLocked(HealthCheckResponse::ServingStatus status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (finished_ || last_sent_ == status) return;
    last_sent_ = status;
    response_.set_status(status);
    writing_ = true;
    StartWrite(&response_);
  }

  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  HealthState& state_;
  const bool known_;
  absl::Mutex mutex_;
  HealthCheckResponse response_ ABSL_GUARDED_BY(mutex_);  // the message being written
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  std::optional<HealthCheckResponse::ServingStatus> last_sent_ ABSL_GUARDED_BY(mutex_);
  std::optional<HealthCheckResponse::ServingStatus> pending_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

grpc::ServerUnaryReactor* HealthService::Check(grpc::CallbackServerContext* context,
                                               const grpc::health::v1::HealthCheckRequest* request,
                                               HealthCheckResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!state_.Knows(request->service())) {
    reactor->Finish(grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service"));
    return reactor;
  }
  response->set_status(StatusOf(state_.serving()));
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerWriteReactor<HealthCheckResponse>* HealthService::Watch(
    grpc::CallbackServerContext* context, const grpc::health::v1::HealthCheckRequest* request) {
  return new WatchReactor(state_, state_.Knows(request->service()));
}

}  // namespace npsd::server
