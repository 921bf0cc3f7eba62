// response_proto.h — conversions between nps.v1 response messages and the domain.
#ifndef NPSD_SERVER_RESPONSE_PROTO_H_
#define NPSD_SERVER_RESPONSE_PROTO_H_

#include "absl/status/statusor.h"
#include "domain/eligibility.h"
#include "domain/response.h"
#include "nps/v1/response_service.pb.h"
#include "storage/response_repository.h"

namespace npsd::server {

// ResponseInputFromProto reads and validates one submitted response; field paths start
// with `field_prefix` ("response.", "responses[3].").
absl::StatusOr<domain::ResponseInput> ResponseInputFromProto(const nps::v1::ResponseInput& proto,
                                                             const std::string& field_prefix);

// SubjectIdentityFromProto reads a subject identity (validated by the domain).
domain::SubjectIdentity SubjectIdentityFromProto(const nps::v1::SubjectIdentity& proto);

// ToResult renders an item's outcome, or a rejection before storage, as an ack.
nps::v1::SubmitResponseResult ToResult(int64_t sequence, const storage::SubmitOutcome& outcome);

// ToProto renders a stored response.
nps::v1::Response ToProto(const storage::StoredResponse& response);

// ResponseFilterFromProto reads the filters of a ListResponsesRequest.
absl::StatusOr<storage::ResponseFilter> ResponseFilterFromProto(const nps::v1::ListResponsesRequest& request);

// ToProto renders an eligibility decision.
nps::v1::CheckEligibilityResponse ToProto(const domain::EligibilityDecision& decision);

}  // namespace npsd::server

#endif  // NPSD_SERVER_RESPONSE_PROTO_H_
