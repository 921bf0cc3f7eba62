// privacy.cc — data-subject request calls, the export download and the table.
#include "cli/commands/privacy.h"

#include <fcntl.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/privacy_service.grpc.pb.h"

namespace npsd::cli {
namespace {

using nps::v1::DataSubjectRequest;

absl::StatusOr<DataSubjectRequest::Type> ParseType(const std::string& label) {
  return ParseEnumLabel<DataSubjectRequest::Type>(label, "", nps::v1::DataSubjectRequest_Type_Parse,
                                                  "--type (access, rectification, erasure or restriction)");
}

// PrivateFile is a file descriptor open for writing, closed on destruction.
class PrivateFile {
 public:
  explicit PrivateFile(const std::string& path) : fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)) {}
  ~PrivateFile() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  bool Write(const std::string& data) { return write(fd_, data.data(), data.size()) == static_cast<ssize_t>(data.size()); }

 private:
  int fd_;
};

}  // namespace

absl::StatusOr<DataSubjectRequest> CreatePrivacyRequest(const Connection& connection, const PrivacyRequestSpec& spec) {
  nps::v1::CreateDataSubjectRequestRequest request;
  NPSD_ASSIGN_OR_RETURN(DataSubjectRequest::Type type, ParseType(spec.type));
  request.set_type(type);
  *request.mutable_identifiers() = spec.identifiers;
  *request.mutable_rectified_identifiers() = spec.rectified_identifiers;
  request.set_lift_restriction(spec.lift_restriction);
  request.set_dry_run(spec.dry_run);
  request.set_reason(spec.reason);
  DataSubjectRequest created;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::PrivacyService::NewStub(connection.channel())
                                          ->CreateDataSubjectRequest(connection.NewContext().get(), request, &created)));
  return created;
}

absl::StatusOr<DataSubjectRequest> GetPrivacyRequest(const Connection& connection, const std::string& id) {
  nps::v1::GetDataSubjectRequestRequest request;
  request.set_request_id(id);
  DataSubjectRequest found;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::PrivacyService::NewStub(connection.channel())
                                          ->GetDataSubjectRequest(connection.NewContext().get(), request, &found)));
  return found;
}

absl::StatusOr<std::vector<DataSubjectRequest>> ListPrivacyRequests(const Connection& connection,
                                                                   const PrivacyRequestFilter& filter) {
  nps::v1::ListDataSubjectRequestsRequest request;
  if (!filter.type.empty()) {
    NPSD_ASSIGN_OR_RETURN(DataSubjectRequest::Type type, ParseType(filter.type));
    request.set_type(type);
  }
  if (!filter.status.empty()) {
    NPSD_ASSIGN_OR_RETURN(DataSubjectRequest::Status status,
                          ParseEnumLabel<DataSubjectRequest::Status>(
                              filter.status, "", nps::v1::DataSubjectRequest_Status_Parse, "--status"));
    request.set_status(status);
  }
  request.set_overdue_only(filter.overdue_only);
  auto stub = nps::v1::PrivacyService::NewStub(connection.channel());
  return CollectPages<DataSubjectRequest>(
      filter.limit, [&](int size, const std::string& token) -> absl::StatusOr<Page<DataSubjectRequest>> {
        request.set_page_size(size);
        request.set_page_token(token);
        nps::v1::ListDataSubjectRequestsResponse response;
        NPSD_RETURN_IF_ERROR(
            FromGrpcStatus(stub->ListDataSubjectRequests(connection.NewContext().get(), request, &response)));
        return Page<DataSubjectRequest>{{response.requests().begin(), response.requests().end()},
                                        response.next_page_token()};
      });
}

absl::StatusOr<int64_t> ExportPrivacyRequest(const Connection& connection, const std::string& id,
                                             const std::string& path) {
  nps::v1::ExportDataSubjectDataRequest request;
  request.set_request_id(id);
  PrivateFile file(path);
  if (!file.ok()) return absl::InvalidArgumentError("--out: cannot create the export file");
  std::unique_ptr<grpc::ClientContext> context = connection.NewStreamContext();
  auto reader = nps::v1::PrivacyService::NewStub(connection.channel())->ExportDataSubjectData(context.get(), request);
  nps::v1::DataExportChunk chunk;
  int64_t written = 0;
  bool last = false;
  while (reader->Read(&chunk)) {
    if (chunk.offset() != written) return absl::DataLossError("the export arrived out of order; retry");
    if (!file.Write(chunk.data())) return absl::InternalError("cannot write the export file");
    written += static_cast<int64_t>(chunk.data().size());
    last = chunk.last();
  }
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(reader->Finish()));
  if (!last) return absl::DataLossError("the export ended early; retry");
  return written;
}

Table PrivacyRequestTable(const std::vector<DataSubjectRequest>& requests) {
  Table table({"id", "type", "status", "dry_run", "subjects_found", "records_found", "records_affected",
               "receive_time", "due_time", "complete_time", "overdue", "reason", "detail"});
  for (const DataSubjectRequest& r : requests) {
    table.AddRow({r.id(), EnumLabel(nps::v1::DataSubjectRequest_Type_Name(r.type()), ""),
                  EnumLabel(nps::v1::DataSubjectRequest_Status_Name(r.status()), ""), r.dry_run() ? "true" : "false",
                  absl::StrCat(r.subjects_found()), absl::StrCat(r.records_found()),
                  absl::StrCat(r.records_affected()), FormatTimestamp(r.receive_time()),
                  FormatTimestamp(r.due_time()), FormatTimestamp(r.complete_time()), r.overdue() ? "true" : "false",
                  r.reason(), r.detail()});
  }
  return table;
}

}  // namespace npsd::cli
