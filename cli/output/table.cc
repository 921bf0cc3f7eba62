// table.cc — aligned text, CSV and JSON rendering of tables.
#include "cli/output/table.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace npsd::cli {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
}

// TextCell puts a cell on one line (control characters become spaces) and cuts it to
// kMaxTextCellWidth code points.
std::string TextCell(const std::string& cell) {
  std::string line;
  size_t width = 0;
  for (size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    if (!IsContinuationByte(c)) {
      if (width == kMaxTextCellWidth - 1 && Width(cell.substr(i)) > 1) return line + "…";
      ++width;
    }
    line += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  return line;
}

void AppendPadded(std::string& out, const std::string& cell, size_t width) {
  out += cell;
  out.append(width - Width(cell), ' ');
}

void AppendTextLine(std::string& out, const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += "  ";
    AppendPadded(line, cells[i], widths[i]);
  }
  // Trailing blanks of the last column carry nothing.
  line.erase(line.find_last_not_of(' ') + 1);
  absl::StrAppend(&out, line, "\n");
}

void AppendCsvLine(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvEscape(cells[i]);
  }
  out += '\n';
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(const std::string& name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "text" || lower == "table") return OutputFormat::kText;
  if (lower == "csv") return OutputFormat::kCsv;
  if (lower == "json") return OutputFormat::kJson;
  return absl::InvalidArgumentError("--output must be table, csv or json");
}

Table::Table(std::vector<std::string> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

absl::StatusOr<std::vector<std::string>> Table::Column(const std::string& name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it == columns_.end()) return absl::NotFoundError(absl::StrCat("the output has no column ", name));
  const size_t index = static_cast<size_t>(it - columns_.begin());
  std::vector<std::string> cells;
  for (const std::vector<std::string>& row : rows_) cells.push_back(row[index]);
  return cells;
}

std::string RenderText(const Table& table) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back(table.columns());
  for (const std::vector<std::string>& row : table.rows()) {
    std::vector<std::string> cells;
    for (const std::string& cell : row) cells.push_back(TextCell(cell));
    lines.push_back(std::move(cells));
  }
  std::vector<size_t> widths(table.columns().size(), 0);
  for (const std::vector<std::string>& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], Width(line[i]));
  }
  std::string out;
  for (const std::vector<std::string>& line : lines) AppendTextLine(out, line, widths);
  return out;
}

std::string RenderCsv(const Table& table) {
  std::string out;
  AppendCsvLine(out, table.columns());
  for (const std::vector<std::string>& row : table.rows()) AppendCsvLine(out, row);
  return out;
}

std::string RenderJson(const Table& table) {
  std::string out = "[";
  for (size_t r = 0; r < table.rows().size(); ++r) {
    absl::StrAppend(&out, r == 0 ? "\n  {" : ",\n  {");
    const std::vector<std::string>& row = table.rows()[r];
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&out, i == 0 ? "" : ", ", JsonEscape(table.columns()[i]), ": ", JsonEscape(row[i]));
    }
    out += "}";
  }
  absl::StrAppend(&out, table.rows().empty() ? "]\n" : "\n]\n");
  return out;
}

std::string Render(const Table& table, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return RenderCsv(table);
    case OutputFormat::kJson:
      return RenderJson(table);
    case OutputFormat::kText:
      break;
  }
  return RenderText(table);
}

std::string CsvEscape(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string JsonEscape(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace npsd::cli
