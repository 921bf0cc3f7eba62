// response_generator.cc — one row at a time from a row-seeded random generator.
#include "cli/demo/response_generator.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/demo/demo_catalogue.h"
#include "cli/demo/demo_comments.h"
#include "cli/output/table.h"

namespace npsd::cli::demo {
namespace {

constexpr int kAgents = 48;
constexpr double kBaseScore = 8.2;
constexpr double kScoreSpread = 1.8;

// kMonthVolume and kMonthShift give each month (January first) its share of answers
// and its effect on scores.
constexpr double kMonthVolume[12] = {1.2, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 0.8, 1.0, 1.0, 1.5, 1.7};
constexpr double kMonthShift[12] = {0.1, 0.1, 0.2, 0.2, 0.2, 0.1, -0.1, -0.4, 0.0, 0.0, -0.2, -0.7};

const char* const kColumns[] = {"idempotency_key", "campaign_id", "score", "answered_at", "channel",
                                "region_code", "brand_code", "business_unit_code", "locale", "comment",
                                "subject_external_id", "interaction_id", "agent_id", "team", "queue",
                                "wait_seconds", "handle_seconds", "wrap_up_code", "attr.device"};

bool Chance(std::mt19937_64& rng, double probability) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < probability;
}

Sentiment SentimentOf(int score) {
  if (score <= 6) return Sentiment::kNegative;
  return score <= 8 ? Sentiment::kNeutral : Sentiment::kPositive;
}

}  // namespace

// Row is one response's cells, by column.
struct ResponseGenerator::Row {
  std::string key, campaign, score, time, channel, region, brand, business_unit, locale, comment, customer,
      interaction, agent, team, queue, wait, handle, wrap_up, device;
};

ResponseGenerator::ResponseGenerator(GeneratorOptions options) : options_(std::move(options)) {
  std::mt19937_64 rng(options_.seed);
  std::normal_distribution<double> skill(0, 0.8);
  for (int i = 0; i < kAgents; ++i) agent_shifts_.push_back(skill(rng));
  std::vector<double> region_weights, brand_weights;
  const std::vector<DemoUnit>& units = DemoUnits();
  for (int i = 0; i < static_cast<int>(units.size()); ++i) {
    if (units[i].weight <= 0) continue;
    (units[i].kind == "region" ? leaf_regions_ : brands_).push_back(i);
    (units[i].kind == "region" ? region_weights : brand_weights).push_back(units[i].weight);
  }
  region_pick_ = std::discrete_distribution<int>(region_weights.begin(), region_weights.end());
  brand_pick_ = std::discrete_distribution<int>(brand_weights.begin(), brand_weights.end());
}

std::string ResponseGenerator::HeaderLine() const {
  return absl::StrCat(absl::StrJoin(std::begin(kColumns), std::end(kColumns), ","), "\n");
}

absl::Time ResponseGenerator::PickTime(std::mt19937_64& rng) const {
  const double max_volume = *std::max_element(std::begin(kMonthVolume), std::end(kMonthVolume));
  std::uniform_real_distribution<double> seconds_back(3600, options_.days * 86400.0);
  while (true) {
    const absl::Time time = options_.end - absl::Seconds(std::floor(seconds_back(rng)));
    const int month = absl::ToCivilMonth(time, absl::UTCTimeZone()).month() - 1;
    if (Chance(rng, kMonthVolume[month] / max_volume)) return time;
  }
}

void ResponseGenerator::FillContactCenter(Row& row, double& shift, std::mt19937_64& rng) const {
  const int agent = static_cast<int>(rng() % kAgents);
  const DemoQueue& queue = DemoQueues()[rng() % DemoQueues().size()];
  const int wait = static_cast<int>(std::exponential_distribution<double>(1.0 / queue.mean_wait_seconds)(rng));
  const int handle = std::uniform_int_distribution<int>(120, 900)(rng);
  shift += agent_shifts_[agent] + queue.score_shift - std::min(1.5, std::max(0, wait - 120) / 250.0);
  static const char* const kWrapUps[] = {"resolved", "resolved", "resolved", "escalated", "callback", "refund"};
  row.agent = absl::StrCat("A-", 100 + agent);
  row.team = absl::StrCat("team-", 1 + agent / 8);
  row.queue = queue.code;
  row.wait = absl::StrCat(std::min(wait, 86400));
  row.handle = absl::StrCat(handle);
  row.wrap_up = kWrapUps[rng() % 6];
}

void ResponseGenerator::FillPlace(Row& row, double& shift, std::mt19937_64& rng) const {
  const DemoUnit& region = DemoUnits()[leaf_regions_[region_pick_(rng)]];
  const DemoUnit& brand = DemoUnits()[brands_[brand_pick_(rng)]];
  row.region = region.code;
  row.brand = brand.code;
  row.locale = region.locale;
  const absl::Time time = PickTime(rng);
  row.time = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
  const double age = absl::ToDoubleHours(options_.end - time) / (options_.days * 24.0);
  shift += region.score_shift + brand.score_shift - 0.5 * age +
           kMonthShift[absl::ToCivilMonth(time, absl::UTCTimeZone()).month() - 1];
}

Topic ResponseGenerator::FillCampaign(Row& row, int64_t index, double& shift, std::mt19937_64& rng) const {
  const double kind = std::uniform_real_distribution<double>(0, 1)(rng);
  if (kind < 0.30) {
    row.campaign = options_.campaign_ids.at("support");
    row.channel = Chance(rng, 0.7) ? "voice_post_call" : "chat";
    row.business_unit = Chance(rng, 0.8) ? "SERVICES-SUPPORT" : "SERVICES-REPAIR";
    row.interaction = absl::StrCat("INT-", options_.seed, "-", index);
    FillContactCenter(row, shift, rng);
    return Chance(rng, 0.6) ? Topic::kWait : Topic::kStaff;
  }
  if (kind < 0.85) {
    row.campaign = options_.campaign_ids.at("purchase");
    row.channel = Chance(rng, 0.6) ? "web" : "email";
    row.business_unit = Chance(rng, 0.5) ? "RETAIL-STORES" : "RETAIL-ONLINE";
    return static_cast<Topic>(rng() % 3);  // delivery, price or staff
  }
  row.campaign = options_.campaign_ids.at("app");
  row.channel = "in_app";
  row.business_unit = "RETAIL-ONLINE";
  row.device = Chance(rng, 0.55) ? "ios" : "android";
  return Chance(rng, 0.7) ? Topic::kApp : Topic::kDelivery;
}

std::string ResponseGenerator::RowLine(int64_t index) const {
  std::mt19937_64 rng(options_.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(index));
  Row row;
  row.key = absl::StrCat("demo-", options_.seed, "-", index);
  double shift = 0;
  FillPlace(row, shift, rng);
  const Topic topic = FillCampaign(row, index, shift, rng);
  const double latent = std::normal_distribution<double>(kBaseScore + shift, kScoreSpread)(rng);
  const int score = static_cast<int>(std::lround(std::clamp(latent, 0.0, 10.0)));
  row.score = absl::StrCat(score);
  if (Chance(rng, score <= 6 ? 0.55 : 0.3)) {
    row.comment = DemoComment(SentimentOf(score), topic, row.locale.rfind("fr", 0) == 0, rng);
  }
  if (Chance(rng, 0.4)) {
    row.customer = absl::StrCat("CUST-", 100000 + rng() % static_cast<uint64_t>(std::max<int64_t>(1, options_.count / 3)));
  }
  const std::string* cells[] = {&row.key,    &row.campaign, &row.score,         &row.time,     &row.channel,
                                &row.region, &row.brand,    &row.business_unit, &row.locale,   &row.comment,
                                &row.customer, &row.interaction, &row.agent,    &row.team,     &row.queue,
                                &row.wait,   &row.handle,   &row.wrap_up,       &row.device};
  std::string line = CsvEscape(*cells[0]);
  for (size_t i = 1; i < std::size(cells); ++i) absl::StrAppend(&line, ",", CsvEscape(*cells[i]));
  return line + "\n";
}

}  // namespace npsd::cli::demo
