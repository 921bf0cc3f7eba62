// ack_window.cc — a counting window under one mutex.
#include "cli/import/ack_window.h"

namespace npsd::cli {

AckWindow::AckWindow(int window) : window_(window < 1 ? 1 : window) {}

bool AckWindow::Acquire() {
  absl::MutexLock lock(&mutex_);
  mutex_.Await(absl::Condition(
      +[](AckWindow* self) ABSL_NO_THREAD_SAFETY_ANALYSIS { return self->closed_ || self->in_flight_ < self->window_; },
      this));
  if (closed_) return false;
  ++in_flight_;
  return true;
}

void AckWindow::Release(bool stored, bool replayed) {
  absl::MutexLock lock(&mutex_);
  --in_flight_;
  if (stored) ++stored_;
  if (replayed) ++replayed_;
}

void AckWindow::Close() {
  absl::MutexLock lock(&mutex_);
  closed_ = true;
}

int64_t AckWindow::in_flight() {
  absl::MutexLock lock(&mutex_);
  return in_flight_;
}

int64_t AckWindow::stored() {
  absl::MutexLock lock(&mutex_);
  return stored_;
}

int64_t AckWindow::replayed() {
  absl::MutexLock lock(&mutex_);
  return replayed_;
}

}  // namespace npsd::cli
