// health_state.h — whether npsd is serving: one state for every port that reports it.
//
// The server sets it from its database check and ends it at shutdown; the health
// service of the main port and that of the plaintext health port both read it, so they
// always answer the same:
//
//   HealthState health({"nps.v1.TenantService", ...});
//   health.Set(database_reachable);  // SERVING or NOT_SERVING
//   health.Shutdown();               // NOT_SERVING from now on
#ifndef NPSD_SERVER_HEALTH_STATE_H_
#define NPSD_SERVER_HEALTH_STATE_H_

#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace npsd::server {

// HealthState is npsd's serving status; thread-safe.
class HealthState {
 public:
  // Watcher is told the status when it starts watching and after every change.
  class Watcher {
   public:
    virtual ~Watcher() = default;
    // OnServingChange receives the status; it runs with the state's lock held, so it
    // must neither block nor call back into the state.
    virtual void OnServingChange(bool serving) = 0;
  };

  // HealthState reports on the whole server ("") and on the services named in
  // `services` (full names, e.g. "nps.v1.TenantService"); NOT_SERVING until Set.
  explicit HealthState(const std::vector<std::string>& services);

  // Knows is true for "" and the services given at construction.
  bool Knows(const std::string& service) const;

  // serving is the current status.
  bool serving() const;

  // Set reports SERVING (true) or NOT_SERVING; ignored after Shutdown.
  void Set(bool serving);

  // Shutdown reports NOT_SERVING for good (graceful shutdown has begun).
  void Shutdown();

  // Watch calls `watcher` at once with the current status, then after each change
  // until Unwatch returns; `watcher` must stay valid until then.
  void Watch(Watcher* watcher);

  // Unwatch stops calls to `watcher`; none is in progress once it returns.
  void Unwatch(Watcher* watcher);

 private:
  void SetLocked(bool serving) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const std::set<std::string> services_;
  mutable absl::Mutex mutex_;
  bool serving_ ABSL_GUARDED_BY(mutex_) = false;
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
  std::set<Watcher*> watchers_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_HEALTH_STATE_H_
