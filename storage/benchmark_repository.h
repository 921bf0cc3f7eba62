// benchmark_repository.h — score histograms for NPS analytics.
//
// The repository counts a tenant's responses matching a BenchmarkFilter: in total,
// grouped by one or two dimensions, or per local day; the statistics are computed by
// domain/benchmark.h. Counts are exact whichever way they are obtained (daily rollups
// or raw responses), and only ever cover the caller's tenant, except for the one
// audited industry path, which returns anonymous per-tenant aggregates only.
//
//   NPSD_ASSIGN_OR_RETURN(SegmentHistograms found,
//                         repository.GetSegmentHistograms(tenant_id, filter, {Dimension::kRegion}, deadline));
#ifndef NPSD_STORAGE_BENCHMARK_REPOSITORY_H_
#define NPSD_STORAGE_BENCHMARK_REPOSITORY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/benchmark.h"
#include "domain/campaign.h"
#include "domain/nps_statistics.h"

namespace npsd::storage {

// BenchmarkFilter selects responses; empty members match everything, the values of
// one member are alternatives, and members combine with AND.
struct BenchmarkFilter {
  std::optional<absl::Time> start_time;  // answered at or after (inclusive)
  std::optional<absl::Time> end_time;    // answered before (exclusive)
  std::vector<std::string> campaign_ids;  // canonical UUIDs
  std::vector<domain::Channel> channels;
  std::vector<std::string> region_codes;         // each with its descendants
  std::vector<std::string> brand_codes;
  std::vector<std::string> business_unit_codes;  // each with its descendants
  std::vector<std::string> agent_ids;
  std::vector<std::string> queues;
  std::vector<std::string> teams;
  std::map<std::string, std::string> attributes;  // custom attributes, equality
};

// BenchmarkSettings are the tenant's settings that shape its analytics.
struct BenchmarkSettings {
  int32_t minimum_sample_size = 0;
  std::string reporting_time_zone;  // the calendar of the daily rollups
};

// ScoreTotal is the histogram of all matching responses.
struct ScoreTotal {
  BenchmarkSettings settings;
  domain::ScoreHistogram histogram;
};

// SegmentHistograms holds matching responses grouped by the stored values of one or
// two dimensions, with what is needed to turn them into segments.
struct SegmentHistograms {
  BenchmarkSettings settings;
  domain::ScoreHistogram total;
  // rows has one entry per combination of stored values present, values in the
  // order of the requested dimensions.
  std::vector<domain::GroupedHistogram> rows;
  // catalogues holds, per requested dimension, its units (regions, brands, business
  // units with their parents; campaigns); empty for the other dimensions.
  std::vector<std::vector<domain::CatalogueUnit>> catalogues;
};

// DailyHistograms holds matching responses per local day of `time_zone`.
struct DailyHistograms {
  BenchmarkSettings settings;
  std::string time_zone;
  std::vector<domain::DayHistogram> days;
  // first_day and last_day are the local days of the filter's start time and of the
  // last instant before its end time, when set.
  std::optional<absl::CivilDay> first_day;
  std::optional<absl::CivilDay> last_day;
};

// PeerScore is one anonymous tenant's aggregate in the industry benchmark.
struct PeerScore {
  double nps = 0;
  int64_t n = 0;
};

// IndustryPeers is what the industry benchmark reveals to one tenant.
struct IndustryPeers {
  std::string industry;  // the caller's label, empty when none
  bool opted_in = false;
  int32_t minimum_sample_size = 0;
  // own is the caller's histogram over the window.
  domain::ScoreHistogram own;
  // peers is empty unless at least domain::kMinimumIndustryPeers opted-in tenants of
  // the caller's industry (the caller included) each have enough responses.
  std::vector<PeerScore> peers;
};

// BenchmarkRepository counts the responses of one tenant at a time.
class BenchmarkRepository {
 public:
  virtual ~BenchmarkRepository() = default;

  // GetTotal returns the histogram of the responses matching `filter`.
  virtual absl::StatusOr<ScoreTotal> GetTotal(const std::string& tenant_id, const BenchmarkFilter& filter,
                                              absl::Time deadline) = 0;

  // GetSegmentHistograms groups the responses matching `filter` by the one or two
  // `dimensions`.
  virtual absl::StatusOr<SegmentHistograms> GetSegmentHistograms(const std::string& tenant_id,
                                                                 const BenchmarkFilter& filter,
                                                                 const std::vector<domain::Dimension>& dimensions,
                                                                 absl::Time deadline) = 0;

  // GetDailyHistograms groups the responses matching `filter` by their local day in
  // `time_zone` (empty: the tenant's reporting time zone); INVALID_ARGUMENT on
  // "time_zone" for an unknown zone.
  virtual absl::StatusOr<DailyHistograms> GetDailyHistograms(const std::string& tenant_id,
                                                             const BenchmarkFilter& filter,
                                                             const std::string& time_zone, absl::Time deadline) = 0;

  // GetIndustryPeers returns the caller's own histogram over the last
  // `lookback_days` local days and, through the audited cross-tenant path, the
  // anonymous scores of its industry peers.
  virtual absl::StatusOr<IndustryPeers> GetIndustryPeers(const std::string& tenant_id, int32_t lookback_days,
                                                         absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_BENCHMARK_REPOSITORY_H_
