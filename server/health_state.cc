// health_state.cc — the serving status and its watchers.
#include "server/health_state.h"

namespace npsd::server {

HealthState::HealthState(const std::vector<std::string>& services) : services_(services.begin(), services.end()) {}

bool HealthState::Knows(const std::string& service) const { return service.empty() || services_.count(service) > 0; }

bool HealthState::serving() const {
  absl::MutexLock lock(&mutex_);
  return serving_;
}

void HealthState::Set(bool serving) {
  absl::MutexLock lock(&mutex_);
  if (!shut_down_) SetLocked(serving);
}

void HealthState::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
  SetLocked(false);
}

void HealthState::SetLocked(bool serving) {
  if (serving == serving_) return;
  serving_ = serving;
  for (Watcher* watcher : watchers_) watcher->OnServingChange(serving_);
}

void HealthState::Watch(Watcher* watcher) {
  absl::MutexLock lock(&mutex_);
  watchers_.insert(watcher);
  watcher->OnServingChange(serving_);
}

void HealthState::Unwatch(Watcher* watcher) {
  absl::MutexLock lock(&mutex_);
  watchers_.erase(watcher);
}

}  // namespace npsd::server
