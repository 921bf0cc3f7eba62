// load_generator.cc — closed- and open-loop call drivers.
#include "bench/load_generator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <thread>

#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"

namespace npsd::bench {
namespace {

// Outstanding counts calls in flight and lets the driver wait for them to drain.
class Outstanding {
 public:
  void Add() {
    absl::MutexLock lock(&mutex_);
    ++count_;
  }
  void Remove() {
    absl::MutexLock lock(&mutex_);
    --count_;
  }
  int count() {
    absl::MutexLock lock(&mutex_);
    return count_;
  }
  void WaitForZero() {
    absl::MutexLock lock(&mutex_);
    mutex_.Await(absl::Condition(+[](int* c) { return *c == 0; }, &count_));
  }

 private:
  absl::Mutex mutex_;
  int count_ = 0;
};

LoadResult Summarize(LatencyRecorder& recorder, absl::Duration wall) {
  LoadResult result;
  result.calls_per_second = static_cast<double>(recorder.ok_count()) / absl::ToDoubleSeconds(wall);
  result.p50 = recorder.Percentile(50);
  result.p99 = recorder.Percentile(99);
  result.errors = recorder.error_count();
  return result;
}

}  // namespace

LoadResult ClosedLoop(int in_flight, absl::Duration duration, const std::function<void(Done)>& issue) {
  LatencyRecorder recorder;
  Outstanding outstanding;
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;
  std::function<void()> start_one = [&] {
    const absl::Time call_start = absl::Now();
    outstanding.Add();
    issue([&, call_start](bool ok) {
      recorder.Record(absl::Now() - call_start, ok);
      if (absl::Now() < end) start_one();
      outstanding.Remove();
    });
  };
  for (int i = 0; i < in_flight; ++i) start_one();
  outstanding.WaitForZero();
  return Summarize(recorder, absl::Now() - start);
}

LoadResult OpenLoop(double rate_per_second, absl::Duration duration, int max_outstanding,
                    const std::function<void(Done)>& issue) {
  LatencyRecorder recorder;
  Outstanding outstanding;
  const absl::Time start = absl::Now();
  const absl::Duration interval = absl::Seconds(1.0 / rate_per_second);
  const int64_t total = static_cast<int64_t>(rate_per_second * absl::ToDoubleSeconds(duration));
  std::vector<LatencyRecorder> seconds(static_cast<size_t>(std::ceil(absl::ToDoubleSeconds(duration))));
  std::vector<int64_t> not_started(seconds.size(), 0);
  for (int64_t i = 0; i < total; ++i) {
    const absl::Duration offset = interval * i;
    const size_t second = std::min(seconds.size() - 1, static_cast<size_t>(absl::ToInt64Seconds(offset)));
    const absl::Time due = start + offset;
    const absl::Duration wait = due - absl::Now();
    if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    if (outstanding.count() >= max_outstanding) {
      recorder.Record(absl::ZeroDuration(), false);
      ++not_started[second];
      continue;
    }
    outstanding.Add();
    // Latency counts from the scheduled time, so a late start is charged to the target.
    issue([&, due, second](bool ok) {
      const absl::Duration latency = absl::Now() - due;
      recorder.Record(latency, ok);
      seconds[second].Record(latency, ok);
      outstanding.Remove();
    });
  }
  outstanding.WaitForZero();
  LoadResult result = Summarize(recorder, absl::Now() - start);
  for (size_t s = 0; s < seconds.size(); ++s) {
    LatencyRecorder& calls = seconds[s];
    result.timeline.push_back(SecondSummary{calls.ok_count(), calls.Percentile(50), calls.Percentile(99), calls.Max(),
                                            calls.error_count(), not_started[s]});
    result.not_started += not_started[s];
  }
  return result;
}

}  // namespace npsd::bench
