// ingest_workloads.h — npsd's ingestion under load: stream, batch and unary.
#ifndef NPSD_BENCH_INGEST_WORKLOADS_H_
#define NPSD_BENCH_INGEST_WORKLOADS_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"

namespace npsd::bench {

// IngestTarget is a server channel and a tenant ready to ingest on it.
struct IngestTarget {
  std::shared_ptr<grpc::Channel> channel;
  std::string token;
  std::string campaign_id;
};

// MeasureStreamIngest runs `streams` concurrent StreamResponses calls for `duration`
// and returns acknowledged (committed) responses per second.
double MeasureStreamIngest(const IngestTarget& target, int streams, absl::Duration duration);

// MeasureBatchIngest runs `callers` concurrent loops of SubmitResponses with
// `batch_size` items and returns stored responses per second.
double MeasureBatchIngest(const IngestTarget& target, int callers, int batch_size, absl::Duration duration);

// MeasureUnaryClosedLoop keeps `in_flight` SubmitResponse calls outstanding.
LoadResult MeasureUnaryClosedLoop(const IngestTarget& target, int in_flight, absl::Duration duration);

// MeasureUnaryOpenLoop offers `rate` SubmitResponse calls per second.
LoadResult MeasureUnaryOpenLoop(const IngestTarget& target, double rate, absl::Duration duration);

}  // namespace npsd::bench

#endif  // NPSD_BENCH_INGEST_WORKLOADS_H_
