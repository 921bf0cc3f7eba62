// main.cc — npsd_bench: ingestion figures against baselines measured in the same run.
//
// Run through `make bench` (a durable throwaway PostgreSQL, the real npsd binary):
//   C  binary COPY of response rows into a scratch table      (database write limit)
//   E  a trivial gRPC service, 32 unary calls in flight        (RPC stack limit)
//   G  the raw GROUP BY region, brand, business unit NPS query over a large data set
// then npsd's streaming, batch and unary ingestion (32 and 256 calls in flight), the
// unary latency at an offered load of 0.3 x E, the benchmark RPCs over the same data
// set, and npsd's peak RSS, printed as one table with ratios and targets.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "domain/status_macros.h"
#include "bench/analytics_workloads.h"
#include "bench/copy_baseline.h"
#include "bench/echo_baseline.h"
#include "bench/ingest_workloads.h"
#include "tests/support/ingestion_setup.h"
#include "tests/support/npsd_process.h"

namespace {

using npsd::bench::LoadResult;

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) {
    std::cerr << name << " is not set: run through `make bench`\n";
    std::exit(2);
  }
  return value;
}

void Row(const std::string& figure, const std::string& value, const std::string& ratio, const std::string& target,
         const std::string& cpu = "") {
  std::cout << absl::StrFormat("%-44s %18s %12s %14s   %s\n", figure, value, ratio, cpu, target);
}

std::string Rate(double per_second) { return absl::StrFormat("%.0f /s", per_second); }
std::string Millis(absl::Duration d) { return absl::StrFormat("%.2f ms", absl::ToDoubleMilliseconds(d)); }
std::string Times(double ratio) { return absl::StrFormat("%.2f x", ratio); }
std::string Micros(double seconds) { return absl::StrFormat("%.0f us", seconds * 1e6); }

// kCopyRuns is how many COPYs C is the best of: one COPY lasts about a second, and a
// pause of the machine within it lowered C by a quarter in some runs, which flattered
// every ratio to it. Each COPY fills a fresh scratch table.
constexpr int kCopyRuns = 3;

// kUnaryMaxInFlight is the concurrency at which unary ingestion's maximum is measured.
constexpr int kUnaryMaxInFlight = 256;

// Measured is a throughput with the server CPU time it cost per item: a figure that
// the machine's other load moves much less than the throughput itself.
struct Measured {
  double per_second = 0;
  double cpu_seconds_per_item = 0;
};

// The workload's rate is over its whole run, which outlasts the phase when the server
// still has items to drain (a stream's flow-control windows hold thousands), so the
// items are counted over the measured run, not the phase.
template <typename Workload>
Measured MeasureWithCpu(const npsd::testing::NpsdProcess& server, Workload workload) {
  const double cpu_before = server.CpuSeconds();
  const absl::Time start = absl::Now();
  Measured measured;
  measured.per_second = workload();
  const double items = measured.per_second * absl::ToDoubleSeconds(absl::Now() - start);
  if (items > 0) measured.cpu_seconds_per_item = (server.CpuSeconds() - cpu_before) / items;
  return measured;
}

// ReportAnalytics seeds `rows` responses for a new tenant, measures G and the benchmark
// RPCs over them, and prints their rows.
absl::Status ReportAnalytics(npsd::testing::NpsdProcess& server, const std::string& owner_url, int64_t rows) {
  auto tenant = npsd::testing::CreateIngestionTenant(server.channel(), server.operator_token());
  if (!tenant.ok()) return tenant.status();
  NPSD_RETURN_IF_ERROR(npsd::bench::SeedResponses(owner_url, tenant->tenant_id, tenant->campaign_id, rows));
  NPSD_ASSIGN_OR_RETURN(const absl::Duration group_by, npsd::bench::MeasureRawGroupBy(owner_url, tenant->tenant_id));
  // With 100 calls the p99 was the slowest call, one pause of the machine away from
  // any figure; 1,000 calls make it the tenth slowest.
  const LoadResult score = npsd::bench::MeasureGetScore(server.channel(), tenant->token, 1000);
  const LoadResult compare = npsd::bench::MeasureCompareRegions(server.channel(), tenant->token, 1000);
  Row(absl::StrFormat("G  raw GROUP BY region, brand, BU over %lld", static_cast<long long>(rows)), Millis(group_by),
      "", "baseline");
  Row("GetScore p50 / p99", Millis(score.p50) + " / " + Millis(score.p99),
      Times(absl::ToDoubleSeconds(group_by) / absl::ToDoubleSeconds(score.p99)), "p99 <= 50 ms, >= 20 x faster than G");
  Row("CompareSegments(REGION) p50 / p99", Millis(compare.p50) + " / " + Millis(compare.p99),
      Times(absl::ToDoubleSeconds(group_by) / absl::ToDoubleSeconds(compare.p99)),
      "p99 <= 50 ms, >= 20 x faster than G");
  Row("benchmark RPC errors", absl::StrFormat("%lld", static_cast<long long>(score.errors + compare.errors)), "", "");
  return absl::OkStatus();
}

// PrintTimeline prints an open-loop run second by second, to tell a uniform tail from
// a pause of a few seconds.
void PrintTimeline(const std::string& title, const LoadResult& result) {
  std::cout << "\n" << title << "\n"
            << absl::StrFormat("%6s %8s %10s %10s %10s %7s %12s\n", "second", "ok", "p50 ms", "p99 ms", "max ms",
                               "failed", "not started");
  for (size_t s = 0; s < result.timeline.size(); ++s) {
    const npsd::bench::SecondSummary& second = result.timeline[s];
    std::cout << absl::StrFormat("%6d %8d %10.2f %10.2f %10.2f %7d %12d\n", s, second.ok,
                                 absl::ToDoubleMilliseconds(second.p50), absl::ToDoubleMilliseconds(second.p99),
                                 absl::ToDoubleMilliseconds(second.max), second.failed, second.not_started);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"npsd_bench: ingestion throughput and latency against same-run baselines"};
  std::string npsd_binary = "build/server/npsd";
  double seconds = 10;
  int64_t copy_rows = 200000;
  int streams = 4;
  int64_t analytics_rows = 1000000;
  std::string skip;
  bool timeline = false;
  app.add_option("--npsd", npsd_binary, "the npsd binary")->capture_default_str();
  app.add_option("--seconds", seconds, "duration of each load phase")->capture_default_str();
  app.add_option("--copy-rows", copy_rows, "rows for the COPY baseline")->capture_default_str();
  app.add_option("--streams", streams, "concurrent ingestion streams")->capture_default_str();
  app.add_option("--analytics-rows", analytics_rows, "responses behind the benchmark RPCs (10000000 for full size)")
      ->capture_default_str();
  app.add_option("--skip", skip,
                 "phases to leave out, comma-separated: stream, batch, unary (closed loop), offered (unary open loop),"
                 " analytics (to profile one phase)");
  app.add_flag("--timeline", timeline, "also print the open-loop phase second by second");
  CLI11_PARSE(app, argc, argv);
  const std::set<std::string> skipped = absl::StrSplit(skip, ',', absl::SkipEmpty());
  const auto runs = [&skipped](const std::string& phase) { return skipped.count(phase) == 0; };
  const std::string owner_url = RequiredEnv("NPSD_TEST_OWNER_URL");
  const std::string app_url = RequiredEnv("NPSD_TEST_APP_URL");
  const absl::Duration phase = absl::Seconds(seconds);

  char work_dir[] = "/tmp/npsd-bench-XXXXXX";
  if (mkdtemp(work_dir) == nullptr) return 2;
  auto server = npsd::testing::NpsdProcess::Start(npsd_binary, app_url, owner_url, work_dir);
  if (!server.ok()) {
    std::cerr << server.status() << "\n";
    return 1;
  }
  double copy = 0;
  for (int run = 0; run < kCopyRuns; ++run) {
    const absl::StatusOr<double> rate = npsd::bench::MeasureBinaryCopy(owner_url, copy_rows);
    if (!rate.ok()) {
      std::cerr << "COPY baseline failed: " << rate.status() << "\n";
      return 1;
    }
    copy = std::max(copy, *rate);
  }
  const LoadResult echo = npsd::bench::MeasureEcho(32, phase);
  auto tenant = npsd::testing::CreateIngestionTenant((*server)->channel(), (*server)->operator_token());
  if (!tenant.ok()) {
    std::cerr << tenant.status() << "\n";
    return 1;
  }
  const npsd::bench::IngestTarget target{(*server)->channel(), tenant->token, tenant->campaign_id};
  Measured stream, batch, unary_cpu, offered_cpu;
  LoadResult unary_32, unary, offered;
  if (runs("stream")) {
    stream = MeasureWithCpu(**server, [&] { return npsd::bench::MeasureStreamIngest(target, streams, phase); });
  }
  if (runs("batch")) {
    batch = MeasureWithCpu(**server, [&] { return npsd::bench::MeasureBatchIngest(target, 4, 500, phase); });
  }
  if (runs("unary")) {
    // With 32 calls in flight (E's concurrency) each call waits for its batch's commit,
    // so the rate is bound by latency; the maximum sustainable rate needs enough calls
    // in flight for batches to fill, as a contact-center platform's would be.
    unary_32 = npsd::bench::MeasureUnaryClosedLoop(target, 32, phase);
    unary_cpu = MeasureWithCpu(**server, [&] {
      unary = npsd::bench::MeasureUnaryClosedLoop(target, kUnaryMaxInFlight, phase);
      return unary.calls_per_second;
    });
  }
  if (runs("offered")) {
    offered_cpu = MeasureWithCpu(**server, [&] {
      offered = npsd::bench::MeasureUnaryOpenLoop(target, 0.3 * echo.calls_per_second, phase);
      return offered.calls_per_second;
    });
  }

  Row("figure", "value", "ratio", "target", "npsd CPU/item");
  Row(absl::StrFormat("C  binary COPY into scratch table, best of %d", kCopyRuns), Rate(copy), "", "baseline");
  Row("E  trivial gRPC unary, 32 in flight", Rate(echo.calls_per_second), "", "baseline");
  Row("E  p99", Millis(echo.p99), "", "");
  if (runs("stream")) {
    Row(absl::StrFormat("streaming ingest, %d streams (acked)", streams), Rate(stream.per_second),
        Times(stream.per_second / copy), ">= 0.3 x C (stretch 0.5)", Micros(stream.cpu_seconds_per_item));
  }
  if (runs("batch")) {
    Row("batch ingest, 4 callers x 500", Rate(batch.per_second), Times(batch.per_second / copy), "",
        Micros(batch.cpu_seconds_per_item));
  }
  if (runs("unary")) {
    Row("unary submit, 32 in flight", Rate(unary_32.calls_per_second),
        Times(unary_32.calls_per_second / echo.calls_per_second), "", "");
    Row(absl::StrFormat("unary submit, %d in flight (max)", kUnaryMaxInFlight), Rate(unary.calls_per_second),
        Times(unary.calls_per_second / echo.calls_per_second), ">= 0.4 x E", Micros(unary_cpu.cpu_seconds_per_item));
    Row(absl::StrFormat("unary submit, %d in flight: p99", kUnaryMaxInFlight), Millis(unary.p99), "", "");
  }
  if (runs("offered")) {
    Row(absl::StrFormat("unary at 0.3 x E = %.0f /s offered: p50", 0.3 * echo.calls_per_second), Millis(offered.p50),
        "", "");
    Row("unary at 0.3 x E offered: p99", Millis(offered.p99), "", "<= 10 ms");
    Row("unary at 0.3 x E offered: achieved", Rate(offered.calls_per_second),
        absl::StrFormat("%lld err", static_cast<long long>(offered.errors)), "",
        Micros(offered_cpu.cpu_seconds_per_item));
    Row("unary at 0.3 x E offered: errors not started",
        absl::StrFormat("%lld", static_cast<long long>(offered.not_started)), "", "");
  }
  if (runs("analytics")) {
    const absl::Status analytics = ReportAnalytics(**server, owner_url, analytics_rows);
    if (!analytics.ok()) {
      std::cerr << "analytics data set: " << analytics << "\n";
      return 1;
    }
  }
  Row("npsd peak RSS", absl::StrFormat("%.1f MB", static_cast<double>((*server)->PeakRssBytes()) / (1024 * 1024)), "",
      "<= 256 MB");
  if (runs("offered") && timeline) PrintTimeline("unary at 0.3 x E offered, by second", offered);
  server->reset();
  std::filesystem::remove_all(work_dir);
  return 0;
}
