// benchmark_proto.cc — benchmark message conversions.
#include "server/benchmark_proto.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/uuid.h"
#include "server/campaign_proto.h"
#include "server/proto_time.h"

namespace npsd::server {
namespace {

using domain::FieldViolations;

constexpr int kMaxFilterValues = 100;
constexpr int kMaxFilterChannels = 6;
constexpr size_t kMaxFilterAttributes = 32;
constexpr size_t kMaxCodeChars = 64;
constexpr size_t kMaxContactCenterChars = 128;
constexpr size_t kMaxAttributeValueChars = 256;
constexpr size_t kMaxTimeZoneChars = 64;
constexpr int32_t kDefaultLookbackDays = 365;
constexpr int32_t kMaxLookbackDays = 3660;
constexpr double kMaxTargetMargin = 200;

// ValueRule says how the values of a repeated filter field are checked.
enum class ValueRule { kId, kCode, kText };

std::vector<std::string> ReadValues(const google::protobuf::RepeatedPtrField<std::string>& values,
                                    const std::string& field, ValueRule rule, FieldViolations& violations) {
  if (values.size() > kMaxFilterValues) violations.Add(field, "must hold at most 100 values");
  std::vector<std::string> read;
  for (int i = 0; i < values.size(); ++i) {
    const std::string path = absl::StrCat(field, "[", i, "]");
    if (rule == ValueRule::kId) {
      absl::StatusOr<std::string> id = domain::ParseIdField(path, values[i]);
      violations.AddFrom(id.status());
      if (id.ok()) read.push_back(*id);
      continue;
    }
    if (rule == ValueRule::kCode) {
      domain::CheckCode(path, values[i], kMaxCodeChars, violations);
    } else {
      domain::CheckText(path, values[i], domain::TextRule{true, kMaxContactCenterChars, false}, violations);
    }
    read.push_back(values[i]);
  }
  return read;
}

std::vector<domain::Channel> ReadChannels(const google::protobuf::RepeatedField<int>& values,
                                          const std::string& field, FieldViolations& violations) {
  if (values.size() > kMaxFilterChannels) violations.Add(field, "must hold at most 6 channels");
  std::vector<domain::Channel> channels;
  for (int i = 0; i < values.size(); ++i) {
    const std::optional<domain::Channel> channel = ChannelFromProto(values[i]);
    if (!channel) {
      violations.Add(absl::StrCat(field, "[", i, "]"), "is not a known channel");
      continue;
    }
    channels.push_back(*channel);
  }
  return channels;
}

std::map<std::string, std::string> ReadAttributes(const google::protobuf::Map<std::string, std::string>& attributes,
                                                  const std::string& field, FieldViolations& violations) {
  if (attributes.size() > kMaxFilterAttributes) violations.Add(field, "must hold at most 32 entries");
  const std::map<std::string, std::string> read(attributes.begin(), attributes.end());
  for (const auto& [key, value] : read) {
    FieldViolations key_violations;
    domain::CheckCode(field, key, kMaxCodeChars, key_violations);
    if (!key_violations.empty()) {
      violations.Add(field, "keys must be 1-64 characters of [A-Za-z0-9_.-]");
      continue;
    }
    domain::CheckText(absl::StrCat(field, "[", key, "]"), value,
                      domain::TextRule{false, kMaxAttributeValueChars, false}, violations);
  }
  return read;
}

void ReadTimeRange(const nps::v1::BenchmarkFilter& proto, const std::string& prefix,
                   storage::BenchmarkFilter& filter, FieldViolations& violations) {
  if (proto.has_start_time()) {
    absl::StatusOr<absl::Time> start = FromProtoTime(prefix + "start_time", proto.start_time());
    violations.AddFrom(start.status());
    if (start.ok()) filter.start_time = *start;
  }
  if (proto.has_end_time()) {
    absl::StatusOr<absl::Time> end = FromProtoTime(prefix + "end_time", proto.end_time());
    violations.AddFrom(end.status());
    if (end.ok()) filter.end_time = *end;
  }
  if (filter.start_time && filter.end_time && *filter.end_time <= *filter.start_time) {
    violations.Add(prefix + "end_time", "must be after start_time");
  }
}

storage::BenchmarkFilter ReadFilter(const nps::v1::BenchmarkFilter& proto, FieldViolations& violations) {
  const std::string prefix = "filter.";
  storage::BenchmarkFilter filter;
  ReadTimeRange(proto, prefix, filter, violations);
  filter.campaign_ids = ReadValues(proto.campaign_ids(), prefix + "campaign_ids", ValueRule::kId, violations);
  filter.channels = ReadChannels(proto.channels(), prefix + "channels", violations);
  filter.region_codes = ReadValues(proto.region_codes(), prefix + "region_codes", ValueRule::kCode, violations);
  filter.brand_codes = ReadValues(proto.brand_codes(), prefix + "brand_codes", ValueRule::kCode, violations);
  filter.business_unit_codes =
      ReadValues(proto.business_unit_codes(), prefix + "business_unit_codes", ValueRule::kCode, violations);
  filter.agent_ids = ReadValues(proto.agent_ids(), prefix + "agent_ids", ValueRule::kText, violations);
  filter.queues = ReadValues(proto.queues(), prefix + "queues", ValueRule::kText, violations);
  filter.teams = ReadValues(proto.teams(), prefix + "teams", ValueRule::kText, violations);
  filter.attributes = ReadAttributes(proto.attributes(), prefix + "attributes", violations);
  return filter;
}

double ReadConfidence(int32_t confidence_percent, FieldViolations& violations) {
  if (confidence_percent == 0) return domain::AnalysisOptions().confidence_percent;
  if (!domain::ZForConfidence(confidence_percent).ok()) {
    violations.Add("confidence_percent", "must be 80, 90, 95 or 99 (0 means 95)");
  }
  return confidence_percent;
}

domain::AnalysisOptions ReadOptions(int32_t confidence_percent, int correction, FieldViolations& violations) {
  domain::AnalysisOptions options;
  options.confidence_percent = ReadConfidence(confidence_percent, violations);
  switch (correction) {
    case nps::v1::P_VALUE_CORRECTION_UNSPECIFIED:
    case nps::v1::P_VALUE_CORRECTION_HOLM:
      options.correction = domain::PValueCorrection::kHolm;
      break;
    case nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG:
      options.correction = domain::PValueCorrection::kBenjaminiHochberg;
      break;
    default:
      violations.Add("correction", "is not a known correction");
  }
  return options;
}

std::optional<domain::Dimension> DimensionFromProto(int dimension) {
  switch (dimension) {
    case nps::v1::DIMENSION_REGION:
      return domain::Dimension::kRegion;
    case nps::v1::DIMENSION_BRAND:
      return domain::Dimension::kBrand;
    case nps::v1::DIMENSION_BUSINESS_UNIT:
      return domain::Dimension::kBusinessUnit;
    case nps::v1::DIMENSION_CHANNEL:
      return domain::Dimension::kChannel;
    case nps::v1::DIMENSION_CAMPAIGN:
      return domain::Dimension::kCampaign;
    case nps::v1::DIMENSION_AGENT:
      return domain::Dimension::kAgent;
    case nps::v1::DIMENSION_QUEUE:
      return domain::Dimension::kQueue;
    case nps::v1::DIMENSION_TEAM:
      return domain::Dimension::kTeam;
    default:
      return std::nullopt;
  }
}

void ReadDimension(int value, const std::string& parent_code, const std::string& field,
                   const std::string& parent_field, SegmentQuery& query, FieldViolations& violations) {
  const std::optional<domain::Dimension> dimension = DimensionFromProto(value);
  if (!dimension) {
    violations.Add(field, value == nps::v1::DIMENSION_UNSPECIFIED ? "is required" : "is not a known dimension");
    return;
  }
  if (!parent_code.empty()) {
    if (domain::DimensionHasHierarchy(*dimension)) {
      domain::CheckCode(parent_field, parent_code, kMaxCodeChars, violations);
    } else {
      violations.Add(parent_field, "applies to region and business unit dimensions only");
    }
  }
  query.dimensions.push_back(*dimension);
  query.parent_codes.push_back(parent_code);
}

void ReadBaseline(const nps::v1::CompareSegmentsRequest& request, SegmentQuery& query,
                  FieldViolations& violations) {
  if (!request.has_baseline()) return;
  const nps::v1::SegmentKey& key = request.baseline();
  const bool cross_tab = request.second_dimension() != nps::v1::DIMENSION_UNSPECIFIED;
  if (key.value().empty()) violations.Add("baseline.value", "is required");
  if (cross_tab && key.second_value().empty()) {
    violations.Add("baseline.second_value", "is required with a second_dimension");
  }
  if (!cross_tab && !key.second_value().empty()) {
    violations.Add("baseline.second_value", "requires a second_dimension");
  }
  query.baseline = std::vector<std::string>{key.value()};
  if (cross_tab) query.baseline->push_back(key.second_value());
}

std::optional<domain::TrendInterval> IntervalFromProto(int interval) {
  switch (interval) {
    case nps::v1::TREND_INTERVAL_DAY:
      return domain::TrendInterval::kDay;
    case nps::v1::TREND_INTERVAL_WEEK:
      return domain::TrendInterval::kWeek;
    case nps::v1::TREND_INTERVAL_MONTH:
      return domain::TrendInterval::kMonth;
    case nps::v1::TREND_INTERVAL_QUARTER:
      return domain::TrendInterval::kQuarter;
    default:
      return std::nullopt;
  }
}

void ReadExpectedShares(const nps::v1::PlanSampleSizeRequest& request, SampleSizePlan& plan,
                        FieldViolations& violations) {
  const bool promoters = request.has_expected_promoter_share();
  const bool detractors = request.has_expected_detractor_share();
  if (!promoters && !detractors) return;
  if (!promoters) violations.Add("expected_promoter_share", "is required with expected_detractor_share");
  if (!detractors) violations.Add("expected_detractor_share", "is required with expected_promoter_share");
  const double p = request.expected_promoter_share();
  const double d = request.expected_detractor_share();
  if (!(p >= 0 && p <= 1)) violations.Add("expected_promoter_share", "must be in [0, 1]");
  if (!(d >= 0 && d <= 1)) violations.Add("expected_detractor_share", "must be in [0, 1]");
  if (p + d > 1) violations.Add("expected_detractor_share", "added to expected_promoter_share must be at most 1");
  plan.expected = domain::ExpectedShares{p, d};
}

void FillComparison(const domain::Comparison& comparison, nps::v1::Segment& proto) {
  proto.set_has_comparison(true);
  proto.set_delta(comparison.test.delta);
  proto.set_delta_ci_lower(comparison.test.ci_lower);
  proto.set_delta_ci_upper(comparison.test.ci_upper);
  proto.set_p_value(comparison.test.p_value);
  proto.set_adjusted_p_value(comparison.adjusted_p_value);
  proto.set_significant(comparison.significant);
}

}  // namespace

absl::StatusOr<ScoreQuery> ScoreQueryFromProto(const nps::v1::GetScoreRequest& request) {
  FieldViolations violations;
  ScoreQuery query;
  query.filter = ReadFilter(request.filter(), violations);
  query.options.confidence_percent = ReadConfidence(request.confidence_percent(), violations);
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return query;
}

absl::StatusOr<SegmentQuery> SegmentQueryFromProto(const nps::v1::CompareSegmentsRequest& request) {
  FieldViolations violations;
  SegmentQuery query;
  query.filter = ReadFilter(request.filter(), violations);
  query.options = ReadOptions(request.confidence_percent(), request.correction(), violations);
  ReadDimension(request.dimension(), request.parent_code(), "dimension", "parent_code", query, violations);
  if (request.second_dimension() != nps::v1::DIMENSION_UNSPECIFIED) {
    ReadDimension(request.second_dimension(), request.second_parent_code(), "second_dimension",
                  "second_parent_code", query, violations);
    if (request.second_dimension() == request.dimension()) {
      violations.Add("second_dimension", "must differ from dimension");
    }
  } else if (!request.second_parent_code().empty()) {
    violations.Add("second_parent_code", "requires a second_dimension");
  }
  ReadBaseline(request, query, violations);
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return query;
}

absl::StatusOr<TrendQuery> TrendQueryFromProto(const nps::v1::GetTrendRequest& request) {
  FieldViolations violations;
  TrendQuery query;
  query.filter = ReadFilter(request.filter(), violations);
  query.options = ReadOptions(request.confidence_percent(), request.correction(), violations);
  const std::optional<domain::TrendInterval> interval = IntervalFromProto(request.interval());
  if (interval) {
    query.interval = *interval;
  } else {
    violations.Add("interval", request.interval() == nps::v1::TREND_INTERVAL_UNSPECIFIED ? "is required"
                                                                                        : "is not a known interval");
  }
  domain::CheckText("time_zone", request.time_zone(), domain::TextRule{false, kMaxTimeZoneChars, false}, violations);
  query.time_zone = request.time_zone();
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return query;
}

absl::StatusOr<int32_t> LookbackDaysFromProto(int32_t lookback_days) {
  if (lookback_days == 0) return kDefaultLookbackDays;
  if (lookback_days < 1 || lookback_days > kMaxLookbackDays) {
    return domain::InvalidField("lookback_days", "must be between 1 and 3660 (0 means 365)");
  }
  return lookback_days;
}

absl::StatusOr<SampleSizePlan> SampleSizePlanFromProto(const nps::v1::PlanSampleSizeRequest& request) {
  FieldViolations violations;
  SampleSizePlan plan;
  plan.target_margin = request.target_margin();
  if (!(plan.target_margin > 0 && plan.target_margin <= kMaxTargetMargin)) {
    violations.Add("target_margin", "must be more than 0 and at most 200 NPS points");
  }
  plan.confidence_percent = ReadConfidence(request.confidence_percent(), violations);
  ReadExpectedShares(request, plan, violations);
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return plan;
}

nps::v1::PValueCorrection CorrectionToProto(domain::PValueCorrection correction) {
  switch (correction) {
    case domain::PValueCorrection::kHolm:
      return nps::v1::P_VALUE_CORRECTION_HOLM;
    case domain::PValueCorrection::kBenjaminiHochberg:
      return nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG;
  }
  return nps::v1::P_VALUE_CORRECTION_UNSPECIFIED;
}

nps::v1::NpsStatistics ToProto(const domain::SampleStatistics& statistics) {
  const domain::NpsEstimate& estimate = statistics.estimate;
  nps::v1::NpsStatistics proto;
  proto.set_n(estimate.n);
  proto.set_insufficient_sample(statistics.insufficient);
  proto.set_confidence_percent(static_cast<int32_t>(estimate.confidence_percent));
  if (statistics.insufficient) return proto;
  proto.set_has_score(estimate.has_score);
  proto.set_promoters(estimate.promoters);
  proto.set_passives(estimate.passives);
  proto.set_detractors(estimate.detractors);
  proto.set_promoter_share(estimate.promoter_share);
  proto.set_passive_share(estimate.passive_share);
  proto.set_detractor_share(estimate.detractor_share);
  proto.set_nps(estimate.nps);
  proto.set_margin_of_error(estimate.margin_of_error);
  proto.set_ci_lower(estimate.ci_lower);
  proto.set_ci_upper(estimate.ci_upper);
  return proto;
}

nps::v1::Segment SegmentToProto(const std::vector<domain::SegmentValue>& values,
                                const domain::SegmentResult& result) {
  nps::v1::Segment proto;
  proto.mutable_key()->set_value(values.at(0).value);
  proto.set_direct_only(values.at(0).direct_only);
  if (values.size() > 1) {
    proto.mutable_key()->set_second_value(values[1].value);
    proto.set_second_direct_only(values[1].direct_only);
  }
  *proto.mutable_statistics() = ToProto(result.statistics);
  proto.set_is_baseline(result.is_baseline);
  if (result.comparison) FillComparison(*result.comparison, proto);
  proto.set_rank(result.rank);
  return proto;
}

nps::v1::TrendPoint ToProto(const domain::TrendPointResult& point) {
  nps::v1::TrendPoint proto;
  proto.set_start_date(absl::FormatCivilTime(point.period.start));
  proto.set_end_date(absl::FormatCivilTime(point.period.end));
  *proto.mutable_statistics() = ToProto(point.statistics);
  if (!point.change) return proto;
  proto.set_has_change(true);
  proto.set_change(point.change->test.delta);
  proto.set_change_ci_lower(point.change->test.ci_lower);
  proto.set_change_ci_upper(point.change->test.ci_upper);
  proto.set_p_value(point.change->test.p_value);
  proto.set_adjusted_p_value(point.change->adjusted_p_value);
  proto.set_significant(point.change->significant);
  return proto;
}

}  // namespace npsd::server
