// load_generator.h — closed- and open-loop drivers for asynchronous unary calls.
//
// A driver starts calls through `issue`, which must begin one asynchronous call and
// invoke its callback with the call's success when it completes (on any thread):
//
//   ClosedLoop(32, absl::Seconds(10), [&](Done done) { stub->async()->Check(..., done); });
//
// Closed loop keeps `in_flight` calls outstanding (maximum throughput); open loop starts
// calls at a fixed rate whatever the completions (latency under a given offered load).
#ifndef NPSD_BENCH_LOAD_GENERATOR_H_
#define NPSD_BENCH_LOAD_GENERATOR_H_

#include <functional>
#include <vector>

#include "absl/time/time.h"
#include "bench/latency_recorder.h"

namespace npsd::bench {

// Done reports a call's completion.
using Done = std::function<void(bool ok)>;

// SecondSummary describes the calls an open-loop run scheduled in one second of it.
struct SecondSummary {
  int64_t ok = 0;
  absl::Duration p50;
  absl::Duration p99;
  absl::Duration max;
  int64_t failed = 0;       // calls that ended with an error status
  int64_t not_started = 0;  // calls left out: `max_outstanding` calls were still in flight
};

// LoadResult summarizes one run.
struct LoadResult {
  double calls_per_second = 0;  // successful calls over the run's wall time
  absl::Duration p50;
  absl::Duration p99;
  int64_t errors = 0;  // failed and not started calls
  int64_t not_started = 0;
  std::vector<SecondSummary> timeline;  // open loop only: by the second the calls were due in
};

// ClosedLoop keeps `in_flight` calls outstanding for `duration`.
LoadResult ClosedLoop(int in_flight, absl::Duration duration, const std::function<void(Done)>& issue);

// OpenLoop starts `rate_per_second` calls per second for `duration` (at most
// `max_outstanding` at once; calls beyond that count as errors: the target fell behind).
LoadResult OpenLoop(double rate_per_second, absl::Duration duration, int max_outstanding,
                    const std::function<void(Done)>& issue);

}  // namespace npsd::bench

#endif  // NPSD_BENCH_LOAD_GENERATOR_H_
