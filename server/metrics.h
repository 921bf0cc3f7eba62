// metrics.h — npsd's Prometheus metrics, served at /metrics when --metrics-listen is set.
//
//   npsd_rpc_calls_total{method, code}       calls by full method name and status code
//   npsd_rpc_latency_seconds{method}         call latency histogram
//   npsd_ingested_responses_total{outcome}   stored, replayed, rejected
//   npsd_db_pool_connections{state}          open and idle pooled connections
//   npsd_ingest_queue_items                  responses waiting for a writer
//   npsd_ingest_batch_items                  items per group-commit batch (histogram)
//   npsd_ingest_batch_seconds{stage}         per batch: "written" (taken to answered) and
//                                            "commit" (the COMMIT round trip, the WAL flush)
//
// Every label value comes from a fixed set (method names are the server's own, codes are
// the 17 canonical names): no tenant ids, no user input, no unbounded cardinality.
#ifndef NPSD_SERVER_METRICS_H_
#define NPSD_SERVER_METRICS_H_

#include <memory>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::server {

// IngestOutcome classifies a submitted response.
enum class IngestOutcome { kStored, kReplayed, kRejected };

// Metrics owns the registry and, once served, the HTTP endpoint.
class Metrics {
 public:
  Metrics();

  // Serve exposes /metrics on `listen_address` ("host:port"; port 0 picks one).
  absl::Status Serve(const std::string& listen_address);

  // port is the port /metrics is served on, or 0 when not served.
  int port() const;

  // RecordCall counts one finished call.
  void RecordCall(const std::string& method, absl::StatusCode code, absl::Duration latency);

  // RecordIngest counts one submitted response's outcome.
  void RecordIngest(IngestOutcome outcome);

  // RecordIngestBatch records one group-commit batch: its size, the time from taking it
  // to its outcomes, and its COMMIT round trip.
  void RecordIngestBatch(size_t items, absl::Duration written, absl::Duration commit);

  // SetPool and SetIngestQueue publish gauges sampled by the server.
  void SetPool(int open, int idle);
  void SetIngestQueue(size_t items);

  // registry is where other components may register their own families.
  prometheus::Registry& registry() { return *registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Family<prometheus::Counter>& ingested_;
  prometheus::Family<prometheus::Gauge>& pool_;
  prometheus::Gauge& queue_;
  prometheus::Histogram& batch_items_;
  prometheus::Family<prometheus::Histogram>& batch_seconds_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_METRICS_H_
