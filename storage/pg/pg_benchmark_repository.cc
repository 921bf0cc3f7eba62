// pg_benchmark_repository.cc — analytics counts and the industry benchmark path.
#include "storage/pg/pg_benchmark_repository.h"

#include <utility>

#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "storage/pg/benchmark_query.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

using domain::Dimension;

// Kinds of the groupings of one count request.
constexpr int kGroups = 0;
constexpr int kTotal = 1;

absl::StatusOr<BenchmarkSettings> LoadSettings(pqxx::work& txn, const std::string& tenant_id) {
  const pqxx::result rows = txn.exec_params(
      "SELECT minimum_sample_size, reporting_time_zone FROM npsd.tenants WHERE tenant_id = $1::uuid", tenant_id);
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  return BenchmarkSettings{rows[0][0].as<int32_t>(), rows[0][1].as<std::string>()};
}

// OrgUnitKind is the catalogue kind of an organization dimension, or null.
const char* OrgUnitKind(Dimension dimension) {
  switch (dimension) {
    case Dimension::kRegion:
      return "REGION";
    case Dimension::kBrand:
      return "BRAND";
    case Dimension::kBusinessUnit:
      return "BUSINESS_UNIT";
    default:
      return nullptr;
  }
}

// LoadCatalogue lists the units of an organization dimension or the campaigns; other
// dimensions have no catalogue.
std::vector<domain::CatalogueUnit> LoadCatalogue(pqxx::work& txn, const std::string& tenant_id,
                                                 Dimension dimension) {
  pqxx::result rows;
  if (const char* kind = OrgUnitKind(dimension)) {
    rows = txn.exec_params(
        "SELECT code, coalesce(parent_code, '') FROM npsd.org_units WHERE tenant_id = $1::uuid AND kind = $2",
        tenant_id, kind);
  } else if (dimension == Dimension::kCampaign) {
    rows = txn.exec_params("SELECT campaign_id::text, '' FROM npsd.campaigns WHERE tenant_id = $1::uuid", tenant_id);
  }
  std::vector<domain::CatalogueUnit> units;
  units.reserve(rows.size());
  for (const pqxx::row& row : rows) units.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  return units;
}

// FindTotal returns the histogram of the total grouping among `rows`.
absl::StatusOr<domain::ScoreHistogram> FindTotal(const std::vector<CountRow>& rows) {
  for (const CountRow& row : rows) {
    if (row.kind == kTotal) return row.histogram;
  }
  return absl::InternalError("the count statement returned no total");
}

// CheckTimeZone is INVALID_ARGUMENT on "time_zone" unless PostgreSQL knows the zone.
absl::Status CheckTimeZone(pqxx::work& txn, const std::string& time_zone) {
  if (txn.exec_params1("SELECT npsd.is_time_zone($1)", time_zone)[0].as<bool>()) return absl::OkStatus();
  return domain::InvalidField("time_zone", "is not a time zone known to the database (use an IANA name)");
}

// ReadOwnHistogram reads the caller's opt-in and its histogram over the window.
absl::StatusOr<IndustryPeers> ReadOwnHistogram(pqxx::work& txn, const std::string& tenant_id,
                                               int32_t lookback_days) {
  const pqxx::result rows = txn.exec_params(
      "SELECT t.industry, t.benchmark_opt_in, t.minimum_sample_size,"
      " coalesce(sum(r.s0), 0)::bigint, coalesce(sum(r.s1), 0)::bigint, coalesce(sum(r.s2), 0)::bigint,"
      " coalesce(sum(r.s3), 0)::bigint, coalesce(sum(r.s4), 0)::bigint, coalesce(sum(r.s5), 0)::bigint,"
      " coalesce(sum(r.s6), 0)::bigint, coalesce(sum(r.s7), 0)::bigint, coalesce(sum(r.s8), 0)::bigint,"
      " coalesce(sum(r.s9), 0)::bigint, coalesce(sum(r.s10), 0)::bigint"
      " FROM npsd.tenants t LEFT JOIN npsd.response_rollups r ON r.tenant_id = t.tenant_id"
      " AND r.day > (now() AT TIME ZONE t.reporting_time_zone)::date - $2::integer"
      " WHERE t.tenant_id = $1::uuid GROUP BY t.tenant_id",
      tenant_id, lookback_days);
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  IndustryPeers peers;
  peers.industry = rows[0][0].as<std::string>();
  peers.opted_in = rows[0][1].as<bool>();
  peers.minimum_sample_size = rows[0][2].as<int32_t>();
  domain::ScoreHistogram::Counts counts{};
  for (size_t score = 0; score < counts.size(); ++score) {
    counts[score] = rows[0][static_cast<int>(3 + score)].as<int64_t>();
  }
  absl::StatusOr<domain::ScoreHistogram> own = domain::ScoreHistogram::FromCounts(counts);
  if (!own.ok()) return absl::InternalError("stored counts do not form a histogram");
  peers.own = *std::move(own);
  return peers;
}

}  // namespace

absl::StatusOr<ScoreTotal> PgBenchmarkRepository::GetTotal(const std::string& tenant_id,
                                                           const BenchmarkFilter& filter, absl::Time deadline) {
  return RunTransaction<ScoreTotal>(pool_, TenantScope(tenant_id, deadline),
                                    [&](pqxx::work& txn) -> absl::StatusOr<ScoreTotal> {
    ScoreTotal total;
    NPSD_ASSIGN_OR_RETURN(total.settings, LoadSettings(txn, tenant_id));
    const std::string& zone = total.settings.reporting_time_zone;
    const CountRequest request{tenant_id, &filter, zone, zone, {{kTotal, {}, false}}};
    NPSD_ASSIGN_OR_RETURN(const std::vector<CountRow> rows, CountResponses(txn, request));
    NPSD_ASSIGN_OR_RETURN(total.histogram, FindTotal(rows));
    return total;
  });
}

absl::StatusOr<SegmentHistograms> PgBenchmarkRepository::GetSegmentHistograms(
    const std::string& tenant_id, const BenchmarkFilter& filter, const std::vector<Dimension>& dimensions,
    absl::Time deadline) {
  return RunTransaction<SegmentHistograms>(pool_, TenantScope(tenant_id, deadline),
                                           [&](pqxx::work& txn) -> absl::StatusOr<SegmentHistograms> {
    SegmentHistograms found;
    NPSD_ASSIGN_OR_RETURN(found.settings, LoadSettings(txn, tenant_id));
    const std::string& zone = found.settings.reporting_time_zone;
    const CountRequest request{tenant_id, &filter, zone, zone, {{kGroups, dimensions, false}, {kTotal, {}, false}}};
    NPSD_ASSIGN_OR_RETURN(std::vector<CountRow> rows, CountResponses(txn, request));
    NPSD_ASSIGN_OR_RETURN(found.total, FindTotal(rows));
    for (CountRow& row : rows) {
      if (row.kind != kGroups) continue;
      row.values.resize(dimensions.size());
      found.rows.push_back({std::move(row.values), row.histogram});
    }
    for (Dimension dimension : dimensions) found.catalogues.push_back(LoadCatalogue(txn, tenant_id, dimension));
    return found;
  });
}

absl::StatusOr<DailyHistograms> PgBenchmarkRepository::GetDailyHistograms(const std::string& tenant_id,
                                                                          const BenchmarkFilter& filter,
                                                                          const std::string& time_zone,
                                                                          absl::Time deadline) {
  return RunTransaction<DailyHistograms>(pool_, TenantScope(tenant_id, deadline),
                                         [&](pqxx::work& txn) -> absl::StatusOr<DailyHistograms> {
    DailyHistograms found;
    NPSD_ASSIGN_OR_RETURN(found.settings, LoadSettings(txn, tenant_id));
    found.time_zone = time_zone.empty() ? found.settings.reporting_time_zone : time_zone;
    if (found.time_zone != found.settings.reporting_time_zone) NPSD_RETURN_IF_ERROR(CheckTimeZone(txn, time_zone));
    const CountRequest request{tenant_id, &filter, found.settings.reporting_time_zone, found.time_zone,
                               {{kGroups, {}, true}}};
    NPSD_ASSIGN_OR_RETURN(const std::vector<CountRow> rows, CountResponses(txn, request));
    for (const CountRow& row : rows) found.days.push_back({row.day, row.histogram});
    if (filter.start_time) found.first_day = LocalDay(txn, CeilMicros(*filter.start_time), found.time_zone);
    if (filter.end_time) found.last_day = LocalDay(txn, CeilMicros(*filter.end_time) - 1, found.time_zone);
    return found;
  });
}

absl::StatusOr<IndustryPeers> PgBenchmarkRepository::GetIndustryPeers(const std::string& tenant_id,
                                                                      int32_t lookback_days, absl::Time deadline) {
  return RunTransaction<IndustryPeers>(pool_, TenantScope(tenant_id, deadline),
                                       [&](pqxx::work& txn) -> absl::StatusOr<IndustryPeers> {
    NPSD_ASSIGN_OR_RETURN(IndustryPeers found, ReadOwnHistogram(txn, tenant_id, lookback_days));
    if (!found.opted_in || found.industry.empty()) return found;
    const pqxx::result rows = txn.exec_params(
        "SELECT peer_nps, peer_responses FROM npsd.industry_benchmark_peers($1::integer)", lookback_days);
    for (const pqxx::row& row : rows) found.peers.push_back({row[0].as<double>(), row[1].as<int64_t>()});
    return found;
  });
}

}  // namespace npsd::storage::pg
