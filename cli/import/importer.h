// importer.h — `npsctl responses import`: a CSV file streamed through
// ResponseService.StreamResponses.
//
//   ImportOptions options;
//   options.csv_path = "responses.csv";
//   absl::StatusOr<ImportSummary> summary = ImportResponses(connection, options);
//
// Flow control: at most `window` rows are sent and not yet acknowledged (npsd holds up to
// 256 per stream), so memory stays bounded for files of any size. Each row is sent with
// its row number as `sequence` and an idempotency key (its own column, or derived from
// the file name and row number), so re-running an import after a failure stores each
// row at most once: rows already stored come back as `replayed`. Rows that cannot be
// sent or are rejected go to the error report with their row number, never their data.
#ifndef NPSD_CLI_IMPORT_IMPORTER_H_
#define NPSD_CLI_IMPORT_IMPORTER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"

namespace npsd::cli {

// ImportOptions configures one import.
struct ImportOptions {
  std::string csv_path;
  std::string campaign_id;        // for rows without a campaign_id cell
  std::string key_prefix;         // idempotency key prefix; empty: DefaultKeyPrefix(csv_path)
  std::string error_report_path;  // empty: csv_path + ".errors.csv"
  int window = 256;               // rows in flight at most
  bool progress = true;           // progress bar on stderr when it is a terminal
};

// ImportSummary counts what happened to the rows of the file.
struct ImportSummary {
  int64_t rows = 0;       // data rows read
  int64_t stored = 0;     // newly stored
  int64_t replayed = 0;   // already stored by an earlier run (same idempotency key and payload)
  int64_t rejected = 0;   // in the error report
  absl::Duration elapsed;
  std::string error_report_path;  // empty when nothing was rejected (no file is left)
};

// ImportResponses streams the file. INVALID_ARGUMENT for an unreadable file or a bad
// header; when the stream fails, the error says how many rows were left unconfirmed
// (re-running is safe).
absl::StatusOr<ImportSummary> ImportResponses(const Connection& connection, const ImportOptions& options);

// ImportSummaryTable shows the summary as one row.
Table ImportSummaryTable(const ImportSummary& summary);

}  // namespace npsd::cli

#endif  // NPSD_CLI_IMPORT_IMPORTER_H_
