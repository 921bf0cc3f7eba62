// load_generator.cc — closed- and open-loop call drivers.
#include "bench/load_generator.h"

#include <atomic>
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
  return LoadResult{static_cast<double>(recorder.ok_count()) / absl::ToDoubleSeconds(wall), recorder.Percentile(50),
                    recorder.Percentile(99), recorder.error_count()};
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
  for (int64_t i = 0; i < total; ++i) {
    const absl::Time due = start + interval * i;
    const absl::Duration wait = due - absl::Now();
    if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    if (outstanding.count() >= max_outstanding) {
      recorder.Record(absl::ZeroDuration(), false);
      continue;
    }
    outstanding.Add();
    // Latency counts from the scheduled time, so a late start is charged to the target.
    issue([&, due](bool ok) {
      recorder.Record(absl::Now() - due, ok);
      outstanding.Remove();
    });
  }
  outstanding.WaitForZero();
  return Summarize(recorder, absl::Now() - start);
}

}  // namespace npsd::bench
