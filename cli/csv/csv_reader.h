// csv_reader.h — a streaming RFC 4180 CSV reader for imports of any size.
//
//   std::ifstream file("responses.csv", std::ios::binary);
//   CsvReader reader(file);
//   while (true) {
//     absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
//     if (!record.ok()) { Report(reader.row(), record.status()); continue; }  // bad row, skipped
//     if (!record->has_value()) break;                                         // end of input
//     Use((*record)->fields);
//   }
//
// Fields may be quoted; quoted fields hold commas, doubled quotes and line breaks. A
// UTF-8 byte order mark at the start is ignored, lines may end with LF or CRLF, and
// empty lines are skipped (but counted). Errors never quote the data.
#ifndef NPSD_CLI_CSV_CSV_READER_H_
#define NPSD_CLI_CSV_CSV_READER_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace npsd::cli {

// CsvRecord is one record and where it is in the file.
struct CsvRecord {
  std::vector<std::string> fields;
  int64_t row = 0;  // 1-based record number, the header included, empty lines included
};

// CsvReader reads records from a stream it does not own.
class CsvReader {
 public:
  // CsvReader reads `in` from its current position.
  explicit CsvReader(std::istream& in);

  // Next returns the next record, nullopt at the end of input, or INVALID_ARGUMENT for a
  // malformed record (a quote inside an unquoted field, text after a closing quote, a
  // quoted field never closed), whose number is then row(); after an error the reader
  // resumes at the next line.
  absl::StatusOr<std::optional<CsvRecord>> Next();

  // row returns the number of the record last returned (or rejected).
  int64_t row() const { return row_; }

  // bytes_read returns how many bytes of the input have been consumed.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  int Get();
  int Peek();
  void SkipRestOfLine();
  absl::Status ReadQuoted(std::string& field);
  absl::Status Malformed(const char* what);

  std::istream& in_;
  int64_t row_ = 0;
  int64_t bytes_read_ = 0;
  bool started_ = false;
};

}  // namespace npsd::cli

#endif  // NPSD_CLI_CSV_CSV_READER_H_
