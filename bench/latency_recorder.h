// latency_recorder.h — thread-safe collection of call latencies and their percentiles.
#ifndef NPSD_BENCH_LATENCY_RECORDER_H_
#define NPSD_BENCH_LATENCY_RECORDER_H_

#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace npsd::bench {

// LatencyRecorder records successful and failed calls.
class LatencyRecorder {
 public:
  // Record adds one finished call.
  void Record(absl::Duration latency, bool ok);

  // Percentile returns the p-th percentile (0..100) of successful calls' latencies.
  absl::Duration Percentile(double p);

  // Max returns the slowest successful call's latency.
  absl::Duration Max();
  // ok_count / error_count count the recorded calls.
  int64_t ok_count();
  int64_t error_count();

 private:
  absl::Mutex mutex_;
  std::vector<absl::Duration> latencies_ ABSL_GUARDED_BY(mutex_);
  int64_t errors_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace npsd::bench

#endif  // NPSD_BENCH_LATENCY_RECORDER_H_
