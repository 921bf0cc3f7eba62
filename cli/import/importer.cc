// importer.cc — one sender (this thread) and one ack reader over a StreamResponses call.
#include "cli/import/importer.h"

#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cli/client/rpc_status.h"
#include "cli/csv/csv_reader.h"
#include "cli/import/ack_window.h"
#include "cli/import/error_report.h"
#include "cli/import/progress_bar.h"
#include "cli/import/response_columns.h"
#include "domain/status_macros.h"
#include "nps/v1/response_service.grpc.pb.h"

namespace npsd::cli {
namespace {

using Stream = grpc::ClientReaderWriter<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse>;

constexpr char kInvalidArgument[] = "INVALID_ARGUMENT";

// ImportRun is the state shared by the sender and the ack reader.
struct ImportRun {
  ImportRun(int window_size, std::unique_ptr<ErrorReport> error_report, int64_t total_bytes, bool progress)
      : window(window_size), report(std::move(error_report)), bar(total_bytes, progress) {}

  AckWindow window;
  std::unique_ptr<ErrorReport> report;
  ProgressBar bar;
  int64_t rows = 0;         // data rows read (sender only)
  int64_t last_row = 0;     // number of the last record read (sender only)
};

void ReportRejection(ErrorReport& report, const nps::v1::SubmitResponseResult& ack) {
  std::vector<std::string> columns;
  for (const nps::v1::FieldViolation& violation : ack.field_violations()) {
    columns.push_back(ResponseColumns::ColumnForField(violation.field()));
  }
  report.Add(ack.sequence(), StatusCodeName(ack.code()), absl::StrJoin(columns, " "), ack.message());
}

// ReadAcks counts acknowledgements until the stream ends, then closes the window.
void ReadAcks(Stream& stream, ImportRun& run) {
  nps::v1::StreamResponsesResponse acks;
  while (stream.Read(&acks)) {
    for (const nps::v1::SubmitResponseResult& ack : acks.results()) {
      if (ack.code() != 0) ReportRejection(*run.report, ack);
      run.window.Release(ack.code() == 0 && !ack.replayed(), ack.code() == 0 && ack.replayed());
    }
  }
  run.window.Close();
}

// SendRows converts and writes every row; rows that cannot be converted are reported.
// It returns when the file ends or the stream fails.
void SendRows(CsvReader& reader, const ResponseColumns& columns, const std::string& key_prefix, Stream& stream,
              ImportRun& run) {
  nps::v1::StreamResponsesRequest request;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    run.last_row = reader.row();
    if (record.ok() && !record->has_value()) return;
    ++run.rows;
    if (!record.ok()) {
      run.report->Add(reader.row(), kInvalidArgument, "", std::string(record.status().message()));
      continue;
    }
    ConvertedRow row = columns.Convert(**record, key_prefix);
    if (!row.ok()) {
      run.report->Add(reader.row(), kInvalidArgument, row.error_column, row.error_message);
      continue;
    }
    if (!run.window.Acquire()) return;
    request.set_sequence(reader.row());
    *request.mutable_response() = std::move(row.input);
    if (!stream.Write(request)) return;
    run.bar.Update(reader.bytes_read(), run.rows, run.window.stored() + run.window.replayed(), run.report->count());
  }
}

absl::StatusOr<ResponseColumns> ReadHeader(CsvReader& reader, const std::string& default_campaign_id) {
  absl::StatusOr<std::optional<CsvRecord>> header = reader.Next();
  if (!header.ok()) return absl::InvalidArgumentError(absl::StrCat("the header is malformed: ", header.status().message()));
  if (!header->has_value()) return absl::InvalidArgumentError("the file is empty");
  return ResponseColumns::FromHeader((*header)->fields, default_campaign_id);
}

int64_t FileSize(std::ifstream& file) {
  file.seekg(0, std::ios::end);
  const int64_t size = file.tellg();
  file.seekg(0, std::ios::beg);
  return size;
}

}  // namespace

absl::StatusOr<ImportSummary> ImportResponses(const Connection& connection, const ImportOptions& options) {
  std::ifstream file(options.csv_path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError("cannot read the CSV file");
  const int64_t size = FileSize(file);
  CsvReader reader(file);
  NPSD_ASSIGN_OR_RETURN(ResponseColumns columns, ReadHeader(reader, options.campaign_id));
  const std::string report_path =
      options.error_report_path.empty() ? options.csv_path + ".errors.csv" : options.error_report_path;
  NPSD_ASSIGN_OR_RETURN(std::unique_ptr<ErrorReport> report, ErrorReport::Create(report_path));
  const std::string key_prefix = options.key_prefix.empty() ? DefaultKeyPrefix(options.csv_path) : options.key_prefix;

  const absl::Time start = absl::Now();
  ImportRun run(options.window, std::move(report), size, options.progress);
  std::unique_ptr<grpc::ClientContext> context = connection.NewStreamContext();
  std::unique_ptr<Stream> stream = nps::v1::ResponseService::NewStub(connection.channel())->StreamResponses(context.get());
  std::thread acks([&] { ReadAcks(*stream, run); });
  SendRows(reader, columns, key_prefix, *stream, run);
  stream->WritesDone();
  acks.join();
  const grpc::Status status = stream->Finish();

  ImportSummary summary;
  summary.rows = run.rows;
  summary.stored = run.window.stored();
  summary.replayed = run.window.replayed();
  summary.rejected = run.report->count();
  summary.elapsed = absl::Now() - start;
  run.bar.Finish(reader.bytes_read(), summary.rows, summary.stored + summary.replayed, summary.rejected);
  if (run.report->Close()) summary.error_report_path = report_path;
  const int64_t unconfirmed = summary.rows - summary.stored - summary.replayed - summary.rejected;
  if (!status.ok() || unconfirmed > 0) {
    return absl::Status(status.ok() ? absl::StatusCode::kUnavailable : FromGrpcStatus(status).code(),
                        absl::StrCat("the import stopped at row ", run.last_row, " with ", unconfirmed,
                                     " row(s) unconfirmed (", status.error_message(), "); ", summary.stored,
                                     " stored. Re-running the same import is safe: stored rows are not stored twice"));
  }
  return summary;
}

Table ImportSummaryTable(const ImportSummary& summary) {
  Table table({"rows", "stored", "replayed", "rejected", "seconds", "rows_per_second", "error_report"});
  const double seconds = absl::ToDoubleSeconds(summary.elapsed);
  table.AddRow({absl::StrCat(summary.rows), absl::StrCat(summary.stored), absl::StrCat(summary.replayed),
                absl::StrCat(summary.rejected), absl::StrFormat("%.1f", seconds),
                absl::StrFormat("%.0f", seconds > 0 ? summary.rows / seconds : 0.0), summary.error_report_path});
  return table;
}

}  // namespace npsd::cli
