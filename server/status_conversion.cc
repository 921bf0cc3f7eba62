// status_conversion.cc — status conversion with rich error details.
#include "server/status_conversion.h"

#include <string>
#include <vector>

#include "domain/field_violation.h"
#include "nps/v1/error_details.pb.h"

namespace npsd::server {
namespace {

// The standard type URL: npsd's BadRequest has the wire format of google.rpc.BadRequest.
constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";

std::string ErrorDetails(const absl::Status& status,
                         const std::vector<domain::FieldViolation>& violations) {
  nps::v1::BadRequest bad_request;
  for (const domain::FieldViolation& violation : violations) {
    nps::v1::FieldViolation* entry = bad_request.add_field_violations();
    entry->set_field(violation.field);
    entry->set_description(violation.description);
  }
  nps::v1::ErrorStatus error;
  error.set_code(static_cast<int>(status.code()));
  error.set_message(std::string(status.message()));
  google::protobuf::Any* detail = error.add_details();
  detail->set_type_url(kBadRequestTypeUrl);
  detail->set_value(bad_request.SerializeAsString());
  return error.SerializeAsString();
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  const std::vector<domain::FieldViolation> violations = domain::FieldViolationsOf(status);
  if (violations.empty()) return grpc::Status(code, message);
  return grpc::Status(code, message, ErrorDetails(status, violations));
}

}  // namespace npsd::server
