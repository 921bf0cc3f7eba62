// benchmark_service_test.cc — BenchmarkService end to end: real gRPC, real PostgreSQL.
//
// The main test submits randomized responses (a region hierarchy, brands, business
// units, channels, campaigns, agents, attributes, times across six weeks) through the
// API to a tenant whose reporting time zone is not UTC, then checks every RPC against
// a recount of the generated answers done here, independently of the server: the
// hierarchy roll-up, local days in two time zones, empty and small segments, and
// filters served from rollups, from raw responses, or from both. Other tests prove
// which path serves which filter, the industry benchmark's release rule and its
// isolation, scopes, field paths and cross-tenant behaviour.
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/multiple_comparisons.h"
#include "domain/nps_statistics.h"
#include "nps/v1/benchmark_service.grpc.pb.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/error_details.pb.h"
#include "nps/v1/organization_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "tests/server/server_fixture.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

using domain::ScoreHistogram;
using nps::v1::Dimension;
using nps::v1::Scope;

constexpr char kTenantZone[] = "Asia/Kolkata";
constexpr int kMinimumSample = 20;

// The catalogue: regions EU > {FR > PARIS, DE}, NA > US, APAC (never answered);
// business units RETAIL > ONLINE, CORP; brands B1, B2, B3 (never answered).
const std::map<std::string, std::string> kRegionParents = {{"EU", ""}, {"FR", "EU"}, {"PARIS", "FR"}, {"DE", "EU"},
                                                           {"NA", ""}, {"US", "NA"}, {"APAC", ""}};
const std::map<std::string, std::string> kUnitParents = {{"RETAIL", ""}, {"ONLINE", "RETAIL"}, {"CORP", ""}};
const std::vector<std::string> kBrands = {"B1", "B2", "B3"};

// Answer is one generated response, as the test remembers it.
struct Answer {
  int campaign = 0;
  nps::v1::Channel channel = nps::v1::EMAIL;
  std::string region, brand, unit, agent, queue, team;
  std::map<std::string, std::string> attributes;
  int score = 0;
  absl::Time answered_at;
};

// Filter mirrors nps.v1.BenchmarkFilter, campaigns by index.
struct Filter {
  std::optional<absl::Time> start, end;
  std::vector<int> campaigns;
  std::vector<nps::v1::Channel> channels;
  std::vector<std::string> regions, brands, units, agents, queues, teams;
  std::map<std::string, std::string> attributes;
};

// SegmentSpec is an expected segment of one dimension.
struct SegmentSpec {
  std::string value;
  bool direct_only = false;
};

bool Within(const std::map<std::string, std::string>& parents, std::string code, const std::string& ancestor) {
  while (!code.empty()) {
    if (code == ancestor) return true;
    code = parents.at(code);
  }
  return false;
}

template <typename T>
bool AnyOf(const std::vector<T>& allowed, const std::function<bool(const T&)>& matches) {
  return allowed.empty() || std::any_of(allowed.begin(), allowed.end(), matches);
}

google::protobuf::Timestamp ProtoTime(absl::Time time) {
  const int64_t micros = absl::ToUnixMicros(time);
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(micros / 1000000);
  timestamp.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return timestamp;
}

// FieldPaths returns the fields of the google.rpc.BadRequest detail of `status`.
std::vector<std::string> FieldPaths(const grpc::Status& status) {
  std::vector<std::string> fields;
  nps::v1::ErrorStatus details;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& detail : details.details()) {
    nps::v1::BadRequest bad_request;
    if (!bad_request.ParseFromString(detail.value())) continue;
    for (const auto& violation : bad_request.field_violations()) fields.push_back(violation.field());
  }
  return fields;
}

// Independent calendar arithmetic (weeks start on Monday).
absl::CivilDay PeriodOf(absl::CivilDay day, nps::v1::TrendInterval interval) {
  switch (interval) {
    case nps::v1::TREND_INTERVAL_WEEK:
      return day - static_cast<int>(absl::GetWeekday(day));
    case nps::v1::TREND_INTERVAL_MONTH:
      return absl::CivilDay(day.year(), day.month(), 1);
    case nps::v1::TREND_INTERVAL_QUARTER:
      return absl::CivilDay(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
    default:
      return day;
  }
}

absl::CivilDay NextPeriod(absl::CivilDay start, nps::v1::TrendInterval interval) {
  switch (interval) {
    case nps::v1::TREND_INTERVAL_WEEK:
      return start + 7;
    case nps::v1::TREND_INTERVAL_MONTH:
      return absl::CivilDay(start.year(), start.month() + 1, 1);
    case nps::v1::TREND_INTERVAL_QUARTER:
      return absl::CivilDay(start.year(), start.month() + 3, 1);
    default:
      return start + 1;
  }
}

void ExpectStatistics(const nps::v1::NpsStatistics& got, const ScoreHistogram& want, int minimum,
                      const std::string& label) {
  EXPECT_EQ(got.n(), want.n()) << label;
  const bool enough = want.n() > 0 && want.n() >= minimum;
  EXPECT_EQ(got.insufficient_sample(), !enough) << label;
  EXPECT_EQ(got.has_score(), enough) << label;
  if (!enough) {
    EXPECT_EQ(got.promoters() + got.passives() + got.detractors(), 0) << label;
    EXPECT_EQ(got.nps(), 0) << label;
    return;
  }
  EXPECT_EQ(got.promoters(), want.promoters()) << label;
  EXPECT_EQ(got.passives(), want.passives()) << label;
  EXPECT_EQ(got.detractors(), want.detractors()) << label;
  EXPECT_DOUBLE_EQ(got.nps(), 100.0 * static_cast<double>(want.promoters() - want.detractors()) /
                                  static_cast<double>(want.n()))
      << label;
  const domain::NpsEstimate estimate = *domain::Estimate(want, got.confidence_percent());
  EXPECT_NEAR(got.ci_lower(), estimate.ci_lower, 1e-9) << label;
  EXPECT_NEAR(got.ci_upper(), estimate.ci_upper, 1e-9) << label;
}

class BenchmarkServiceTest : public ServerTest {
 protected:
  // TenantSetup is a tenant with a key holding every scope these tests need.
  struct TenantSetup {
    std::string id;
    std::string key;
    std::vector<std::string> campaigns;
  };

  void SetUp() override {
    benchmarks_ = nps::v1::BenchmarkService::NewStub(channel_);
    campaigns_ = nps::v1::CampaignService::NewStub(channel_);
    responses_ = nps::v1::ResponseService::NewStub(channel_);
    units_ = nps::v1::OrganizationService::NewStub(channel_);
  }

  TenantSetup NewTenant(const std::string& name, int minimum_sample, const std::string& industry = "",
                        bool opt_in = false) {
    nps::v1::CreateTenantRequest request;
    request.mutable_tenant()->set_display_name(name);
    request.mutable_tenant()->set_minimum_sample_size(minimum_sample);
    request.mutable_tenant()->set_industry(industry);
    request.mutable_tenant()->set_industry_benchmark_opt_in(opt_in);
    nps::v1::Tenant tenant;
    const grpc::Status status = tenants_->CreateTenant(Context(kOperatorToken).get(), request, &tenant);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {tenant.id(), CreateKey(tenant.id(), {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_INGEST, Scope::SCOPE_READ}),
            {}};
  }

  // SetReportingTimeZone sets the calendar of the rollups (no API sets it yet); it
  // must happen before the tenant's first response.
  static void SetReportingTimeZone(const std::string& tenant_id, const std::string& zone) {
    SuperuserQuery(absl::StrCat("UPDATE npsd.tenants SET reporting_time_zone = '", zone, "' WHERE tenant_id = '",
                                tenant_id, "'"));
  }

  void AddCampaign(TenantSetup& tenant) {
    nps::v1::CreateCampaignRequest request;
    nps::v1::Campaign* campaign = request.mutable_campaign();
    campaign->set_name("Benchmark");
    for (nps::v1::Channel channel : {nps::v1::EMAIL, nps::v1::WEB, nps::v1::VOICE_POST_CALL}) {
      campaign->add_channels(channel);
    }
    campaign->set_default_locale("en");
    campaign->add_questions()->set_locale("en");
    campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
    nps::v1::Campaign created;
    ASSERT_TRUE(campaigns_->CreateCampaign(Context(tenant.key).get(), request, &created).ok());
    nps::v1::CampaignTransitionRequest activate;
    activate.set_campaign_id(created.id());
    ASSERT_TRUE(campaigns_->ActivateCampaign(Context(tenant.key).get(), activate, &created).ok());
    tenant.campaigns.push_back(created.id());
  }

  void AddUnit(const TenantSetup& tenant, nps::v1::OrgUnitKind kind, const std::string& code,
               const std::string& parent) {
    nps::v1::CreateOrgUnitRequest request;
    request.mutable_org_unit()->set_kind(kind);
    request.mutable_org_unit()->set_code(code);
    request.mutable_org_unit()->set_display_name("Unit " + code);
    request.mutable_org_unit()->set_parent_code(parent);
    nps::v1::OrgUnit created;
    const grpc::Status status = units_->CreateOrgUnit(Context(tenant.key).get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // AddCatalogue creates the catalogue described above, parents first.
  void AddCatalogue(const TenantSetup& tenant) {
    for (const char* code : {"EU", "NA", "APAC", "FR", "DE", "US", "PARIS"}) {
      AddUnit(tenant, nps::v1::REGION, code, kRegionParents.at(code));
    }
    for (const char* code : {"RETAIL", "CORP", "ONLINE"}) {
      AddUnit(tenant, nps::v1::BUSINESS_UNIT, code, kUnitParents.at(code));
    }
    for (const std::string& code : kBrands) AddUnit(tenant, nps::v1::BRAND, code, "");
  }

  void Submit(const TenantSetup& tenant, const std::vector<Answer>& answers) {
    for (size_t first = 0; first < answers.size(); first += 1000) {
      nps::v1::SubmitResponsesRequest request;
      for (size_t i = first; i < std::min(answers.size(), first + 1000); ++i) {
        const Answer& answer = answers[i];
        nps::v1::ResponseInput* input = request.add_responses();
        input->set_campaign_id(tenant.campaigns.at(answer.campaign));
        input->set_score(answer.score);
        *input->mutable_answered_at() = ProtoTime(answer.answered_at);
        input->set_channel(answer.channel);
        input->mutable_scope()->set_region_code(answer.region);
        input->mutable_scope()->set_brand_code(answer.brand);
        input->mutable_scope()->set_business_unit_code(answer.unit);
        input->mutable_contact_center()->set_agent_id(answer.agent);
        input->mutable_contact_center()->set_queue(answer.queue);
        input->mutable_contact_center()->set_team(answer.team);
        for (const auto& [key, value] : answer.attributes) (*input->mutable_attributes())[key] = value;
        input->set_idempotency_key(absl::StrCat("bench-", i));
      }
      nps::v1::SubmitResponsesResponse response;
      ASSERT_TRUE(responses_->SubmitResponses(Context(tenant.key).get(), request, &response).ok());
      for (const auto& result : response.results()) ASSERT_EQ(result.code(), 0) << result.message();
    }
  }

  std::unique_ptr<nps::v1::BenchmarkService::Stub> benchmarks_;
  std::unique_ptr<nps::v1::CampaignService::Stub> campaigns_;
  std::unique_ptr<nps::v1::ResponseService::Stub> responses_;
  std::unique_ptr<nps::v1::OrganizationService::Stub> units_;
};

// Recount is the test's own recount of the generated answers.
class Recount {
 public:
  Recount(std::vector<Answer> answers, std::vector<std::string> campaigns)
      : answers_(std::move(answers)), campaigns_(std::move(campaigns)) {}

  bool Matches(const Answer& a, const Filter& f) const {
    const auto equal = [](const std::string& value) {
      return std::function<bool(const std::string&)>([&value](const std::string& v) { return v == value; });
    };
    return (!f.start || a.answered_at >= *f.start) && (!f.end || a.answered_at < *f.end) &&
           AnyOf<int>(f.campaigns, [&](const int& c) { return c == a.campaign; }) &&
           AnyOf<nps::v1::Channel>(f.channels, [&](const nps::v1::Channel& c) { return c == a.channel; }) &&
           AnyOf<std::string>(f.regions, [&](const std::string& r) { return Within(kRegionParents, a.region, r); }) &&
           AnyOf<std::string>(f.brands, equal(a.brand)) &&
           AnyOf<std::string>(f.units, [&](const std::string& u) { return Within(kUnitParents, a.unit, u); }) &&
           AnyOf<std::string>(f.agents, equal(a.agent)) && AnyOf<std::string>(f.queues, equal(a.queue)) &&
           AnyOf<std::string>(f.teams, equal(a.team)) &&
           std::all_of(f.attributes.begin(), f.attributes.end(), [&](const auto& pair) {
             const auto found = a.attributes.find(pair.first);
             return found != a.attributes.end() && found->second == pair.second;
           });
  }

  bool InSegment(const Answer& a, Dimension dimension, const SegmentSpec& segment) const {
    switch (dimension) {
      case nps::v1::DIMENSION_REGION:
        return segment.direct_only ? a.region == segment.value : Within(kRegionParents, a.region, segment.value);
      case nps::v1::DIMENSION_BUSINESS_UNIT:
        return segment.direct_only ? a.unit == segment.value : Within(kUnitParents, a.unit, segment.value);
      case nps::v1::DIMENSION_BRAND:
        return a.brand == segment.value;
      case nps::v1::DIMENSION_CHANNEL:
        return nps::v1::Channel_Name(a.channel) == segment.value;
      case nps::v1::DIMENSION_CAMPAIGN:
        return campaigns_[a.campaign] == segment.value;
      case nps::v1::DIMENSION_AGENT:
        return a.agent == segment.value;
      case nps::v1::DIMENSION_QUEUE:
        return a.queue == segment.value;
      case nps::v1::DIMENSION_TEAM:
        return a.team == segment.value;
      default:
        return false;
    }
  }

  ScoreHistogram Count(const std::function<bool(const Answer&)>& predicate) const {
    ScoreHistogram histogram;
    for (const Answer& answer : answers_) {
      if (predicate(answer)) {
        EXPECT_TRUE(histogram.Add(answer.score).ok());
      }
    }
    return histogram;
  }

  ScoreHistogram Count(const Filter& filter) const {
    return Count([&](const Answer& a) { return Matches(a, filter); });
  }

  // Observed returns the distinct non-empty values of `value_of` among matching answers.
  std::vector<SegmentSpec> Observed(const Filter& filter,
                                    const std::function<std::string(const Answer&)>& value_of) const {
    std::set<std::string> values;
    for (const Answer& answer : answers_) {
      if (Matches(answer, filter) && !value_of(answer).empty()) values.insert(value_of(answer));
    }
    std::vector<SegmentSpec> specs;
    for (const std::string& value : values) specs.push_back({value});
    return specs;
  }

  const std::vector<Answer>& answers() const { return answers_; }
  const std::vector<std::string>& campaigns() const { return campaigns_; }

 private:
  std::vector<Answer> answers_;
  std::vector<std::string> campaigns_;
};

nps::v1::BenchmarkFilter ToProto(const Filter& filter, const std::vector<std::string>& campaigns) {
  nps::v1::BenchmarkFilter proto;
  if (filter.start) *proto.mutable_start_time() = ProtoTime(*filter.start);
  if (filter.end) *proto.mutable_end_time() = ProtoTime(*filter.end);
  for (int campaign : filter.campaigns) proto.add_campaign_ids(campaigns.at(campaign));
  for (nps::v1::Channel channel : filter.channels) proto.add_channels(channel);
  for (const std::string& code : filter.regions) proto.add_region_codes(code);
  for (const std::string& code : filter.brands) proto.add_brand_codes(code);
  for (const std::string& code : filter.units) proto.add_business_unit_codes(code);
  for (const std::string& agent : filter.agents) proto.add_agent_ids(agent);
  for (const std::string& queue : filter.queues) proto.add_queues(queue);
  for (const std::string& team : filter.teams) proto.add_teams(team);
  for (const auto& [key, value] : filter.attributes) (*proto.mutable_attributes())[key] = value;
  return proto;
}

// GenerateAnswers draws `count` answers between `from` and `to`; EU answers lean
// towards promoters and NA answers towards detractors, so some differences are real.
std::vector<Answer> GenerateAnswers(int count, absl::Time from, absl::Time to, uint32_t seed) {
  std::mt19937 random(seed);
  const auto pick = [&](const std::vector<std::string>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(random)];
  };
  const int64_t span = absl::ToInt64Microseconds(to - from);
  std::vector<Answer> answers(count);
  for (Answer& a : answers) {
    a.campaign = std::uniform_int_distribution<int>(0, 1)(random);
    const nps::v1::Channel channels[] = {nps::v1::EMAIL, nps::v1::WEB, nps::v1::VOICE_POST_CALL};
    a.channel = channels[std::uniform_int_distribution<int>(0, 2)(random)];
    a.region = pick({"", "EU", "FR", "PARIS", "PARIS", "DE", "NA", "US", "US"});
    a.brand = pick({"", "B1", "B2", "B2"});
    a.unit = pick({"", "RETAIL", "ONLINE", "CORP"});
    a.agent = pick({"", "", "a1", "a2", "a3", "a4"});
    a.queue = pick({"", "q1", "q2"});
    a.team = pick({"", "t1", "t2"});
    const std::string tier = pick({"", "gold", "silver"});
    if (!tier.empty()) a.attributes["tier"] = tier;
    if (pick({"", "fr"}) == "fr") a.attributes["lang"] = "fr";
    const int bias = Within(kRegionParents, a.region, "EU") ? 2 : Within(kRegionParents, a.region, "NA") ? -2 : 0;
    a.score = std::clamp(std::uniform_int_distribution<int>(0, 10)(random) + bias, 0, 10);
    a.answered_at = from + absl::Microseconds(std::uniform_int_distribution<int64_t>(0, span - 1)(random));
  }
  return answers;
}

// SegmentCase is one CompareSegments request and the segments it must return.
struct SegmentCase {
  std::string label;
  Filter filter;
  Dimension dimension = nps::v1::DIMENSION_UNSPECIFIED;
  std::string parent;
  std::vector<SegmentSpec> first;
  Dimension second_dimension = nps::v1::DIMENSION_UNSPECIFIED;
  std::vector<SegmentSpec> second;
  std::optional<std::pair<std::string, std::string>> baseline;
  nps::v1::PValueCorrection correction = nps::v1::P_VALUE_CORRECTION_UNSPECIFIED;
};

// Segments describes a CompareSegments request by one dimension.
SegmentCase Segments(std::string label, Filter filter, Dimension dimension, std::string parent,
                     std::vector<SegmentSpec> segments) {
  SegmentCase c;
  c.label = std::move(label);
  c.filter = std::move(filter);
  c.dimension = dimension;
  c.parent = std::move(parent);
  c.first = std::move(segments);
  return c;
}

// CrossTab adds a second dimension, and optionally a baseline and a correction.
SegmentCase CrossTab(SegmentCase c, Dimension second, std::vector<SegmentSpec> columns,
                     std::optional<std::pair<std::string, std::string>> baseline = std::nullopt,
                     nps::v1::PValueCorrection correction = nps::v1::P_VALUE_CORRECTION_UNSPECIFIED) {
  c.second_dimension = second;
  c.second = std::move(columns);
  c.baseline = std::move(baseline);
  c.correction = correction;
  return c;
}

// ExpectedComparison is a comparison the recount expects for one segment.
struct ExpectedComparison {
  int segment;
  domain::NpsComparison test;
};

// ExpectComparisons checks every expected comparison and their adjustment together.
void ExpectComparisons(const nps::v1::CompareSegmentsResponse& response,
                       const std::vector<ExpectedComparison>& expected, domain::PValueCorrection correction,
                       const std::string& label) {
  std::vector<double> p_values;
  for (const ExpectedComparison& comparison : expected) p_values.push_back(comparison.test.p_value);
  const std::vector<double> adjusted = *domain::AdjustPValues(p_values, correction);
  EXPECT_EQ(response.comparison_count(), static_cast<int>(expected.size())) << label;
  for (size_t k = 0; k < expected.size(); ++k) {
    const nps::v1::Segment& segment = response.segments(expected[k].segment);
    const std::string where = absl::StrCat(label, " segment ", expected[k].segment);
    ASSERT_TRUE(segment.has_comparison()) << where;
    EXPECT_DOUBLE_EQ(segment.delta(), expected[k].test.delta) << where;
    EXPECT_NEAR(segment.p_value(), expected[k].test.p_value, 1e-12) << where;
    EXPECT_NEAR(segment.adjusted_p_value(), adjusted[k], 1e-12) << where;
    EXPECT_EQ(segment.significant(), adjusted[k] <= 0.05) << where;
  }
}

class BenchmarkRecountTest : public BenchmarkServiceTest {
 protected:
  void SetUp() override {
    BenchmarkServiceTest::SetUp();
    tenant_ = NewTenant("Benchmark recount", kMinimumSample);
    SetReportingTimeZone(tenant_.id, kTenantZone);
    ASSERT_TRUE(absl::LoadTimeZone(kTenantZone, &zone_));
    AddCatalogue(tenant_);
    AddCampaign(tenant_);
    AddCampaign(tenant_);
    now_ = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));
    std::vector<Answer> answers = GenerateAnswers(900, now_ - absl::Hours(24 * 45), now_ - absl::Hours(1), 20250611);
    Submit(tenant_, answers);
    recount_.emplace(std::move(answers), tenant_.campaigns);
  }

  // LocalMidnight is the start of the local day `days_ago` days before today, in the
  // tenant's reporting time zone.
  absl::Time LocalMidnight(int days_ago) const {
    return absl::FromCivil(absl::CivilSecond(absl::ToCivilDay(now_, zone_) - days_ago), zone_);
  }

  void CheckScore(const Filter& filter, const std::string& label) {
    nps::v1::GetScoreRequest request;
    *request.mutable_filter() = ToProto(filter, tenant_.campaigns);
    nps::v1::GetScoreResponse response;
    const grpc::Status status = benchmarks_->GetScore(Context(tenant_.key).get(), request, &response);
    ASSERT_TRUE(status.ok()) << label << ": " << status.error_message();
    EXPECT_EQ(response.minimum_sample_size(), kMinimumSample);
    ExpectStatistics(response.statistics(), recount_->Count(filter), kMinimumSample, label);
  }

  void CheckSegments(const SegmentCase& c);
  void CheckTrend(const Filter& filter, nps::v1::TrendInterval interval, const std::string& requested_zone,
                  const std::string& label);

  TenantSetup tenant_;
  absl::TimeZone zone_;
  absl::Time now_;
  std::optional<Recount> recount_;
};

void BenchmarkRecountTest::CheckSegments(const SegmentCase& c) {
  nps::v1::CompareSegmentsRequest request;
  *request.mutable_filter() = ToProto(c.filter, tenant_.campaigns);
  request.set_dimension(c.dimension);
  request.set_parent_code(c.parent);
  request.set_second_dimension(c.second_dimension);
  request.set_correction(c.correction);
  if (c.baseline) {
    request.mutable_baseline()->set_value(c.baseline->first);
    request.mutable_baseline()->set_second_value(c.baseline->second);
  }
  nps::v1::CompareSegmentsResponse response;
  const grpc::Status status = benchmarks_->CompareSegments(Context(tenant_.key).get(), request, &response);
  ASSERT_TRUE(status.ok()) << c.label << ": " << status.error_message();

  const bool cross_tab = c.second_dimension != nps::v1::DIMENSION_UNSPECIFIED;
  const std::vector<SegmentSpec> columns = cross_tab ? c.second : std::vector<SegmentSpec>{SegmentSpec{}};
  ASSERT_EQ(response.segments_size(), static_cast<int>(c.first.size() * columns.size())) << c.label;
  std::vector<ScoreHistogram> cells;
  std::optional<size_t> baseline;
  for (const SegmentSpec& row : c.first) {
    for (const SegmentSpec& column : columns) {
      if (c.baseline && row.value == c.baseline->first && column.value == c.baseline->second) baseline = cells.size();
      const nps::v1::Segment& got = response.segments(static_cast<int>(cells.size()));
      cells.push_back(recount_->Count([&](const Answer& a) {
        return recount_->Matches(a, c.filter) && recount_->InSegment(a, c.dimension, row) &&
               (!cross_tab || recount_->InSegment(a, c.second_dimension, column));
      }));
      const std::string label = absl::StrCat(c.label, " [", row.value, ",", column.value, "]");
      EXPECT_EQ(got.key().value(), row.value) << label;
      EXPECT_EQ(got.key().second_value(), column.value) << label;
      EXPECT_EQ(got.direct_only(), row.direct_only) << label;
      ExpectStatistics(got.statistics(), cells.back(), kMinimumSample, label);
    }
  }
  const ScoreHistogram total = recount_->Count(c.filter);
  ExpectStatistics(response.total(), total, kMinimumSample, c.label + " total");
  EXPECT_EQ(response.reference(), baseline ? nps::v1::CompareSegmentsResponse::BASELINE
                                           : nps::v1::CompareSegmentsResponse::COMPLEMENT);

  const auto enough = [](const ScoreHistogram& h) { return h.n() > 0 && h.n() >= kMinimumSample; };
  std::vector<ExpectedComparison> expected;
  for (size_t i = 0; i < cells.size(); ++i) {
    const nps::v1::Segment& got = response.segments(static_cast<int>(i));
    EXPECT_EQ(got.is_baseline(), baseline == i) << c.label << " segment " << i;
    int rank = 0;
    if (enough(cells[i])) {
      rank = 1;
      for (const ScoreHistogram& other : cells) {
        if (enough(other) && other.promoters() * cells[i].n() - other.detractors() * cells[i].n() >
                                 (cells[i].promoters() - cells[i].detractors()) * other.n()) {
          ++rank;
        }
      }
    }
    EXPECT_EQ(got.rank(), rank) << c.label << " segment " << i;
    ScoreHistogram reference = baseline ? cells[*baseline] : ScoreHistogram();
    if (!baseline) {
      for (int score = 0; score <= 10; ++score) {
        ASSERT_TRUE(reference.Add(score, total.counts()[score] - cells[i].counts()[score]).ok());
      }
    }
    if (baseline != i && enough(cells[i]) && enough(reference)) {
      expected.push_back({static_cast<int>(i), *domain::CompareNps(cells[i], reference, 95)});
    } else {
      EXPECT_FALSE(got.has_comparison()) << c.label << " segment " << i;
    }
  }
  const domain::PValueCorrection correction = c.correction == nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG
                                                  ? domain::PValueCorrection::kBenjaminiHochberg
                                                  : domain::PValueCorrection::kHolm;
  EXPECT_EQ(response.correction(), c.correction == nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG
                                       ? nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG
                                       : nps::v1::P_VALUE_CORRECTION_HOLM);
  ExpectComparisons(response, expected, correction, c.label);
}

void BenchmarkRecountTest::CheckTrend(const Filter& filter, nps::v1::TrendInterval interval,
                                      const std::string& requested_zone, const std::string& label) {
  nps::v1::GetTrendRequest request;
  *request.mutable_filter() = ToProto(filter, tenant_.campaigns);
  request.set_interval(interval);
  request.set_time_zone(requested_zone);
  nps::v1::GetTrendResponse response;
  const grpc::Status status = benchmarks_->GetTrend(Context(tenant_.key).get(), request, &response);
  ASSERT_TRUE(status.ok()) << label << ": " << status.error_message();
  const std::string zone_name = requested_zone.empty() ? kTenantZone : requested_zone;
  EXPECT_EQ(response.time_zone(), zone_name) << label;
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone(zone_name, &zone));

  std::map<absl::CivilDay, ScoreHistogram> periods;
  std::optional<absl::CivilDay> first, last;
  if (filter.start) first = absl::ToCivilDay(*filter.start, zone);
  if (filter.end) last = absl::ToCivilDay(*filter.end - absl::Microseconds(1), zone);
  for (const Answer& answer : recount_->answers()) {
    if (!recount_->Matches(answer, filter)) continue;
    const absl::CivilDay day = absl::ToCivilDay(answer.answered_at, zone);
    if (!filter.start) first = std::min(first.value_or(day), day);
    if (!filter.end) last = std::max(last.value_or(day), day);
    ASSERT_TRUE(periods[PeriodOf(day, interval)].Add(answer.score).ok());
  }
  ASSERT_TRUE(first && last) << label;
  std::vector<ScoreHistogram> expected;
  std::vector<absl::CivilDay> starts;
  for (absl::CivilDay start = PeriodOf(*first, interval); start <= *last; start = NextPeriod(start, interval)) {
    starts.push_back(start);
    expected.push_back(periods[start]);
  }
  ASSERT_EQ(response.points_size(), static_cast<int>(expected.size())) << label;
  const auto enough = [](const ScoreHistogram& h) { return h.n() > 0 && h.n() >= kMinimumSample; };
  std::vector<double> p_values;
  std::vector<int> changed;
  for (size_t i = 0; i < expected.size(); ++i) {
    const nps::v1::TrendPoint& point = response.points(static_cast<int>(i));
    const std::string where = absl::StrCat(label, " ", absl::FormatCivilTime(starts[i]));
    EXPECT_EQ(point.start_date(), absl::FormatCivilTime(starts[i])) << where;
    EXPECT_EQ(point.end_date(), absl::FormatCivilTime(NextPeriod(starts[i], interval))) << where;
    ExpectStatistics(point.statistics(), expected[i], kMinimumSample, where);
    if (i == 0 || !enough(expected[i]) || !enough(expected[i - 1])) {
      EXPECT_FALSE(point.has_change()) << where;
      continue;
    }
    const domain::NpsComparison change = *domain::CompareNps(expected[i], expected[i - 1], 95);
    ASSERT_TRUE(point.has_change()) << where;
    EXPECT_DOUBLE_EQ(point.change(), change.delta) << where;
    p_values.push_back(change.p_value);
    changed.push_back(static_cast<int>(i));
  }
  const std::vector<double> adjusted = *domain::HolmAdjust(p_values);
  for (size_t k = 0; k < changed.size(); ++k) {
    EXPECT_NEAR(response.points(changed[k]).adjusted_p_value(), adjusted[k], 1e-12) << label;
  }
}

TEST_F(BenchmarkRecountTest, EveryRpcMatchesAnIndependentRecountOfRandomizedAnswers) {
  Filter aligned;  // whole local days: rollups only
  aligned.start = LocalMidnight(30);
  aligned.end = LocalMidnight(20);
  Filter unaligned;  // rollups for whole days, responses for the edges
  unaligned.start = now_ - absl::Hours(24 * 38) + absl::Seconds(47837) + absl::Microseconds(123456);
  unaligned.end = now_ - absl::Hours(24 * 3) - absl::Minutes(123);
  Filter narrow;  // within two local days: responses only, small segments
  narrow.start = LocalMidnight(10) + absl::Hours(5);
  narrow.end = *narrow.start + absl::Hours(20);

  CheckScore({}, "everything");
  CheckScore(aligned, "aligned days");
  CheckScore(unaligned, "unaligned range");
  CheckScore(narrow, "narrow range");
  Filter f = aligned;
  f.regions = {"EU"};
  CheckScore(f, "EU with descendants, aligned");
  f = unaligned;
  f.regions = {"FR", "US"};
  f.brands = {"B1"};
  f.channels = {nps::v1::EMAIL, nps::v1::WEB};
  CheckScore(f, "regions, brand, channels");
  f = {};
  f.units = {"RETAIL"};
  f.campaigns = {0};
  CheckScore(f, "business unit with descendants, campaign");
  f = unaligned;
  f.agents = {"a1", "a2"};
  f.queues = {"q1"};
  CheckScore(f, "agents and queue (agent rollups)");
  f = {};
  f.teams = {"t2"};
  f.regions = {"EU"};
  CheckScore(f, "team and region (responses)");
  f = unaligned;
  f.attributes = {{"tier", "gold"}};
  CheckScore(f, "attribute (responses)");
  f.attributes = {{"tier", "gold"}, {"lang", "fr"}};
  CheckScore(f, "two attributes");
  f = {};
  f.brands = {"B3"};
  CheckScore(f, "empty brand");

  const std::vector<SegmentSpec> roots = {{"APAC"}, {"EU"}, {"NA"}};
  const std::vector<SegmentSpec> brands = {{"B1"}, {"B2"}, {"B3"}};
  const std::vector<SegmentSpec> channels = {{"CHAT"}, {"EMAIL"}, {"IN_APP"}, {"SMS"}, {"VOICE_POST_CALL"}, {"WEB"}};
  CheckSegments(Segments("region roots", {}, nps::v1::DIMENSION_REGION, "", roots));
  CheckSegments(Segments("EU drill-down", aligned, nps::v1::DIMENSION_REGION, "EU", {{"EU", true}, {"DE"}, {"FR"}}));
  CheckSegments(Segments("FR drill-down", {}, nps::v1::DIMENSION_REGION, "FR", {{"FR", true}, {"PARIS"}}));
  CheckSegments(CrossTab(Segments("region x brand vs EU/B1 (BH)", unaligned, nps::v1::DIMENSION_REGION, "", roots),
                         nps::v1::DIMENSION_BRAND, brands, std::make_pair(std::string("EU"), std::string("B1")),
                         nps::v1::P_VALUE_CORRECTION_BENJAMINI_HOCHBERG));
  CheckSegments(Segments("business units", {}, nps::v1::DIMENSION_BUSINESS_UNIT, "", {{"CORP"}, {"RETAIL"}}));
  CheckSegments(Segments("RETAIL drill-down", unaligned, nps::v1::DIMENSION_BUSINESS_UNIT, "RETAIL",
                         {{"RETAIL", true}, {"ONLINE"}}));
  f = {};
  f.brands = {"B3", "B2"};
  CheckSegments(Segments("brands of the filter", f, nps::v1::DIMENSION_BRAND, "", {{"B2"}, {"B3"}}));
  f = aligned;
  f.queues = {"q2"};
  CheckSegments(Segments("every channel", f, nps::v1::DIMENSION_CHANNEL, "", channels));
  std::vector<std::string> campaign_ids = tenant_.campaigns;
  std::sort(campaign_ids.begin(), campaign_ids.end());
  CheckSegments(
      Segments("campaigns", unaligned, nps::v1::DIMENSION_CAMPAIGN, "", {{campaign_ids[0]}, {campaign_ids[1]}}));
  const auto agent = [](const Answer& a) { return a.agent; };
  CheckSegments(Segments("agents", aligned, nps::v1::DIMENSION_AGENT, "", recount_->Observed(aligned, agent)));
  CheckSegments(CrossTab(Segments("agent x channel", {}, nps::v1::DIMENSION_AGENT, "", recount_->Observed({}, agent)),
                         nps::v1::DIMENSION_CHANNEL, channels));
  const auto team = [](const Answer& a) { return a.team; };
  CheckSegments(CrossTab(Segments("team x region (responses)", unaligned, nps::v1::DIMENSION_TEAM, "",
                                  recount_->Observed(unaligned, team)),
                         nps::v1::DIMENSION_REGION, roots, std::make_pair(std::string("t1"), std::string("EU"))));
  f = unaligned;
  f.attributes = {{"tier", "silver"}};
  const auto queue = [](const Answer& a) { return a.queue; };
  CheckSegments(Segments("queues with an attribute", f, nps::v1::DIMENSION_QUEUE, "", recount_->Observed(f, queue)));
  CheckSegments(Segments("small regions", narrow, nps::v1::DIMENSION_REGION, "", roots));

  CheckTrend(aligned, nps::v1::TREND_INTERVAL_DAY, "", "days in the reporting zone");
  CheckTrend(unaligned, nps::v1::TREND_INTERVAL_WEEK, "America/Los_Angeles", "weeks in Los Angeles");
  CheckTrend({}, nps::v1::TREND_INTERVAL_MONTH, kTenantZone, "months, zone named");
  f = {};
  f.regions = {"EU"};
  CheckTrend(f, nps::v1::TREND_INTERVAL_QUARTER, "UTC", "quarters in UTC");
  f = narrow;
  f.agents = {"a3"};
  CheckTrend(f, nps::v1::TREND_INTERVAL_DAY, "", "narrow days of one agent");
}

// AnswersOn returns an answer with `score` at each of `hours` of local `day`.
std::vector<Answer> AnswersOn(absl::CivilDay day, const absl::TimeZone& zone, std::initializer_list<int> hours,
                              int score) {
  std::vector<Answer> answers;
  for (int hour : hours) {
    Answer answer;
    answer.region = "EU";
    answer.agent = "a1";
    answer.attributes = {{"tier", "gold"}};
    answer.score = score;
    answer.answered_at = absl::FromCivil(absl::CivilSecond(day) + hour * 3600, zone);
    answers.push_back(answer);
  }
  return answers;
}

TEST_F(BenchmarkServiceTest, RollupsServeWholeLocalDaysAndResponsesServeTheRest) {
  TenantSetup tenant = NewTenant("Benchmark paths", 1);
  SetReportingTimeZone(tenant.id, kTenantZone);
  AddUnit(tenant, nps::v1::REGION, "EU", "");
  AddCampaign(tenant);
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone(kTenantZone, &zone));
  const absl::CivilDay d1 = absl::ToCivilDay(absl::Now(), zone) - 5, d2 = d1 + 1, d3 = d1 + 2;
  std::vector<Answer> answers;
  for (absl::CivilDay day : {d1, d2, d3}) {
    for (const Answer& answer : AnswersOn(day, zone, {3, 12, 21}, 7)) answers.push_back(answer);
  }
  Submit(tenant, answers);
  // Counts served from a rollup of day d2 show these extra answers; counts from
  // responses do not. (The tenant is this test's own.)
  const std::string where =
      absl::StrCat(" WHERE tenant_id = '", tenant.id, "' AND day = '", absl::FormatCivilTime(d2), "'");
  SuperuserQuery("UPDATE npsd.response_rollups SET s10 = s10 + 1000" + where);
  SuperuserQuery("UPDATE npsd.agent_rollups SET s0 = s0 + 500" + where);
  const auto midnight = [&](absl::CivilDay day) { return absl::FromCivil(absl::CivilSecond(day), zone); };
  const auto count = [&](const Filter& filter) {
    nps::v1::GetScoreRequest request;
    *request.mutable_filter() = ToProto(filter, tenant.campaigns);
    nps::v1::GetScoreResponse response;
    EXPECT_TRUE(benchmarks_->GetScore(Context(tenant.key).get(), request, &response).ok());
    return response.statistics().n();
  };
  Filter whole;
  whole.start = midnight(d1);
  whole.end = midnight(d3 + 1);
  EXPECT_EQ(count(whole), 1009) << "whole days come from npsd.response_rollups";
  Filter f = whole;
  f.agents = {"a1"};
  EXPECT_EQ(count(f), 509) << "an agent filter reads npsd.agent_rollups";
  f.regions = {"EU"};
  EXPECT_EQ(count(f), 9) << "region with agent reads responses";
  f = whole;
  f.attributes = {{"tier", "gold"}};
  EXPECT_EQ(count(f), 9) << "attributes read responses";
  f = whole;
  f.start = midnight(d2) + absl::Hours(6);
  EXPECT_EQ(count(f), 5) << "the partial first day comes from responses";
  f = {};
  f.end = midnight(d2) + absl::Hours(13);
  EXPECT_EQ(count(f), 5) << "the partial last day comes from responses";
  f.start = midnight(d2) + absl::Hours(1);
  EXPECT_EQ(count(f), 2) << "within one day: responses only";
  f = {};
  f.start = midnight(d2);
  EXPECT_EQ(count(f), 1006) << "an aligned open range is all rollups";

  nps::v1::GetTrendRequest trend;
  *trend.mutable_filter() = ToProto(whole, tenant.campaigns);
  trend.set_interval(nps::v1::TREND_INTERVAL_DAY);
  nps::v1::GetTrendResponse days;
  ASSERT_TRUE(benchmarks_->GetTrend(Context(tenant.key).get(), trend, &days).ok());
  ASSERT_EQ(days.points_size(), 3);
  EXPECT_EQ(days.points(1).statistics().n(), 1003);
  trend.set_time_zone("UTC");
  ASSERT_TRUE(benchmarks_->GetTrend(Context(tenant.key).get(), trend, &days).ok());
  int64_t total = 0;
  for (const nps::v1::TrendPoint& point : days.points()) total += point.statistics().n();
  EXPECT_EQ(total, 9) << "days of another time zone come from responses";
}

TEST_F(BenchmarkServiceTest, IndustryBenchmarkNeedsFiveQualifiedPeersAndRevealsOnlyAggregates) {
  std::random_device entropy;
  const std::string industry = absl::StrCat("bench-", entropy(), "-", entropy());
  // (promoters, passives, detractors) of five qualifying peers: NPS 50, 0, 45, -16.7, 65.
  const std::vector<std::array<int, 3>> counts = {{20, 5, 5}, {10, 10, 10}, {28, 2, 10}, {5, 15, 10}, {30, 6, 4}};
  const auto answers = [](const std::array<int, 3>& split) {
    std::vector<Answer> result;
    for (int category = 0; category < 3; ++category) {
      for (int i = 0; i < split[category]; ++i) {
        Answer answer;
        answer.score = std::array<int, 3>{10, 7, 2}[category];
        answer.answered_at = absl::Now() - absl::Minutes(90);
        result.push_back(answer);
      }
    }
    return result;
  };
  const auto peer = [&](const std::string& name, int minimum, bool opt_in, const std::string& label,
                        const std::array<int, 3>& split) {
    TenantSetup tenant = NewTenant(name, minimum, label, opt_in);
    AddCampaign(tenant);
    Submit(tenant, answers(split));
    return tenant;
  };
  const TenantSetup first = peer("Peer 1", 30, true, industry, counts[0]);
  for (int i = 1; i < 4; ++i) peer(absl::StrCat("Peer ", i + 1), 30, true, industry, counts[i]);
  peer("Too few answers", 30, true, industry, {20, 5, 4});
  const TenantSetup outsider = peer("Not opted in", 30, false, industry, {40, 0, 0});
  peer("Own minimum not met", 50, true, industry, {40, 0, 0});
  peer("Other industry", 30, true, industry + "-x", {40, 0, 0});

  const auto benchmark = [&](const TenantSetup& tenant, nps::v1::GetIndustryBenchmarkResponse* response) {
    nps::v1::GetIndustryBenchmarkRequest request;
    return benchmarks_->GetIndustryBenchmark(Context(tenant.key).get(), request, response);
  };
  nps::v1::GetIndustryBenchmarkResponse withheld;
  ASSERT_TRUE(benchmark(first, &withheld).ok());
  EXPECT_FALSE(withheld.released()) << "four qualified peers release nothing";
  EXPECT_EQ(withheld.peer_count(), 0);
  EXPECT_EQ(withheld.median_nps(), 0);
  EXPECT_EQ(withheld.own().n(), 30);
  EXPECT_DOUBLE_EQ(withheld.own().nps(), 50);
  EXPECT_FALSE(withheld.has_percentile());

  peer("Peer 5", 30, true, industry, counts[4]);
  nps::v1::GetIndustryBenchmarkResponse released;
  ASSERT_TRUE(benchmark(first, &released).ok());
  EXPECT_TRUE(released.released());
  EXPECT_EQ(released.industry(), industry);
  EXPECT_EQ(released.lookback_days(), 365);
  EXPECT_EQ(released.peer_count(), 5);
  // Sorted: -16.7, 0, 45, 50, 65.
  EXPECT_DOUBLE_EQ(released.first_quartile_nps(), 0);
  EXPECT_DOUBLE_EQ(released.median_nps(), 45);
  EXPECT_DOUBLE_EQ(released.third_quartile_nps(), 50);
  EXPECT_TRUE(released.has_percentile());
  EXPECT_DOUBLE_EQ(released.percentile(), 70);

  nps::v1::GetIndustryBenchmarkResponse refused;
  EXPECT_EQ(benchmark(outsider, &refused).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // The runtime role's own view: the function answers only an opted-in caller, with
  // two anonymous columns, and the benchmark switch opens no other tenant's rows.
  pqxx::connection connection(AppUrl());
  pqxx::work txn(connection);
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", outsider.id);
  EXPECT_EQ(txn.exec("SELECT count(*) FROM npsd.industry_benchmark_peers(365)")[0][0].as<int>(), 0);
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", first.id);
  const pqxx::result peers = txn.exec("SELECT * FROM npsd.industry_benchmark_peers(365)");
  EXPECT_EQ(peers.size(), 5u);
  EXPECT_EQ(peers.columns(), 2u);
  EXPECT_EQ(txn.exec("SELECT current_setting('app.industry_benchmark', true)")[0][0].as<std::string>(), "off");
  txn.exec("SELECT set_config('app.industry_benchmark', 'on', true)");
  EXPECT_EQ(txn.exec("SELECT count(DISTINCT tenant_id) FROM npsd.response_rollups")[0][0].as<int>(), 1);
  EXPECT_EQ(txn.exec("SELECT count(*) FROM npsd.tenants")[0][0].as<int>(), 1);
}

TEST_F(BenchmarkServiceTest, CallsNeedTheReadScopeValidFieldsAndSeeOnlyTheirTenant) {
  TenantSetup own = NewTenant("Benchmark own", 1);
  AddUnit(own, nps::v1::REGION, "EU", "");
  AddCampaign(own);
  absl::TimeZone utc = absl::UTCTimeZone();
  Submit(own, AnswersOn(absl::ToCivilDay(absl::Now(), utc) - 2, utc, {1, 2, 3}, 9));
  TenantSetup other = NewTenant("Benchmark other", 1);
  const auto score = [&](const std::string& token, const nps::v1::GetScoreRequest& request,
                         nps::v1::GetScoreResponse* response) {
    return benchmarks_->GetScore(Context(token).get(), request, response);
  };
  nps::v1::GetScoreRequest request;
  nps::v1::GetScoreResponse response;
  EXPECT_EQ(score(CreateKey(own.id, {Scope::SCOPE_INGEST}), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(score(kOperatorToken, request, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(score("", request, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(score(CreateKey(own.id, {Scope::SCOPE_READ}), request, &response).ok());
  EXPECT_EQ(response.statistics().n(), 3);

  // Another tenant sees none of it, and names of this tenant's units mean nothing to it.
  request.mutable_filter()->add_campaign_ids(own.campaigns[0]);
  ASSERT_TRUE(score(other.key, request, &response).ok());
  EXPECT_EQ(response.statistics().n(), 0);
  EXPECT_TRUE(response.statistics().insufficient_sample());
  nps::v1::CompareSegmentsRequest segments;
  segments.set_dimension(nps::v1::DIMENSION_REGION);
  segments.set_parent_code("EU");
  nps::v1::CompareSegmentsResponse compared;
  grpc::Status status = benchmarks_->CompareSegments(Context(other.key).get(), segments, &compared);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldPaths(status), std::vector<std::string>{"parent_code"});
  segments.set_dimension(nps::v1::DIMENSION_CAMPAIGN);
  segments.clear_parent_code();
  ASSERT_TRUE(benchmarks_->CompareSegments(Context(other.key).get(), segments, &compared).ok());
  EXPECT_EQ(compared.segments_size(), 0);

  request.mutable_filter()->add_region_codes("bad code!");
  request.mutable_filter()->add_campaign_ids("nope");
  request.mutable_filter()->add_channels(static_cast<nps::v1::Channel>(99));
  *request.mutable_filter()->mutable_start_time() = ProtoTime(absl::Now());
  *request.mutable_filter()->mutable_end_time() = ProtoTime(absl::Now() - absl::Hours(1));
  (*request.mutable_filter()->mutable_attributes())["bad key!"] = "x";
  request.set_confidence_percent(97);
  status = score(own.key, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldPaths(status),
            (std::vector<std::string>{"filter.end_time", "filter.campaign_ids[1]", "filter.channels[0]",
                                      "filter.region_codes[0]", "filter.attributes", "confidence_percent"}));

  nps::v1::CompareSegmentsRequest bad_segments;
  bad_segments.set_second_dimension(nps::v1::DIMENSION_BRAND);
  bad_segments.set_second_parent_code("EU");
  bad_segments.mutable_baseline()->set_value("EU");
  status = benchmarks_->CompareSegments(Context(own.key).get(), bad_segments, &compared);
  EXPECT_EQ(FieldPaths(status), (std::vector<std::string>{"dimension", "second_parent_code",
                                                          "baseline.second_value"}));
  segments.set_dimension(nps::v1::DIMENSION_REGION);
  segments.mutable_baseline()->set_value("US");
  status = benchmarks_->CompareSegments(Context(own.key).get(), segments, &compared);
  EXPECT_EQ(FieldPaths(status), std::vector<std::string>{"baseline"});

  nps::v1::GetTrendRequest trend;
  trend.set_time_zone("Mars/Olympus_Mons");
  nps::v1::GetTrendResponse points;
  EXPECT_EQ(FieldPaths(benchmarks_->GetTrend(Context(own.key).get(), trend, &points)),
            std::vector<std::string>{"interval"});
  trend.set_interval(nps::v1::TREND_INTERVAL_WEEK);
  EXPECT_EQ(FieldPaths(benchmarks_->GetTrend(Context(own.key).get(), trend, &points)),
            std::vector<std::string>{"time_zone"});
  trend.clear_time_zone();
  ASSERT_TRUE(benchmarks_->GetTrend(Context(other.key).get(), trend, &points).ok());
  EXPECT_EQ(points.points_size(), 0);

  nps::v1::GetIndustryBenchmarkRequest industry;
  nps::v1::GetIndustryBenchmarkResponse benchmark;
  EXPECT_EQ(benchmarks_->GetIndustryBenchmark(Context(own.key).get(), industry, &benchmark).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  industry.set_lookback_days(5000);
  EXPECT_EQ(FieldPaths(benchmarks_->GetIndustryBenchmark(Context(own.key).get(), industry, &benchmark)),
            std::vector<std::string>{"lookback_days"});
}

TEST_F(BenchmarkServiceTest, PlanSampleSizeFollowsTheAdjustedWaldMargin) {
  const TenantSetup tenant = NewTenant("Benchmark planning", 1);
  const auto plan = [&](const nps::v1::PlanSampleSizeRequest& request, nps::v1::PlanSampleSizeResponse* response) {
    return benchmarks_->PlanSampleSize(Context(tenant.key).get(), request, response);
  };
  nps::v1::PlanSampleSizeRequest request;
  nps::v1::PlanSampleSizeResponse response;
  request.set_target_margin(5);
  ASSERT_TRUE(plan(request, &response).ok());
  EXPECT_EQ(response.required_responses(), 1534);
  request.set_target_margin(10);
  ASSERT_TRUE(plan(request, &response).ok());
  EXPECT_EQ(response.required_responses(), 382);
  request.set_expected_promoter_share(0.5);
  request.set_expected_detractor_share(0.1);
  request.set_confidence_percent(90);
  ASSERT_TRUE(plan(request, &response).ok());
  EXPECT_EQ(response.required_responses(), *domain::RequiredSampleSize(10, 90, domain::ExpectedShares{0.5, 0.1}));
  EXPECT_LT(response.required_responses(), 382);

  request.set_target_margin(0);
  request.clear_expected_detractor_share();
  request.set_confidence_percent(85);
  EXPECT_EQ(FieldPaths(plan(request, &response)),
            (std::vector<std::string>{"target_margin", "confidence_percent", "expected_detractor_share"}));
}

}  // namespace
}  // namespace npsd::testing
