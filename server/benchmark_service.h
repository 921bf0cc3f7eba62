// benchmark_service.h — the nps.v1.BenchmarkService gRPC service (scope `read`).
//
// Handlers read the request, fetch histograms of the caller's tenant from the
// repository and leave every statistic to domain/benchmark.h.
#ifndef NPSD_SERVER_BENCHMARK_SERVICE_H_
#define NPSD_SERVER_BENCHMARK_SERVICE_H_

#include "nps/v1/benchmark_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/benchmark_repository.h"

namespace npsd::server {

// BenchmarkService implements nps.v1.BenchmarkService for the caller's tenant.
class BenchmarkService final : public nps::v1::BenchmarkService::Service {
 public:
  // BenchmarkService uses the given runner and repository, which must outlive it.
  BenchmarkService(CallRunner& runner, storage::BenchmarkRepository& benchmarks)
      : runner_(runner), benchmarks_(benchmarks) {}

  grpc::Status GetScore(grpc::ServerContext* context, const nps::v1::GetScoreRequest* request,
                        nps::v1::GetScoreResponse* response) override;
  grpc::Status CompareSegments(grpc::ServerContext* context, const nps::v1::CompareSegmentsRequest* request,
                               nps::v1::CompareSegmentsResponse* response) override;
  grpc::Status GetTrend(grpc::ServerContext* context, const nps::v1::GetTrendRequest* request,
                        nps::v1::GetTrendResponse* response) override;
  grpc::Status GetIndustryBenchmark(grpc::ServerContext* context,
                                    const nps::v1::GetIndustryBenchmarkRequest* request,
                                    nps::v1::GetIndustryBenchmarkResponse* response) override;
  grpc::Status PlanSampleSize(grpc::ServerContext* context, const nps::v1::PlanSampleSizeRequest* request,
                              nps::v1::PlanSampleSizeResponse* response) override;

 private:
  CallRunner& runner_;
  storage::BenchmarkRepository& benchmarks_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_BENCHMARK_SERVICE_H_
