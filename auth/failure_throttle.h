// failure_throttle.h — how often a refused credential is written to the audit trail.
//
// A refused API key (wrong secret, revoked, expired) is worth an audit entry in its
// tenant's trail, but a client hammering one key id must not turn into unbounded
// writes: each key id is recorded at most once per `interval`, and the memory of recent
// ids is bounded.
#ifndef NPSD_AUTH_FAILURE_THROTTLE_H_
#define NPSD_AUTH_FAILURE_THROTTLE_H_

#include <string>
#include <unordered_map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace npsd::auth {

// FailureThrottle decides which refusals to record; thread-safe.
class FailureThrottle {
 public:
  // FailureThrottle allows one record per key id per `interval`, remembering at most
  // `max_keys` ids (beyond that it forgets them all and starts over).
  explicit FailureThrottle(absl::Duration interval = absl::Minutes(1), size_t max_keys = 10000)
      : interval_(interval), max_keys_(max_keys) {}

  // ShouldRecord is true when a refusal of `key_id` at `now` is to be recorded.
  bool ShouldRecord(const std::string& key_id, absl::Time now);

 private:
  const absl::Duration interval_;
  const size_t max_keys_;
  absl::Mutex mutex_;
  std::unordered_map<std::string, absl::Time> last_recorded_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_FAILURE_THROTTLE_H_
