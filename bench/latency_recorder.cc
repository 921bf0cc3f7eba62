// latency_recorder.cc — latency percentiles.
#include "bench/latency_recorder.h"

#include <algorithm>
#include <cmath>

namespace npsd::bench {

void LatencyRecorder::Record(absl::Duration latency, bool ok) {
  absl::MutexLock lock(&mutex_);
  if (ok) {
    latencies_.push_back(latency);
  } else {
    ++errors_;
  }
}

absl::Duration LatencyRecorder::Percentile(double p) {
  absl::MutexLock lock(&mutex_);
  if (latencies_.empty()) return absl::ZeroDuration();
  std::sort(latencies_.begin(), latencies_.end());
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * latencies_.size()));
  return latencies_[std::min(latencies_.size() - 1, rank == 0 ? 0 : rank - 1)];
}

absl::Duration LatencyRecorder::Max() {
  absl::MutexLock lock(&mutex_);
  if (latencies_.empty()) return absl::ZeroDuration();
  return *std::max_element(latencies_.begin(), latencies_.end());
}

int64_t LatencyRecorder::ok_count() {
  absl::MutexLock lock(&mutex_);
  return static_cast<int64_t>(latencies_.size());
}

int64_t LatencyRecorder::error_count() {
  absl::MutexLock lock(&mutex_);
  return errors_;
}

}  // namespace npsd::bench
