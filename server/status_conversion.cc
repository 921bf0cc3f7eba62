// status_conversion.cc — status conversion with rich error details.
#include "server/status_conversion.h"

#include <string>
#include <vector>

#include "domain/field_violation.h"
#include "domain/token_bucket.h"
#include "nps/v1/error_details.pb.h"

namespace npsd::server {
namespace {

// The standard type URL: npsd's BadRequest has the wire format of google.rpc.BadRequest.
constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";
constexpr char kRetryInfoTypeUrl[] = "type.googleapis.com/google.rpc.RetryInfo";

void AddDetail(nps::v1::ErrorStatus& error, const char* type_url, const google::protobuf::Message& detail) {
  google::protobuf::Any* any = error.add_details();
  any->set_type_url(type_url);
  any->set_value(detail.SerializeAsString());
}

// ErrorDetails renders the google.rpc.Status trailer, or "" when there is no detail.
std::string ErrorDetails(const absl::Status& status) {
  nps::v1::ErrorStatus error;
  error.set_code(static_cast<int>(status.code()));
  error.set_message(std::string(status.message()));
  const std::vector<domain::FieldViolation> violations = domain::FieldViolationsOf(status);
  if (!violations.empty()) {
    nps::v1::BadRequest bad_request;
    for (const domain::FieldViolation& violation : violations) {
      nps::v1::FieldViolation* entry = bad_request.add_field_violations();
      entry->set_field(violation.field);
      entry->set_description(violation.description);
    }
    AddDetail(error, kBadRequestTypeUrl, bad_request);
  }
  if (std::optional<absl::Duration> delay = domain::RetryDelayOf(status)) {
    nps::v1::RetryInfo retry;
    const int64_t micros = absl::ToInt64Microseconds(*delay);
    retry.mutable_retry_delay()->set_seconds(micros / 1000000);
    retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
    AddDetail(error, kRetryInfoTypeUrl, retry);
  }
  return error.details_size() == 0 ? "" : error.SerializeAsString();
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  const std::string details = ErrorDetails(status);
  if (details.empty()) return grpc::Status(code, message);
  return grpc::Status(code, message, details);
}

}  // namespace npsd::server
