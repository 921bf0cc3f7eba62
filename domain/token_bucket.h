// token_bucket.h — the rate-limiting rule: a bucket of `burst` tokens refilled at
// `rate_per_second`; each call takes one token or is told how long to wait.
//
//   TokenBucket bucket(100, 200, now);
//   if (auto wait = bucket.TryTake(now)) return ResourceExhaustedWithRetry("...", *wait);
//
// Time is passed in, so the rule is tested without sleeping.
#ifndef NPSD_DOMAIN_TOKEN_BUCKET_H_
#define NPSD_DOMAIN_TOKEN_BUCKET_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::domain {

// TokenBucket is one rate limit. Not thread-safe: callers serialize access.
class TokenBucket {
 public:
  // TokenBucket starts full at `now`.
  TokenBucket(double rate_per_second, double burst, absl::Time now);

  // TryTake takes a token at `now` and returns nullopt, or takes nothing and returns
  // how long until a token is available.
  std::optional<absl::Duration> TryTake(absl::Time now);

 private:
  void Refill(absl::Time now);

  double rate_per_second_;
  double burst_;
  double tokens_;
  absl::Time last_;
};

// ResourceExhaustedWithRetry builds a RESOURCE_EXHAUSTED status that tells the client
// to retry after `delay` (carried to the wire as google.rpc.RetryInfo).
absl::Status ResourceExhaustedWithRetry(const std::string& message, absl::Duration delay);

// RetryDelayOf returns the retry delay carried by `status`, if any.
std::optional<absl::Duration> RetryDelayOf(const absl::Status& status);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_TOKEN_BUCKET_H_
