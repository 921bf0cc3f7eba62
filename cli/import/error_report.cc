// error_report.cc — CSV rows of rejected records.
#include "cli/import/error_report.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "cli/output/table.h"

namespace npsd::cli {

ErrorReport::ErrorReport(std::string path) : path_(std::move(path)) {}

absl::StatusOr<std::unique_ptr<ErrorReport>> ErrorReport::Create(const std::string& path) {
  std::unique_ptr<ErrorReport> report(new ErrorReport(path));
  absl::MutexLock lock(&report->mutex_);
  report->file_.open(path, std::ios::out | std::ios::trunc);
  if (!report->file_) return absl::InvalidArgumentError(absl::StrCat("cannot create the error report ", path));
  report->file_ << "row,code,field,message\n";
  return report;
}

void ErrorReport::Add(int64_t row, const std::string& code, const std::string& field, const std::string& message) {
  absl::MutexLock lock(&mutex_);
  file_ << row << ',' << code << ',' << CsvEscape(field) << ',' << CsvEscape(message) << '\n';
  ++count_;
}

int64_t ErrorReport::count() {
  absl::MutexLock lock(&mutex_);
  return count_;
}

bool ErrorReport::Close() {
  absl::MutexLock lock(&mutex_);
  file_.close();
  if (count_ > 0) return true;
  std::remove(path_.c_str());
  return false;
}

}  // namespace npsd::cli
