// metrics.cc — metric families and the /metrics endpoint.
#include "server/metrics.h"

#include "absl/strings/str_cat.h"

namespace npsd::server {
namespace {

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return *buckets;
}

const prometheus::Histogram::BucketBoundaries& BatchSizeBuckets() {
  static const auto* const buckets =
      new prometheus::Histogram::BucketBoundaries{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
  return *buckets;
}

const char* OutcomeName(IngestOutcome outcome) {
  switch (outcome) {
    case IngestOutcome::kStored:
      return "stored";
    case IngestOutcome::kReplayed:
      return "replayed";
    case IngestOutcome::kRejected:
      return "rejected";
  }
  return "unknown";
}

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      calls_(prometheus::BuildCounter().Name("npsd_rpc_calls_total").Help("gRPC calls by method and status code").Register(*registry_)),
      latency_(prometheus::BuildHistogram().Name("npsd_rpc_latency_seconds").Help("gRPC call latency by method").Register(*registry_)),
      ingested_(prometheus::BuildCounter().Name("npsd_ingested_responses_total").Help("submitted responses by outcome").Register(*registry_)),
      pool_(prometheus::BuildGauge().Name("npsd_db_pool_connections").Help("pooled database connections by state").Register(*registry_)),
      queue_(prometheus::BuildGauge().Name("npsd_ingest_queue_items").Help("responses waiting for a writer").Register(*registry_).Add({})),
      batch_items_(prometheus::BuildHistogram()
                       .Name("npsd_ingest_batch_items")
                       .Help("items per group-commit batch")
                       .Register(*registry_)
                       .Add({}, BatchSizeBuckets())),
      batch_seconds_(prometheus::BuildHistogram()
                         .Name("npsd_ingest_batch_seconds")
                         .Help("group-commit batch time by stage: written (taken to answered), commit")
                         .Register(*registry_)) {}

absl::Status Metrics::Serve(const std::string& listen_address) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(listen_address);
  } catch (const std::exception&) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", listen_address));
  }
  exposer_->RegisterCollectable(registry_);
  return absl::OkStatus();
}

int Metrics::port() const {
  if (exposer_ == nullptr) return 0;
  const std::vector<int> ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void Metrics::RecordCall(const std::string& method, absl::StatusCode code, absl::Duration latency) {
  calls_.Add({{"method", method}, {"code", absl::StatusCodeToString(code)}}).Increment();
  latency_.Add({{"method", method}}, LatencyBuckets()).Observe(absl::ToDoubleSeconds(latency));
}

void Metrics::RecordIngest(IngestOutcome outcome) { ingested_.Add({{"outcome", OutcomeName(outcome)}}).Increment(); }

void Metrics::RecordIngestBatch(size_t items, absl::Duration written, absl::Duration commit) {
  batch_items_.Observe(static_cast<double>(items));
  batch_seconds_.Add({{"stage", "written"}}, LatencyBuckets()).Observe(absl::ToDoubleSeconds(written));
  batch_seconds_.Add({{"stage", "commit"}}, LatencyBuckets()).Observe(absl::ToDoubleSeconds(commit));
}

void Metrics::SetPool(int open, int idle) {
  pool_.Add({{"state", "open"}}).Set(open);
  pool_.Add({{"state", "idle"}}).Set(idle);
}

void Metrics::SetIngestQueue(size_t items) { queue_.Set(static_cast<double>(items)); }

}  // namespace npsd::server
