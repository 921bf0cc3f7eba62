// response_service.h — the nps.v1.ResponseService gRPC service.
#ifndef NPSD_SERVER_RESPONSE_SERVICE_H_
#define NPSD_SERVER_RESPONSE_SERVICE_H_

#include "nps/v1/response_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/response_repository.h"

namespace npsd::server {

// ResponseService implements nps.v1.ResponseService for the caller's tenant.
class ResponseService final : public nps::v1::ResponseService::Service {
 public:
  // kMaxBatchSize bounds SubmitResponses; kMaxStreamInFlight bounds unacked stream items.
  static constexpr int kMaxBatchSize = 1000;
  static constexpr int kMaxStreamInFlight = 256;

  // ResponseService writes to `sink` and reads from `responses`, which must outlive it.
  ResponseService(CallRunner& runner, storage::ResponseSink& sink, storage::ResponseRepository& responses);

  grpc::Status SubmitResponse(grpc::ServerContext* context, const nps::v1::SubmitResponseRequest* request,
                              nps::v1::SubmitResponseResult* response) override;
  grpc::Status SubmitResponses(grpc::ServerContext* context, const nps::v1::SubmitResponsesRequest* request,
                               nps::v1::SubmitResponsesResponse* response) override;
  grpc::Status StreamResponses(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<nps::v1::SubmitResponseResult, nps::v1::StreamResponsesRequest>* stream) override;
  grpc::Status GetResponse(grpc::ServerContext* context, const nps::v1::GetResponseRequest* request,
                           nps::v1::Response* response) override;
  grpc::Status ListResponses(grpc::ServerContext* context, const nps::v1::ListResponsesRequest* request,
                             nps::v1::ListResponsesResponse* response) override;
  grpc::Status CheckEligibility(grpc::ServerContext* context, const nps::v1::CheckEligibilityRequest* request,
                                nps::v1::CheckEligibilityResponse* response) override;

 private:
  // SubmitAll hands `items` to the sink and waits for every outcome.
  std::vector<storage::SubmitOutcome> SubmitAll(std::vector<storage::SubmitItem> items);

  CallRunner& runner_;
  storage::ResponseSink& sink_;
  storage::ResponseRepository& responses_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_RESPONSE_SERVICE_H_
