// metrics_test.cc — the /metrics endpoint serves what was recorded, with bounded labels.
#include "server/metrics.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace npsd::server {
namespace {

// HttpGet fetches `path` from 127.0.0.1:`port` with a plain HTTP/1.0 request.
std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return "";
  }
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n";
  if (write(fd, request.data(), request.size()) < 0) return "";
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, static_cast<size_t>(n));
  close(fd);
  return response;
}

TEST(MetricsTest, EndpointServesCallsIngestionAndGauges) {
  Metrics metrics;
  ASSERT_TRUE(metrics.Serve("127.0.0.1:0").ok());
  ASSERT_GT(metrics.port(), 0);
  metrics.RecordCall("/nps.v1.ResponseService/SubmitResponse", absl::StatusCode::kOk, absl::Milliseconds(3));
  metrics.RecordCall("/nps.v1.ResponseService/SubmitResponse", absl::StatusCode::kOk, absl::Milliseconds(4));
  metrics.RecordCall("/nps.v1.ResponseService/SubmitResponse", absl::StatusCode::kInvalidArgument,
                     absl::Milliseconds(1));
  metrics.RecordIngest(IngestOutcome::kStored);
  metrics.RecordIngest(IngestOutcome::kReplayed);
  metrics.SetPool(5, 2);
  metrics.SetIngestQueue(7);
  metrics.RecordIngestBatch(12, absl::Milliseconds(3), absl::Milliseconds(1));
  const std::string body = HttpGet(metrics.port(), "/metrics");
  EXPECT_NE(body.find("npsd_rpc_calls_total{code=\"OK\",method=\"/nps.v1.ResponseService/SubmitResponse\"} 2"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("code=\"INVALID_ARGUMENT\""), std::string::npos);
  EXPECT_NE(body.find("npsd_rpc_latency_seconds_count{method=\"/nps.v1.ResponseService/SubmitResponse\"} 3"),
            std::string::npos);
  EXPECT_NE(body.find("npsd_ingested_responses_total{outcome=\"stored\"} 1"), std::string::npos);
  EXPECT_NE(body.find("npsd_db_pool_connections{state=\"open\"} 5"), std::string::npos);
  EXPECT_NE(body.find("npsd_ingest_queue_items 7"), std::string::npos);
  EXPECT_NE(body.find("npsd_ingest_batch_items_sum 12"), std::string::npos);
  EXPECT_NE(body.find("npsd_ingest_batch_seconds_count{stage=\"commit\"} 1"), std::string::npos);
  EXPECT_NE(body.find("npsd_ingest_batch_seconds_bucket{stage=\"written\",le=\"0.005\"} 1"), std::string::npos);
}

TEST(MetricsTest, UnusableAddressIsReportedNotThrown) {
  Metrics metrics;
  EXPECT_EQ(metrics.Serve("256.0.0.1:1").code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace npsd::server
