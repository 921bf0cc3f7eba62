// rate_limiter.h — per-tenant and per-key request rates, and concurrent streams per tenant.
//
// Every authenticated tenant call takes a token from its tenant's bucket and from its
// credential's bucket; an empty bucket answers RESOURCE_EXHAUSTED with the delay after
// which a retry can succeed (google.rpc.RetryInfo). Streams additionally hold one of
// the tenant's stream slots while they run. The operator is not limited.
#ifndef NPSD_SERVER_RATE_LIMITER_H_
#define NPSD_SERVER_RATE_LIMITER_H_

#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "auth/principal.h"
#include "domain/token_bucket.h"

namespace npsd::server {

// RateLimits configures the limiter; a rate of 0 disables that limit.
struct RateLimits {
  double tenant_rate = 2000;  // calls per second per tenant
  double tenant_burst = 4000;
  double key_rate = 1000;     // calls per second per credential
  double key_burst = 2000;
  int max_streams_per_tenant = 16;
};

// RateLimiter enforces RateLimits; thread-safe.
class RateLimiter {
 public:
  // StreamSlot is one held stream slot, released on destruction.
  class StreamSlot {
   public:
    StreamSlot(StreamSlot&& other) noexcept : limiter_(other.limiter_), tenant_id_(std::move(other.tenant_id_)) {
      other.limiter_ = nullptr;
    }
    StreamSlot(const StreamSlot&) = delete;
    ~StreamSlot();

   private:
    friend class RateLimiter;
    StreamSlot(RateLimiter* limiter, std::string tenant_id) : limiter_(limiter), tenant_id_(std::move(tenant_id)) {}
    RateLimiter* limiter_;
    std::string tenant_id_;
  };

  // RateLimiter applies `limits`, reading time from `clock`.
  explicit RateLimiter(RateLimits limits, std::function<absl::Time()> clock = absl::Now);

  // Admit charges one call of `principal`: OK, or RESOURCE_EXHAUSTED with a retry delay.
  absl::Status Admit(const auth::Principal& principal);

  // AcquireStream holds one of the tenant's stream slots, or RESOURCE_EXHAUSTED.
  absl::StatusOr<StreamSlot> AcquireStream(const auth::Principal& principal);

 private:
  std::optional<absl::Duration> Take(std::map<std::string, domain::TokenBucket>& buckets, const std::string& id,
                                     double rate, double burst, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void ReleaseStream(const std::string& tenant_id);

  const RateLimits limits_;
  const std::function<absl::Time()> clock_;
  absl::Mutex mutex_;
  std::map<std::string, domain::TokenBucket> tenant_buckets_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, domain::TokenBucket> key_buckets_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, int> streams_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_RATE_LIMITER_H_
