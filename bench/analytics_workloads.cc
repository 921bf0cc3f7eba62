// analytics_workloads.cc — data set seeding, raw GROUP BY baseline, benchmark RPC latency.
#include "bench/analytics_workloads.h"

#include <algorithm>
#include <vector>

#include <pqxx/pqxx>

#include "nps/v1/benchmark_service.grpc.pb.h"
#include "storage/pg/rollup_update.h"
#include "tests/support/ingestion_setup.h"

namespace npsd::bench {
namespace {

// InTenant opens a transaction of the owner role inside the tenant's row-level security.
void EnterTenant(pqxx::work& txn, const std::string& tenant_id) {
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true), set_config('statement_timeout', '0', true)",
                  tenant_id);
}

// Sequential runs `calls` calls of `issue` one after the other and summarizes them.
LoadResult Sequential(int calls, const std::function<bool()>& issue) {
  std::vector<absl::Duration> latencies;
  int64_t errors = 0;
  const absl::Time start = absl::Now();
  for (int i = 0; i < calls; ++i) {
    const absl::Time call_start = absl::Now();
    if (issue()) {
      latencies.push_back(absl::Now() - call_start);
    } else {
      ++errors;
    }
  }
  const absl::Duration wall = absl::Now() - start;
  std::sort(latencies.begin(), latencies.end());
  const auto at = [&](double p) {
    return latencies.empty() ? absl::ZeroDuration()
                             : latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * latencies.size()))];
  };
  LoadResult result;
  result.calls_per_second = static_cast<double>(latencies.size()) / absl::ToDoubleSeconds(wall);
  result.p50 = at(0.50);
  result.p99 = at(0.99);
  result.errors = errors;
  return result;
}

}  // namespace

absl::Status SeedResponses(const std::string& owner_url, const std::string& tenant_id,
                           const std::string& campaign_id, int64_t rows) {
  try {
    pqxx::connection connection(owner_url);
    pqxx::work txn(connection);
    EnterTenant(txn, tenant_id);
    txn.exec_params(
        "INSERT INTO npsd.org_units (tenant_id, kind, code, display_name)"
        " SELECT $1::uuid, kind, prefix || i, prefix || i FROM (VALUES ('REGION', 'R', 8), ('BRAND', 'B', 3),"
        " ('BUSINESS_UNIT', 'U', 4)) AS k(kind, prefix, n), generate_series(0, 7) AS i WHERE i < n",
        tenant_id);
    txn.exec_params(
        "INSERT INTO npsd.responses (tenant_id, response_id, campaign_id, score, answered_at, received_at, channel,"
        " region_code, brand_code, business_unit_code, agent_id, queue)"
        " SELECT $1::uuid, gen_random_uuid(), $2::uuid, ((i * 7919 + i / 97) % 11)::smallint,"
        " now() - (i % 730) * interval '1 day' - (i % 86400) * interval '1 second', now(), 'WEB',"
        " 'R' || (i % 8), 'B' || (i % 3), 'U' || (i % 4), 'agent-' || (i % 50), 'q' || (i % 5)"
        " FROM generate_series(1, $3::bigint) AS i",
        tenant_id, campaign_id, rows);
    const std::string source = "(SELECT * FROM npsd.responses WHERE tenant_id = '" + tenant_id + "') AS seeded";
    for (const std::string& sql :
         storage::pg::RollupStatements(source, "'UTC'", "0", storage::pg::RollupDirection::kAdd)) {
      txn.exec(sql);
    }
    txn.commit();
    // Settled as after an operator's bulk load, so the benchmark RPCs are measured
    // rather than autovacuum's first pass over millions of fresh rows (and over what
    // the ingestion phases stored), which shares the same two cores.
    pqxx::nontransaction(connection).exec("VACUUM (ANALYZE) npsd.responses, npsd.response_rollups, npsd.agent_rollups");
    return absl::OkStatus();
  } catch (const std::exception& error) {
    return absl::InternalError(error.what());
  }
}

absl::StatusOr<absl::Duration> MeasureRawGroupBy(const std::string& owner_url, const std::string& tenant_id) {
  try {
    pqxx::connection connection(owner_url);
    std::vector<absl::Duration> runs;
    for (int run = 0; run < 5; ++run) {
      pqxx::work txn(connection);
      EnterTenant(txn, tenant_id);
      const absl::Time start = absl::Now();
      txn.exec_params(
          "SELECT region_code, brand_code, business_unit_code, count(*),"
          " 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*)"
          " FROM npsd.responses WHERE tenant_id = $1::uuid GROUP BY 1, 2, 3",
          tenant_id);
      runs.push_back(absl::Now() - start);
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
  } catch (const std::exception& error) {
    return absl::InternalError(error.what());
  }
}

LoadResult MeasureGetScore(const std::shared_ptr<grpc::Channel>& channel, const std::string& token, int calls) {
  auto stub = nps::v1::BenchmarkService::NewStub(channel);
  return Sequential(calls, [&] {
    nps::v1::GetScoreRequest request;
    nps::v1::GetScoreResponse response;
    return stub->GetScore(testing::BearerContext(token).get(), request, &response).ok();
  });
}

LoadResult MeasureCompareRegions(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                                 int calls) {
  auto stub = nps::v1::BenchmarkService::NewStub(channel);
  return Sequential(calls, [&] {
    nps::v1::CompareSegmentsRequest request;
    request.set_dimension(nps::v1::DIMENSION_REGION);
    nps::v1::CompareSegmentsResponse response;
    return stub->CompareSegments(testing::BearerContext(token).get(), request, &response).ok();
  });
}

}  // namespace npsd::bench
