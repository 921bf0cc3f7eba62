// response_service.cc — ResponseService handlers.
#include "server/response_service.h"

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/response_proto.h"
#include "server/response_stream.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kSubmitResponse{"/nps.v1.ResponseService/SubmitResponse", MethodPolicy::TenantScope(Scope::kIngest)};
const RpcMethod kSubmitResponses{"/nps.v1.ResponseService/SubmitResponses", MethodPolicy::TenantScope(Scope::kIngest)};
const RpcMethod kStreamResponses{"/nps.v1.ResponseService/StreamResponses", MethodPolicy::TenantScope(Scope::kIngest),
                                 true};
const RpcMethod kGetResponse{"/nps.v1.ResponseService/GetResponse", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kListResponses{"/nps.v1.ResponseService/ListResponses", MethodPolicy::TenantScope(Scope::kRead)};
const RpcMethod kCheckEligibility{"/nps.v1.ResponseService/CheckEligibility", MethodPolicy::TenantScope(Scope::kRead)};

// kStreamItemTimeout bounds how long one stream item may wait for a writer.
constexpr absl::Duration kStreamItemTimeout = absl::Seconds(30);

}  // namespace

ResponseService::ResponseService(CallRunner& runner, storage::ResponseSink& sink,
                                 storage::ResponseRepository& responses)
    : runner_(runner), sink_(sink), responses_(responses) {}

std::vector<storage::SubmitOutcome> ResponseService::SubmitAll(std::vector<storage::SubmitItem> items) {
  std::vector<storage::SubmitOutcome> outcomes(items.size());
  absl::BlockingCounter pending(static_cast<int>(items.size()));
  for (size_t i = 0; i < items.size(); ++i) {
    sink_.Submit(std::move(items[i]), [&outcomes, &pending, i](storage::SubmitOutcome outcome) {
      outcomes[i] = std::move(outcome);
      pending.DecrementCount();
    });
  }
  pending.Wait();
  return outcomes;
}

grpc::Status ResponseService::SubmitResponse(grpc::ServerContext* context,
                                             const nps::v1::SubmitResponseRequest* request,
                                             nps::v1::SubmitResponseResult* response) {
  return runner_.Run(context, kSubmitResponse, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::ResponseInput input, ResponseInputFromProto(request->response(), "response."));
    std::vector<storage::SubmitItem> items;
    items.push_back({call.principal.tenant_id, std::move(input), absl::Now(), call.deadline, "response."});
    const storage::SubmitOutcome outcome = SubmitAll(std::move(items)).front();
    NPSD_RETURN_IF_ERROR(outcome.status);
    *response = ToResult(0, outcome);
    return absl::OkStatus();
  });
}

grpc::Status ResponseService::SubmitResponses(grpc::ServerContext* context,
                                              const nps::v1::SubmitResponsesRequest* request,
                                              nps::v1::SubmitResponsesResponse* response) {
  return runner_.Run(context, kSubmitResponses, [&](const CallContext& call) -> absl::Status {
    const int count = request->responses_size();
    if (count == 0 || count > kMaxBatchSize) {
      return domain::InvalidField("responses", "must hold 1 to 1000 responses");
    }
    std::vector<storage::SubmitOutcome> outcomes(count);
    std::vector<storage::SubmitItem> items;
    std::vector<int> positions;
    const absl::Time now = absl::Now();
    for (int i = 0; i < count; ++i) {
      const std::string prefix = absl::StrCat("responses[", i, "].");
      absl::StatusOr<domain::ResponseInput> input = ResponseInputFromProto(request->responses(i), prefix);
      if (!input.ok()) {
        outcomes[i].status = input.status();
        continue;
      }
      items.push_back({call.principal.tenant_id, *std::move(input), now, call.deadline, prefix});
      positions.push_back(i);
    }
    std::vector<storage::SubmitOutcome> stored = SubmitAll(std::move(items));
    for (size_t k = 0; k < stored.size(); ++k) outcomes[positions[k]] = std::move(stored[k]);
    for (int i = 0; i < count; ++i) *response->add_results() = ToResult(i, outcomes[i]);
    return absl::OkStatus();
  });
}

grpc::Status ResponseService::StreamResponses(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<nps::v1::SubmitResponseResult, nps::v1::StreamResponsesRequest>* stream) {
  return runner_.Run(context, kStreamResponses, [&](const CallContext& call) -> absl::Status {
    ResponseStreamSession session(context, stream, sink_, call.principal.tenant_id, kMaxStreamInFlight,
                                  kStreamItemTimeout);
    return session.Run();
  });
}

grpc::Status ResponseService::GetResponse(grpc::ServerContext* context, const nps::v1::GetResponseRequest* request,
                                          nps::v1::Response* response) {
  return runner_.Run(context, kGetResponse, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("response_id", request->response_id()));
    NPSD_ASSIGN_OR_RETURN(storage::StoredResponse stored,
                          responses_.GetResponse(call.principal.tenant_id, id, call.deadline));
    *response = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status ResponseService::ListResponses(grpc::ServerContext* context,
                                            const nps::v1::ListResponsesRequest* request,
                                            nps::v1::ListResponsesResponse* response) {
  return runner_.Run(context, kListResponses, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::ResponseFilter filter, ResponseFilterFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), filter.Key()));
    NPSD_ASSIGN_OR_RETURN(storage::Page<storage::StoredResponse> result,
                          responses_.ListResponses(call.principal.tenant_id, filter, page, call.deadline));
    for (const storage::StoredResponse& stored : result.items) *response->add_responses() = ToProto(stored);
    response->set_next_page_token(NextPageToken(result.next, filter.Key()));
    return absl::OkStatus();
  });
}

grpc::Status ResponseService::CheckEligibility(grpc::ServerContext* context,
                                               const nps::v1::CheckEligibilityRequest* request,
                                               nps::v1::CheckEligibilityResponse* response) {
  return runner_.Run(context, kCheckEligibility, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string campaign_id, domain::ParseIdField("campaign_id", request->campaign_id()));
    NPSD_ASSIGN_OR_RETURN(std::vector<domain::NormalizedIdentifier> identifiers,
                          domain::NormalizeIdentity(SubjectIdentityFromProto(request->subject()), "subject."));
    NPSD_ASSIGN_OR_RETURN(domain::EligibilityFacts facts,
                          responses_.GetEligibilityFacts(call.principal.tenant_id, campaign_id, identifiers,
                                                         call.deadline));
    facts.now = absl::Now();
    facts.sampling_draw = request->interaction_id().empty()
                              ? domain::SamplingDraw(campaign_id, absl::StrCat(absl::ToUnixNanos(facts.now)))
                              : domain::SamplingDraw(campaign_id, request->interaction_id());
    *response = ToProto(domain::DecideEligibility(facts));
    return absl::OkStatus();
  });
}

}  // namespace npsd::server
