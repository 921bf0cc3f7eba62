// rate_limiter.cc — token buckets keyed by tenant and credential.
#include "server/rate_limiter.h"

#include <algorithm>

namespace npsd::server {

RateLimiter::StreamSlot::~StreamSlot() {
  if (limiter_ != nullptr) limiter_->ReleaseStream(tenant_id_);
}

RateLimiter::RateLimiter(RateLimits limits, std::function<absl::Time()> clock)
    : limits_(limits), clock_(std::move(clock)) {}

std::optional<absl::Duration> RateLimiter::Take(std::map<std::string, domain::TokenBucket>& buckets,
                                                const std::string& id, double rate, double burst, absl::Time now) {
  if (rate <= 0) return std::nullopt;
  auto bucket = buckets.try_emplace(id, rate, burst, now).first;
  return bucket->second.TryTake(now);
}

absl::Status RateLimiter::Admit(const auth::Principal& principal) {
  if (principal.is_operator()) return absl::OkStatus();
  const absl::Time now = clock_();
  absl::MutexLock lock(&mutex_);
  if (auto wait = Take(tenant_buckets_, principal.tenant_id, limits_.tenant_rate, limits_.tenant_burst, now)) {
    return domain::ResourceExhaustedWithRetry("the tenant's request rate limit is exceeded", *wait);
  }
  if (auto wait = Take(key_buckets_, principal.credential_id, limits_.key_rate, limits_.key_burst, now)) {
    return domain::ResourceExhaustedWithRetry("the credential's request rate limit is exceeded", *wait);
  }
  return absl::OkStatus();
}

absl::StatusOr<RateLimiter::StreamSlot> RateLimiter::AcquireStream(const auth::Principal& principal) {
  absl::MutexLock lock(&mutex_);
  int& open = streams_[principal.tenant_id];
  if (limits_.max_streams_per_tenant > 0 && open >= limits_.max_streams_per_tenant) {
    return domain::ResourceExhaustedWithRetry("the tenant has too many concurrent streams", absl::Seconds(1));
  }
  ++open;
  return StreamSlot(this, principal.tenant_id);
}

void RateLimiter::ReleaseStream(const std::string& tenant_id) {
  absl::MutexLock lock(&mutex_);
  auto found = streams_.find(tenant_id);
  if (found != streams_.end() && --found->second <= 0) streams_.erase(found);
}

}  // namespace npsd::server
