// progress_bar.h — one self-rewriting status line on stderr while an import runs.
//
//   [##########----------]  50%  12,000 rows  11,950 acked  3 rejected  4,210 rows/s
//
// Drawn only when stderr is a terminal (never into logs or pipes), at most ten times a
// second.
#ifndef NPSD_CLI_IMPORT_PROGRESS_BAR_H_
#define NPSD_CLI_IMPORT_PROGRESS_BAR_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace npsd::cli {

// ProgressBar draws the import's progress against the file's size in bytes.
class ProgressBar {
 public:
  // ProgressBar draws on stderr when `enabled` and stderr is a terminal.
  ProgressBar(int64_t total_bytes, bool enabled);

  // Update redraws the line when the last drawing is at least 100 ms old.
  void Update(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected);

  // Finish draws the final state and ends the line.
  void Finish(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected);

 private:
  void Draw(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected);

  const int64_t total_bytes_;
  const bool enabled_;
  const absl::Time start_;
  absl::Time last_draw_ = absl::InfinitePast();
};

// FormatProgressLine renders the status line (without carriage return).
std::string FormatProgressLine(double fraction, int64_t rows, int64_t acked, int64_t rejected, double rows_per_second);

}  // namespace npsd::cli

#endif  // NPSD_CLI_IMPORT_PROGRESS_BAR_H_
