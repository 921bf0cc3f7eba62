// progress_bar.cc — the import status line.
#include "cli/import/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace npsd::cli {
namespace {

constexpr int kBarWidth = 20;

}  // namespace

std::string FormatProgressLine(double fraction, int64_t rows, int64_t acked, int64_t rejected,
                               double rows_per_second) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kBarWidth);
  return absl::StrFormat("[%s%s] %3d%%  %d rows  %d acked  %d rejected  %.0f rows/s", std::string(filled, '#'),
                         std::string(kBarWidth - filled, '-'), static_cast<int>(fraction * 100), rows, acked,
                         rejected, rows_per_second);
}

ProgressBar::ProgressBar(int64_t total_bytes, bool enabled)
    : total_bytes_(total_bytes), enabled_(enabled && isatty(STDERR_FILENO) == 1), start_(absl::Now()) {}

void ProgressBar::Update(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected) {
  if (!enabled_ || absl::Now() - last_draw_ < absl::Milliseconds(100)) return;
  Draw(bytes, rows, acked, rejected);
}

void ProgressBar::Finish(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected) {
  if (!enabled_) return;
  Draw(bytes, rows, acked, rejected);
  std::fputc('\n', stderr);
}

void ProgressBar::Draw(int64_t bytes, int64_t rows, int64_t acked, int64_t rejected) {
  last_draw_ = absl::Now();
  const double seconds = std::max(absl::ToDoubleSeconds(last_draw_ - start_), 1e-3);
  const double fraction = total_bytes_ > 0 ? static_cast<double>(bytes) / static_cast<double>(total_bytes_) : 1.0;
  std::fprintf(stderr, "\r%s\x1b[K", FormatProgressLine(fraction, rows, acked, rejected, acked / seconds).c_str());
  std::fflush(stderr);
}

}  // namespace npsd::cli
