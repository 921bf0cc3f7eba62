// error_report.h — the per-row error file of an import: row, code, field, message.
//
//   row,code,field,message
//   7,INVALID_ARGUMENT,score,is required
//   12,NOT_FOUND,,campaign not found
//
// `row` is the record number in the imported file (the header is row 1). Nothing from
// the row itself is written: the file may be shared without exposing personal data.
// Thread-safe: the sender and the ack reader both report.
#ifndef NPSD_CLI_IMPORT_ERROR_REPORT_H_
#define NPSD_CLI_IMPORT_ERROR_REPORT_H_

#include <cstdint>
#include <fstream>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace npsd::cli {

// ErrorReport appends rows to a CSV file it creates (replacing an older one).
class ErrorReport {
 public:
  // Create opens `path` for writing and writes the header; INVALID_ARGUMENT when it
  // cannot be created.
  static absl::StatusOr<std::unique_ptr<ErrorReport>> Create(const std::string& path);

  // Add records that `row` was rejected with `code` (a gRPC code name) because of `field`.
  void Add(int64_t row, const std::string& code, const std::string& field, const std::string& message);

  // count returns the number of rows added.
  int64_t count();

  // Close flushes the file, and deletes it when no row was added; it returns whether
  // it was kept.
  bool Close();

 private:
  explicit ErrorReport(std::string path);

  const std::string path_;
  absl::Mutex mutex_;
  std::ofstream file_ ABSL_GUARDED_BY(mutex_);
  int64_t count_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace npsd::cli

#endif  // NPSD_CLI_IMPORT_ERROR_REPORT_H_
