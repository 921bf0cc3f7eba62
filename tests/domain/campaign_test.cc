// campaign_test.cc — campaign lifecycle, validation and update rules.
#include "domain/campaign.h"

#include <functional>

#include <gtest/gtest.h>

namespace npsd::domain {
namespace {

Campaign ValidCampaign() {
  Campaign campaign;
  campaign.name = "Post-call survey";
  campaign.channels = {Channel::kVoicePostCall};
  campaign.default_locale = "en-US";
  campaign.questions = {{"en-US", "How likely are you to recommend us?", "Why?"},
                        {"fr-FR", "Quelle est la probabilité que vous nous recommandiez ?", ""}};
  campaign.labels = {{"team", "care"}};
  return campaign;
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation : FieldViolationsOf(status)) fields.push_back(violation.field);
  return fields;
}

TEST(CampaignLifecycleTest, TransitionTable) {
  using S = CampaignState;
  using A = CampaignAction;
  struct Case {
    S from;
    A action;
    std::optional<S> to;  // nullopt: FAILED_PRECONDITION
  };
  const Case cases[] = {
      {S::kDraft, A::kActivate, S::kActive},   {S::kDraft, A::kPause, std::nullopt},
      {S::kDraft, A::kClose, std::nullopt},    {S::kActive, A::kActivate, std::nullopt},
      {S::kActive, A::kPause, S::kPaused},     {S::kActive, A::kClose, S::kClosed},
      {S::kPaused, A::kActivate, S::kActive},  {S::kPaused, A::kPause, std::nullopt},
      {S::kPaused, A::kClose, S::kClosed},     {S::kClosed, A::kActivate, std::nullopt},
      {S::kClosed, A::kPause, std::nullopt},   {S::kClosed, A::kClose, std::nullopt},
  };
  for (const Case& c : cases) {
    absl::StatusOr<S> next = NextState(c.from, c.action);
    if (c.to) {
      ASSERT_TRUE(next.ok()) << CampaignStateName(c.from);
      EXPECT_EQ(*next, *c.to);
    } else {
      EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition) << CampaignStateName(c.from);
    }
  }
}

TEST(CampaignValidationTest, ValidCampaignPasses) { EXPECT_TRUE(ValidateCampaign(ValidCampaign()).ok()); }

TEST(CampaignValidationTest, EachRuleNamesItsField) {
  struct Case {
    std::string expected_field;
    std::function<void(Campaign&)> mutate;
  };
  const std::vector<Case> cases = {
      {"campaign.name", [](Campaign& c) { c.name = ""; }},
      {"campaign.name", [](Campaign& c) { c.name = std::string(201, 'x'); }},
      {"campaign.channels", [](Campaign& c) { c.channels.clear(); }},
      {"campaign.channels[1]", [](Campaign& c) { c.channels = {Channel::kSms, Channel::kSms}; }},
      {"campaign.questions", [](Campaign& c) { c.questions.clear(); c.default_locale = "en"; }},
      {"campaign.questions[1].locale", [](Campaign& c) { c.questions[1].locale = "en-US"; }},
      {"campaign.questions[0].locale", [](Campaign& c) { c.questions[0].locale = "english!"; c.default_locale = "fr-FR"; }},
      {"campaign.questions[1].nps_question", [](Campaign& c) { c.questions[1].nps_question = ""; }},
      {"campaign.questions[0].follow_up_question",
       [](Campaign& c) { c.questions[0].follow_up_question = std::string(501, 'q'); }},
      {"campaign.default_locale", [](Campaign& c) { c.default_locale = "de-DE"; }},
      {"campaign.labels", [](Campaign& c) { c.labels = {{"Bad Key", "x"}}; }},
      {"campaign.labels[team]", [](Campaign& c) { c.labels = {{"team", "Not Valid"}}; }},
      {"campaign.touchpoint", [](Campaign& c) { c.touchpoint = "post purchase"; }},
      {"campaign.default_scope.region_code", [](Campaign& c) { c.default_scope.region_code = "EMEA/FR"; }},
      {"campaign.end_time",
       [](Campaign& c) {
         c.start_time = absl::FromUnixSeconds(2000);
         c.end_time = absl::FromUnixSeconds(1000);
       }},
      {"campaign.late_window_days", [](Campaign& c) { c.late_window_days = 366; }},
      {"campaign.fatigue_days", [](Campaign& c) { c.fatigue_days = -1; }},
      {"campaign.sampling_percent", [](Campaign& c) { c.sampling_percent = 100.5; }},
  };
  for (const Case& c : cases) {
    Campaign campaign = ValidCampaign();
    c.mutate(campaign);
    const std::vector<std::string> fields = ViolatedFields(ValidateCampaign(campaign));
    EXPECT_EQ(fields, std::vector<std::string>{c.expected_field});
  }
}

TEST(CampaignValidationTest, LocaleSyntax) {
  for (const char* good : {"en", "fr-FR", "zh-Hant-TW", "es-419", "sgn-BE-FR"}) {
    EXPECT_TRUE(IsValidLocale(good)) << good;
  }
  for (const char* bad : {"", "e", "en_US", "en-", "-US", "toolonglanguage", "en-US-abcdefghi"}) {
    EXPECT_FALSE(IsValidLocale(bad)) << bad;
  }
}

TEST(CampaignPatchTest, StructuralFieldsFreezeAfterDraft) {
  Campaign campaign = ValidCampaign();
  campaign.state = CampaignState::kActive;
  CampaignPatch patch;
  patch.channels = std::vector<Channel>{Channel::kEmail};
  EXPECT_EQ(ApplyCampaignPatch(patch, campaign).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(campaign.channels, std::vector<Channel>{Channel::kVoicePostCall});

  CampaignPatch rename;
  rename.name = "Renamed";
  rename.channels = campaign.channels;  // unchanged structural value is fine
  EXPECT_TRUE(ApplyCampaignPatch(rename, campaign).ok());
  EXPECT_EQ(campaign.name, "Renamed");

  campaign.state = CampaignState::kDraft;
  EXPECT_TRUE(ApplyCampaignPatch(patch, campaign).ok());
  EXPECT_EQ(campaign.channels, std::vector<Channel>{Channel::kEmail});
}

TEST(CampaignPatchTest, ClosedCampaignsAndStaleVersionsAreRefused) {
  Campaign campaign = ValidCampaign();
  campaign.version = 3;
  CampaignPatch patch;
  patch.name = "x";
  patch.expected_version = 2;
  EXPECT_EQ(ApplyCampaignPatch(patch, campaign).code(), absl::StatusCode::kAborted);
  patch.expected_version = 3;
  campaign.state = CampaignState::kClosed;
  EXPECT_EQ(ApplyCampaignPatch(patch, campaign).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CampaignActivationTest, PastEndTimeCannotActivate) {
  Campaign campaign = ValidCampaign();
  campaign.end_time = absl::FromUnixSeconds(1000);
  EXPECT_EQ(CheckActivation(campaign, absl::FromUnixSeconds(1000)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckActivation(campaign, absl::FromUnixSeconds(999)).ok());
}

TEST(ChannelTest, NamesRoundTrip) {
  for (const char* name : {"EMAIL", "SMS", "WEB", "IN_APP", "VOICE_POST_CALL", "CHAT"}) {
    auto channel = ParseChannel(name);
    ASSERT_TRUE(channel.has_value());
    EXPECT_STREQ(ChannelName(*channel), name);
  }
  EXPECT_FALSE(ParseChannel("FAX").has_value());
}

}  // namespace
}  // namespace npsd::domain
