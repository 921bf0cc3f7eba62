// response_service.h — the nps.v1.ResponseService gRPC service.
#ifndef NPSD_SERVER_RESPONSE_SERVICE_H_
#define NPSD_SERVER_RESPONSE_SERVICE_H_

#include <functional>
#include <vector>

#include "nps/v1/response_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/response_repository.h"

namespace npsd::server {

// ResponseService implements nps.v1.ResponseService for the caller's tenant. The three
// ingestion methods use gRPC's callback API: a call waiting for its group commit holds
// no thread (the synchronous server started and ended a thread per waiting call, and
// kept two per stream).
class ResponseService final
    : public nps::v1::ResponseService::WithCallbackMethod_SubmitResponse<
          nps::v1::ResponseService::WithCallbackMethod_SubmitResponses<
              nps::v1::ResponseService::WithCallbackMethod_StreamResponses<nps::v1::ResponseService::Service>>> {
 public:
  // kMaxBatchSize bounds SubmitResponses; kMaxStreamInFlight bounds unacked stream items.
  static constexpr int kMaxBatchSize = 1000;
  static constexpr int kMaxStreamInFlight = 256;

  // ResponseService writes to `sink` and reads from `responses`, which must outlive it.
  ResponseService(CallRunner& runner, storage::ResponseSink& sink, storage::ResponseRepository& responses);

  grpc::ServerUnaryReactor* SubmitResponse(grpc::CallbackServerContext* context,
                                           const nps::v1::SubmitResponseRequest* request,
                                           nps::v1::SubmitResponseResult* response) override;
  grpc::ServerUnaryReactor* SubmitResponses(grpc::CallbackServerContext* context,
                                            const nps::v1::SubmitResponsesRequest* request,
                                            nps::v1::SubmitResponsesResponse* response) override;
  grpc::ServerBidiReactor<nps::v1::StreamResponsesRequest, nps::v1::StreamResponsesResponse>* StreamResponses(
      grpc::CallbackServerContext* context) override;
  grpc::Status GetResponse(grpc::ServerContext* context, const nps::v1::GetResponseRequest* request,
                           nps::v1::Response* response) override;
  grpc::Status ListResponses(grpc::ServerContext* context, const nps::v1::ListResponsesRequest* request,
                             nps::v1::ListResponsesResponse* response) override;
  grpc::Status CheckEligibility(grpc::ServerContext* context, const nps::v1::CheckEligibilityRequest* request,
                                nps::v1::CheckEligibilityResponse* response) override;

 private:
  // SubmitAll hands `items` to the sink; `done` runs with every outcome, in order, on
  // the thread delivering the last one (at once when `items` is empty).
  void SubmitAll(std::vector<storage::SubmitItem> items,
                 std::function<void(std::vector<storage::SubmitOutcome>)> done);

  CallRunner& runner_;
  storage::ResponseSink& sink_;
  storage::ResponseRepository& responses_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_RESPONSE_SERVICE_H_
