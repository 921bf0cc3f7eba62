// response_service.cc — ResponseService handlers.
#include "server/response_service.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/response_proto.h"
#include "server/response_stream.h"
#include "server/unary_callback_call.h"
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

void ResponseService::SubmitAll(std::vector<storage::SubmitItem> items,
                                std::function<void(std::vector<storage::SubmitOutcome>)> done) {
  struct Pending {
    std::vector<storage::SubmitOutcome> outcomes;
    std::atomic<size_t> remaining;
    std::function<void(std::vector<storage::SubmitOutcome>)> done;
  };
  if (items.empty()) {
    done({});
    return;
  }
  auto pending = std::make_shared<Pending>();
  pending->outcomes.resize(items.size());
  pending->remaining = items.size();
  pending->done = std::move(done);
  for (size_t i = 0; i < items.size(); ++i) {
    sink_.Submit(std::move(items[i]), [pending, i](storage::SubmitOutcome outcome) {
      pending->outcomes[i] = std::move(outcome);
      if (pending->remaining.fetch_sub(1) == 1) pending->done(std::move(pending->outcomes));
    });
  }
}

grpc::ServerUnaryReactor* ResponseService::SubmitResponse(grpc::CallbackServerContext* context,
                                                          const nps::v1::SubmitResponseRequest* request,
                                                          nps::v1::SubmitResponseResult* response) {
  auto call = std::make_shared<UnaryCallbackCall>(runner_, context, kSubmitResponse);
  if (!call->admitted().ok()) return call->Finish(call->admitted().status());
  absl::StatusOr<domain::ResponseInput> input = ResponseInputFromProto(request->response(), "response.");
  if (!input.ok()) return call->Finish(input.status());
  const CallContext& caller = *call->admitted();
  sink_.Submit({caller.principal.tenant_id, *std::move(input), absl::Now(), caller.deadline, "response."},
               [call, response](storage::SubmitOutcome outcome) {
                 if (outcome.status.ok()) *response = ToResult(0, outcome);
                 call->Finish(outcome.status);
               });
  return call->reactor();
}

grpc::ServerUnaryReactor* ResponseService::SubmitResponses(grpc::CallbackServerContext* context,
                                                           const nps::v1::SubmitResponsesRequest* request,
                                                           nps::v1::SubmitResponsesResponse* response) {
  auto call = std::make_shared<UnaryCallbackCall>(runner_, context, kSubmitResponses);
  if (!call->admitted().ok()) return call->Finish(call->admitted().status());
  const int count = request->responses_size();
  if (count == 0 || count > kMaxBatchSize) {
    return call->Finish(domain::InvalidField("responses", "must hold 1 to 1000 responses"));
  }
  const CallContext& caller = *call->admitted();
  // Items that fail validation get their outcome now; the others once stored.
  auto outcomes = std::make_shared<std::vector<storage::SubmitOutcome>>(count);
  std::vector<storage::SubmitItem> items;
  std::vector<int> positions;
  const absl::Time now = absl::Now();
  for (int i = 0; i < count; ++i) {
    const std::string prefix = absl::StrCat("responses[", i, "].");
    absl::StatusOr<domain::ResponseInput> input = ResponseInputFromProto(request->responses(i), prefix);
    if (!input.ok()) {
      (*outcomes)[i].status = input.status();
      continue;
    }
    items.push_back({caller.principal.tenant_id, *std::move(input), now, caller.deadline, prefix});
    positions.push_back(i);
  }
  SubmitAll(std::move(items), [call, response, outcomes, positions](std::vector<storage::SubmitOutcome> stored) {
    for (size_t k = 0; k < stored.size(); ++k) (*outcomes)[positions[k]] = std::move(stored[k]);
    for (size_t i = 0; i < outcomes->size(); ++i) *response->add_results() = ToResult(i, (*outcomes)[i]);
    call->Finish(absl::OkStatus());
  });
  return call->reactor();
}

grpc::ServerBidiReactor<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse>*
ResponseService::StreamResponses(grpc::CallbackServerContext* context) {
  return new ResponseStreamReactor(context, runner_, kStreamResponses, sink_, kMaxStreamInFlight, kStreamItemTimeout);
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
