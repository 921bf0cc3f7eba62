// benchmark_query.cc — planning and running the analytics count statement.
//
// Every part of the statement yields (kind, value 1, value 2, day, s0..s10); the
// outer query sums the parts, so a grouping counted partly from rollups and partly
// from responses comes back as one row per group.
#include "storage/pg/benchmark_query.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {
namespace {

using domain::Dimension;

// Source is the table one part of the statement counts from.
enum class Source { kResponseRollups, kAgentRollups, kResponses };

// MicrosRange is the instants [from, to), in microseconds since the epoch; an unset
// end is open.
struct MicrosRange {
  std::optional<int64_t> from;
  std::optional<int64_t> to;
};

// TimePlan splits the filter's time range into whole local days, counted from the
// rollups, and partial edge days, counted from responses.
struct TimePlan {
  bool rollup_days = true;          // false: the whole range is counted from responses
  std::optional<int64_t> first_day;  // days since 1970-01-01, inclusive; unset: open
  std::optional<int64_t> end_day;    // exclusive; unset: open
  std::vector<MicrosRange> edges;    // counted from responses
};

// DayStart locates the local day containing an instant.
struct DayStart {
  int64_t day = 0;         // days since 1970-01-01
  int64_t begin = 0;       // its first instant, in microseconds
  int64_t next_begin = 0;  // the first instant of the next day
};

constexpr absl::CivilDay kEpochDay(1970, 1, 1);

// Params numbers the parameters of one statement as they are bound.
class Params {
 public:
  // Add binds `value` and returns its placeholder ("$3").
  std::string Add(std::string value) {
    values_.push_back(std::move(value));
    return absl::StrCat("$", values_.size());
  }

  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> values_;
};

// LazyParam binds its value on first use only: PostgreSQL refuses parameters that
// the statement never references.
class LazyParam {
 public:
  LazyParam(Params& params, std::string value) : params_(params), value_(std::move(value)) {}

  // Placeholder returns the value's placeholder, binding it the first time.
  const std::string& Placeholder() {
    if (placeholder_.empty()) placeholder_ = params_.Add(value_);
    return placeholder_;
  }

 private:
  Params& params_;
  const std::string value_;
  std::string placeholder_;
};

const char* Column(Dimension dimension) {
  switch (dimension) {
    case Dimension::kRegion:
      return "r.region_code";
    case Dimension::kBrand:
      return "r.brand_code";
    case Dimension::kBusinessUnit:
      return "r.business_unit_code";
    case Dimension::kChannel:
      return "r.channel";
    case Dimension::kCampaign:
      return "r.campaign_id::text";
    case Dimension::kAgent:
      return "r.agent_id";
    case Dimension::kQueue:
      return "r.queue";
    case Dimension::kTeam:
      return "r.team";
  }
  return "''";
}

const char* Table(Source source) {
  switch (source) {
    case Source::kResponseRollups:
      return "npsd.response_rollups";
    case Source::kAgentRollups:
      return "npsd.agent_rollups";
    case Source::kResponses:
      return "npsd.responses";
  }
  return "npsd.responses";
}

bool IsOrganization(Dimension dimension) {
  return dimension == Dimension::kRegion || dimension == Dimension::kBrand || dimension == Dimension::kBusinessUnit;
}

bool IsContactCenter(Dimension dimension) {
  return dimension == Dimension::kAgent || dimension == Dimension::kQueue || dimension == Dimension::kTeam;
}

// ChooseSource picks the rollup table holding every column `grouping` and `filter`
// use, or the responses when none does: the organization and contact-center
// rollups do not share those columns, and neither holds attributes nor other
// calendars' days.
Source ChooseSource(const BenchmarkFilter& filter, const Grouping& grouping, bool days_elsewhere) {
  if (!filter.attributes.empty() || (grouping.by_day && days_elsewhere)) return Source::kResponses;
  bool organization =
      !filter.region_codes.empty() || !filter.brand_codes.empty() || !filter.business_unit_codes.empty();
  bool contact_center = !filter.agent_ids.empty() || !filter.queues.empty() || !filter.teams.empty();
  for (Dimension dimension : grouping.dimensions) {
    organization = organization || IsOrganization(dimension);
    contact_center = contact_center || IsContactCenter(dimension);
  }
  if (organization && contact_center) return Source::kResponses;
  return contact_center ? Source::kAgentRollups : Source::kResponseRollups;
}

// FilterConditions renders the filter's conditions on columns every chosen source
// holds (ChooseSource guarantees it), binding their values once for all parts.
std::string FilterConditions(const BenchmarkFilter& filter, Params& params) {
  std::string sql;
  const auto any_of = [&](const std::vector<std::string>& values, const char* column, const char* type) {
    if (values.empty()) return;
    absl::StrAppend(&sql, " AND r.", column, " = ANY (", params.Add(TextArrayLiteral(values)), "::", type, "[])");
  };
  const auto within = [&](const std::vector<std::string>& codes, const char* column, const char* kind) {
    if (codes.empty()) return;
    absl::StrAppend(&sql, " AND r.", column, " IN (SELECT d.code FROM unnest(", params.Add(TextArrayLiteral(codes)),
                    "::text[]) AS f(code) CROSS JOIN LATERAL npsd.org_descendants('", kind, "', f.code) AS d(code))");
  };
  std::vector<std::string> channels;
  for (domain::Channel channel : filter.channels) channels.push_back(domain::ChannelName(channel));
  any_of(filter.campaign_ids, "campaign_id", "uuid");
  any_of(channels, "channel", "text");
  within(filter.region_codes, "region_code", "REGION");
  any_of(filter.brand_codes, "brand_code", "text");
  within(filter.business_unit_codes, "business_unit_code", "BUSINESS_UNIT");
  any_of(filter.agent_ids, "agent_id", "text");
  any_of(filter.queues, "queue", "text");
  any_of(filter.teams, "team", "text");
  if (!filter.attributes.empty()) {
    std::vector<std::string> pairs;
    for (const auto& [key, value] : filter.attributes) pairs.push_back(key + "=" + value);
    absl::StrAppend(&sql, " AND r.attributes @> ", params.Add(TextArrayLiteral(pairs)), "::text[]");
  }
  return sql;
}

std::string DayCondition(const TimePlan& plan, Params& params) {
  std::string sql;
  if (plan.first_day) {
    absl::StrAppend(&sql, " AND r.day >= DATE '1970-01-01' + ", params.Add(absl::StrCat(*plan.first_day)),
                    "::integer");
  }
  if (plan.end_day) {
    absl::StrAppend(&sql, " AND r.day < DATE '1970-01-01' + ", params.Add(absl::StrCat(*plan.end_day)), "::integer");
  }
  return sql;
}

std::string InstantCondition(const MicrosRange& range, Params& params) {
  std::string sql;
  if (range.from) {
    absl::StrAppend(&sql, " AND r.answered_at >= npsd.from_micros(", params.Add(absl::StrCat(*range.from)),
                    "::bigint)");
  }
  if (range.to) {
    absl::StrAppend(&sql, " AND r.answered_at < npsd.from_micros(", params.Add(absl::StrCat(*range.to)), "::bigint)");
  }
  return sql;
}

std::string CountColumns(Source source) {
  std::vector<std::string> columns;
  for (int score = 0; score <= 10; ++score) {
    columns.push_back(source == Source::kResponses ? absl::StrCat("count(*) FILTER (WHERE r.score = ", score, ")")
                                                   : absl::StrCat("sum(r.s", score, ")"));
  }
  return absl::StrJoin(columns, ", ");
}

// PartSql counts `grouping` from `source` under `conditions`; `day_zone` is the
// calendar that responses are grouped by day in.
std::string PartSql(const Grouping& grouping, Source source, const std::string& conditions,
                    const std::string& tenant, LazyParam& day_zone) {
  std::vector<std::string> keys, grouped;
  for (size_t i = 0; i < 2; ++i) {
    keys.push_back(i < grouping.dimensions.size() ? Column(grouping.dimensions[i]) : "''");
    if (i < grouping.dimensions.size()) grouped.push_back(keys.back());
  }
  keys.push_back("0");
  if (grouping.by_day) {
    keys.back() = source == Source::kResponses ? absl::StrCat("(r.answered_at AT TIME ZONE ", day_zone.Placeholder(),
                                                              "::text)::date - DATE '1970-01-01'")
                                               : "r.day - DATE '1970-01-01'";
    grouped.push_back(keys.back());
  }
  std::string sql = absl::StrCat("SELECT ", grouping.kind, ", ", absl::StrJoin(keys, ", "), ", ",
                                 CountColumns(source), " FROM ", Table(source), " r WHERE r.tenant_id = ", tenant,
                                 "::uuid", conditions);
  if (!grouped.empty()) absl::StrAppend(&sql, " GROUP BY ", absl::StrJoin(grouped, ", "));
  return sql;
}

DayStart LocalDayStart(pqxx::work& txn, int64_t micros, const std::string& time_zone) {
  const pqxx::row row = txn.exec_params1(
      "WITH d AS (SELECT (npsd.from_micros($1::bigint) AT TIME ZONE $2::text)::date AS day)"
      " SELECT day - DATE '1970-01-01', npsd.to_micros(day::timestamp AT TIME ZONE $2::text),"
      " npsd.to_micros((day + 1)::timestamp AT TIME ZONE $2::text) FROM d",
      micros, time_zone);
  return {row[0].as<int64_t>(), row[1].as<int64_t>(), row[2].as<int64_t>()};
}

// PlanTime finds the whole local days of the filter's time range. A local date never
// comes back once passed (unless a zone turned its clocks back from after midnight
// into the previous day), so the whole days form one range of instants and the edges
// are the instants before and after it.
TimePlan PlanTime(pqxx::work& txn, const BenchmarkFilter& filter, const std::string& time_zone) {
  TimePlan plan;
  MicrosRange whole;
  if (filter.start_time) {
    whole.from = CeilMicros(*filter.start_time);
    const DayStart start = LocalDayStart(txn, *whole.from, time_zone);
    const bool aligned = start.begin == *whole.from;
    plan.first_day = aligned ? start.day : start.day + 1;
    if (!aligned) plan.edges.push_back({whole.from, start.next_begin});
  }
  if (filter.end_time) {
    whole.to = CeilMicros(*filter.end_time);
    const DayStart end = LocalDayStart(txn, *whole.to, time_zone);
    plan.end_day = end.day;
    if (end.begin < *whole.to) plan.edges.push_back({end.begin, whole.to});
  }
  if (plan.first_day && plan.end_day && *plan.first_day >= *plan.end_day) {
    plan.rollup_days = false;
    plan.edges = {whole};
  }
  return plan;
}

std::string OuterSql(const std::vector<std::string>& parts) {
  std::vector<std::string> sums;
  for (int score = 0; score <= 10; ++score) sums.push_back(absl::StrCat("coalesce(sum(s", score, "), 0)::bigint"));
  return absl::StrCat("SELECT kind, g1, g2, day, ", absl::StrJoin(sums, ", "), " FROM (",
                      absl::StrJoin(parts, " UNION ALL "),
                      ") AS u(kind, g1, g2, day, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)"
                      " GROUP BY kind, g1, g2, day");
}

absl::StatusOr<CountRow> ReadRow(const pqxx::row& row) {
  CountRow count;
  count.kind = row[0].as<int>();
  count.values = {row[1].as<std::string>(), row[2].as<std::string>()};
  count.day = kEpochDay + row[3].as<int64_t>();
  domain::ScoreHistogram::Counts counts{};
  for (size_t score = 0; score < counts.size(); ++score) {
    counts[score] = row[static_cast<int>(4 + score)].as<int64_t>();
  }
  absl::StatusOr<domain::ScoreHistogram> histogram = domain::ScoreHistogram::FromCounts(counts);
  if (!histogram.ok()) return absl::InternalError("stored counts do not form a histogram");
  count.histogram = *std::move(histogram);
  return count;
}

}  // namespace

int64_t CeilMicros(absl::Time time) {
  const int64_t micros = absl::ToUnixMicros(time);
  return absl::FromUnixMicros(micros) < time ? micros + 1 : micros;
}

absl::CivilDay LocalDay(pqxx::work& txn, int64_t micros, const std::string& time_zone) {
  return kEpochDay + LocalDayStart(txn, micros, time_zone).day;
}

absl::StatusOr<std::vector<CountRow>> CountResponses(pqxx::work& txn, const CountRequest& request) {
  const BenchmarkFilter& filter = *request.filter;
  Params params;
  const std::string tenant = params.Add(request.tenant_id);
  const std::string conditions = FilterConditions(filter, params);
  LazyParam day_zone(params, request.day_time_zone);
  const bool days_elsewhere = request.day_time_zone != request.reporting_time_zone;
  std::optional<TimePlan> plan;
  std::vector<std::string> parts;
  for (const Grouping& grouping : request.groupings) {
    const Source source = ChooseSource(filter, grouping, days_elsewhere);
    if (source == Source::kResponses) {
      const MicrosRange whole{filter.start_time ? std::optional<int64_t>(CeilMicros(*filter.start_time)) : std::nullopt,
                              filter.end_time ? std::optional<int64_t>(CeilMicros(*filter.end_time)) : std::nullopt};
      parts.push_back(PartSql(grouping, source, InstantCondition(whole, params) + conditions, tenant, day_zone));
      continue;
    }
    if (!plan) plan = PlanTime(txn, filter, request.reporting_time_zone);
    if (plan->rollup_days) {
      parts.push_back(PartSql(grouping, source, DayCondition(*plan, params) + conditions, tenant, day_zone));
    }
    for (const MicrosRange& edge : plan->edges) {
      parts.push_back(
          PartSql(grouping, Source::kResponses, InstantCondition(edge, params) + conditions, tenant, day_zone));
    }
  }
  const pqxx::result result = txn.exec_params(OuterSql(parts), pqxx::prepare::make_dynamic_params(params.values()));
  std::vector<CountRow> rows;
  rows.reserve(result.size());
  for (const pqxx::row& row : result) {
    absl::StatusOr<CountRow> count = ReadRow(row);
    if (!count.ok()) return count.status();
    rows.push_back(*std::move(count));
  }
  return rows;
}

}  // namespace npsd::storage::pg
