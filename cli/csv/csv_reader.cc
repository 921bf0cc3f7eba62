// csv_reader.cc — RFC 4180 parsing, one character at a time.
#include "cli/csv/csv_reader.h"

namespace npsd::cli {
namespace {

constexpr int kEnd = std::char_traits<char>::eof();

bool IsLineEnd(int c) { return c == '\n' || c == '\r' || c == kEnd; }

}  // namespace

CsvReader::CsvReader(std::istream& in) : in_(in) {}

int CsvReader::Get() {
  const int c = in_.rdbuf()->sbumpc();
  if (c != kEnd) ++bytes_read_;
  return c;
}

int CsvReader::Peek() { return in_.rdbuf()->sgetc(); }

void CsvReader::SkipRestOfLine() {
  int c = Get();
  while (!IsLineEnd(c)) c = Get();
  if (c == '\r' && Peek() == '\n') Get();
}

absl::Status CsvReader::Malformed(const char* what) {
  SkipRestOfLine();
  return absl::InvalidArgumentError(what);
}

// ReadQuoted reads a quoted field whose opening quote was consumed, up to and
// including the closing quote.
absl::Status CsvReader::ReadQuoted(std::string& field) {
  while (true) {
    const int c = Get();
    if (c == kEnd) return absl::InvalidArgumentError("a quoted field is never closed");
    if (c != '"') {
      field += static_cast<char>(c);
      continue;
    }
    if (Peek() != '"') return absl::OkStatus();
    field += static_cast<char>(Get());
  }
}

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  if (!started_) {
    started_ = true;
    if (Peek() == 0xEF) {
      const std::string bom = "\xEF\xBB\xBF";
      for (char expected : bom) {
        if (Peek() != static_cast<unsigned char>(expected)) break;
        Get();
      }
    }
  }
  // Empty lines are skipped but keep their number.
  while (Peek() == '\n' || Peek() == '\r') {
    ++row_;
    SkipRestOfLine();
  }
  if (Peek() == kEnd) return std::nullopt;
  CsvRecord record;
  record.row = ++row_;
  std::string field;
  while (true) {
    int c = Get();
    if (c == '"' && field.empty()) {
      if (absl::Status status = ReadQuoted(field); !status.ok()) return status;
      c = Get();
      if (!IsLineEnd(c) && c != ',') return Malformed("a closing quote must be followed by a comma or a line end");
    } else {
      while (!IsLineEnd(c) && c != ',') {
        if (c == '"') return Malformed("a quote inside an unquoted field (quote the field and double the quote)");
        field += static_cast<char>(c);
        c = Get();
      }
    }
    record.fields.push_back(std::move(field));
    field.clear();
    if (c == ',') continue;
    if (c == '\r' && Peek() == '\n') Get();
    return record;
  }
}

}  // namespace npsd::cli
