// ack_window.h — flow control and outcome counts of one import stream.
//
// The sender calls Acquire() before each write (it blocks while `window` rows are
// unacknowledged) and the ack reader calls Release() per ack; Close() wakes a blocked
// sender when the stream ends early.
#ifndef NPSD_CLI_IMPORT_ACK_WINDOW_H_
#define NPSD_CLI_IMPORT_ACK_WINDOW_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace npsd::cli {

// AckWindow bounds the rows in flight; thread-safe.
class AckWindow {
 public:
  // AckWindow lets `window` rows be in flight.
  explicit AckWindow(int window);

  // Acquire waits for room and takes one slot; false when the window was closed.
  bool Acquire();

  // Release frees one slot and counts its outcome.
  void Release(bool stored, bool replayed);

  // Close wakes waiting senders; Acquire fails from now on.
  void Close();

  // in_flight returns the rows sent and not yet acknowledged.
  int64_t in_flight();

  // stored and replayed return the counts of acknowledged rows.
  int64_t stored();
  int64_t replayed();

 private:
  const int window_;
  absl::Mutex mutex_;
  int64_t in_flight_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t stored_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t replayed_ ABSL_GUARDED_BY(mutex_) = 0;
  bool closed_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace npsd::cli

#endif  // NPSD_CLI_IMPORT_ACK_WINDOW_H_
