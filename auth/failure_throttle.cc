// failure_throttle.cc — per-key rate of audit records for refused credentials.
#include "auth/failure_throttle.h"

namespace npsd::auth {

bool FailureThrottle::ShouldRecord(const std::string& key_id, absl::Time now) {
  absl::MutexLock lock(&mutex_);
  auto found = last_recorded_.find(key_id);
  if (found != last_recorded_.end() && now - found->second < interval_) return false;
  if (found == last_recorded_.end() && last_recorded_.size() >= max_keys_) last_recorded_.clear();
  last_recorded_[key_id] = now;
  return true;
}

}  // namespace npsd::auth
