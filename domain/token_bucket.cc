// token_bucket.cc — token bucket arithmetic and retry hints.
#include "domain/token_bucket.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace npsd::domain {
namespace {

constexpr char kRetryPayloadUrl[] = "npsd/retry-after-micros";

}  // namespace

TokenBucket::TokenBucket(double rate_per_second, double burst, absl::Time now)
    : rate_per_second_(rate_per_second), burst_(std::max(1.0, burst)), tokens_(burst_), last_(now) {}

void TokenBucket::Refill(absl::Time now) {
  if (now <= last_) return;
  tokens_ = std::min(burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * rate_per_second_);
  last_ = now;
}

std::optional<absl::Duration> TokenBucket::TryTake(absl::Time now) {
  Refill(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return std::nullopt;
  }
  if (rate_per_second_ <= 0) return absl::InfiniteDuration();
  return absl::Seconds((1.0 - tokens_) / rate_per_second_);
}

absl::Status ResourceExhaustedWithRetry(const std::string& message, absl::Duration delay) {
  absl::Status status = absl::ResourceExhaustedError(message);
  const int64_t micros = std::max<int64_t>(1000, absl::ToInt64Microseconds(delay));
  status.SetPayload(kRetryPayloadUrl, absl::Cord(absl::StrCat(micros)));
  return status;
}

std::optional<absl::Duration> RetryDelayOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kRetryPayloadUrl);
  int64_t micros = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &micros)) return std::nullopt;
  return absl::Microseconds(micros);
}

}  // namespace npsd::domain
