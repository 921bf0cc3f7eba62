// table.h — what every npsctl command prints: a table rendered as aligned text, CSV or JSON.
//
//   Table table({"id", "name"});
//   table.AddRow({"7c1e...", "Acme"});
//   std::cout << Render(table, OutputFormat::kText);
//
// Aligned text is for people (wide cells are shortened), CSV (RFC 4180) and JSON (an
// array of objects whose values are strings) are for scripts and spreadsheets.
#ifndef NPSD_CLI_OUTPUT_TABLE_H_
#define NPSD_CLI_OUTPUT_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace npsd::cli {

// OutputFormat is how a table is printed.
enum class OutputFormat { kText, kCsv, kJson };

// ParseOutputFormat maps "text", "table", "csv" or "json" to a format; INVALID_ARGUMENT else.
absl::StatusOr<OutputFormat> ParseOutputFormat(const std::string& name);

// Table is a header and rows of the same width.
class Table {
 public:
  // Table starts with `columns` as header and no rows.
  explicit Table(std::vector<std::string> columns);

  // AddRow appends a row; missing cells are empty, extra cells are dropped.
  void AddRow(std::vector<std::string> cells);

  // columns returns the header.
  const std::vector<std::string>& columns() const { return columns_; }

  // rows returns the rows in insertion order.
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }

  // Column returns the cells of column `name`; NOT_FOUND when there is no such column.
  absl::StatusOr<std::vector<std::string>> Column(const std::string& name) const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// kMaxTextCellWidth is the widest cell of aligned text, in code points; longer cells
// (comments) are cut and end with "…". CSV and JSON are never cut.
inline constexpr size_t kMaxTextCellWidth = 60;

// RenderText aligns the columns, separated by two spaces, with the header first.
std::string RenderText(const Table& table);

// RenderCsv writes RFC 4180 CSV with a header line and CRLF-free "\n" line ends.
std::string RenderCsv(const Table& table);

// RenderJson writes a JSON array with one object per row, keyed by column name.
std::string RenderJson(const Table& table);

// Render dispatches on `format`.
std::string Render(const Table& table, OutputFormat format);

// CsvEscape quotes `cell` when it holds a comma, a quote, CR or LF (quotes doubled).
std::string CsvEscape(const std::string& cell);

// JsonEscape returns `text` as a JSON string literal, quotes included.
std::string JsonEscape(const std::string& text);

}  // namespace npsd::cli

#endif  // NPSD_CLI_OUTPUT_TABLE_H_
