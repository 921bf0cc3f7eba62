// retention_test.cc — retention policy validation and evaluation at an injected time.
#include "domain/retention.h"

#include <gtest/gtest.h>

#include "domain/field_violation.h"
#include "domain/privacy_settings.h"

namespace npsd::domain {
namespace {

constexpr char kCampaignA[] = "0b0e1c3a-1111-4a5b-8c9d-000000000001";
constexpr char kCampaignB[] = "0b0e1c3a-1111-4a5b-8c9d-000000000002";
constexpr char kOther[] = "0b0e1c3a-1111-4a5b-8c9d-000000000003";

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

absl::Time DaysAgo(double days) { return kNow - absl::Hours(24 * days); }

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation : FieldViolationsOf(status)) fields.push_back(violation.field);
  return fields;
}

// Policy: by default personal data goes after 30 days and responses after 365; campaign
// A keeps everything for 90/730 days; campaign B is under legal hold.
RetentionPolicy Policy() {
  RetentionPolicy policy;
  policy.default_rule = {30, 365};
  policy.campaign_overrides = {{kCampaignA, {90, 730}, false}, {kCampaignB, {30, 365}, true}};
  return policy;
}

TEST(RetentionPolicyTest, ValidPolicyIsAcceptedAndIdsCanonicalized) {
  RetentionPolicy policy = Policy();
  policy.campaign_overrides[0].campaign_id = "0B0E1C3A-1111-4A5B-8C9D-000000000001";
  ASSERT_TRUE(ValidateRetentionPolicy(policy).ok());
  EXPECT_EQ(policy.campaign_overrides[0].campaign_id, kCampaignA);
}

TEST(RetentionPolicyTest, ViolationsNameTheirFields) {
  RetentionPolicy policy;
  policy.default_rule = {400, 365};
  policy.campaign_overrides = {{"nope", {3, 0}, false}, {kCampaignA, {0, 40000}, false}, {kCampaignA, {}, false}};
  EXPECT_EQ(ViolatedFields(ValidateRetentionPolicy(policy)),
            (std::vector<std::string>{"policy.default_rule.personal_data_days", "policy.campaign_overrides[0].campaign_id",
                                      "policy.campaign_overrides[0].rule.personal_data_days",
                                      "policy.campaign_overrides[1].rule.delete_after_days",
                                      "policy.campaign_overrides[2].campaign_id"}));
}

TEST(RetentionPlanTest, DefaultRuleRemovesPersonalDataThenDeletes) {
  const RetentionPlan plan(Policy(), kNow);
  EXPECT_EQ(plan.Decide(kOther, DaysAgo(29), true), RetentionAction::kKeep);
  EXPECT_EQ(plan.Decide(kOther, DaysAgo(31), true), RetentionAction::kRemovePersonalData);
  EXPECT_EQ(plan.Decide(kOther, DaysAgo(31), false), RetentionAction::kKeep);
  EXPECT_EQ(plan.Decide(kOther, DaysAgo(366), false), RetentionAction::kDelete);
  EXPECT_EQ(plan.Decide(kOther, DaysAgo(366), true), RetentionAction::kDelete);
  EXPECT_EQ(plan.default_cutoffs().delete_before, DaysAgo(365));
}

TEST(RetentionPlanTest, CampaignOverrideReplacesTheDefault) {
  const RetentionPlan plan(Policy(), kNow);
  EXPECT_EQ(plan.Decide(kCampaignA, DaysAgo(60), true), RetentionAction::kKeep);
  EXPECT_EQ(plan.Decide(kCampaignA, DaysAgo(91), true), RetentionAction::kRemovePersonalData);
  EXPECT_EQ(plan.Decide(kCampaignA, DaysAgo(400), true), RetentionAction::kRemovePersonalData);
  EXPECT_EQ(plan.Decide(kCampaignA, DaysAgo(731), true), RetentionAction::kDelete);
}

TEST(RetentionPlanTest, LegalHoldSuspendsEverything) {
  const RetentionPlan plan(Policy(), kNow);
  EXPECT_EQ(plan.Decide(kCampaignB, DaysAgo(5000), true), RetentionAction::kKeep);
  EXPECT_FALSE(plan.campaign_cutoffs().at(kCampaignB).delete_before.has_value());
  RetentionPolicy held = Policy();
  held.legal_hold = true;
  EXPECT_TRUE(held.IsHeld(kOther));
  const RetentionPlan frozen(held, kNow);
  for (const char* campaign : {kCampaignA, kCampaignB, kOther}) {
    EXPECT_EQ(frozen.Decide(campaign, DaysAgo(5000), true), RetentionAction::kKeep) << campaign;
  }
  EXPECT_FALSE(frozen.latest_cutoff().has_value());
  EXPECT_FALSE(frozen.subject_cutoff().has_value());
  EXPECT_TRUE(Policy().IsHeld(kCampaignB));
  EXPECT_FALSE(Policy().IsHeld(kCampaignA));
}

TEST(RetentionPlanTest, CutoffsBoundTheScanAndSubjectsFollowTheShortestPeriod) {
  const RetentionPlan plan(Policy(), kNow);
  EXPECT_EQ(plan.latest_cutoff(), DaysAgo(30));
  EXPECT_EQ(plan.subject_cutoff(), DaysAgo(30));
  const RetentionPlan nothing(RetentionPolicy{}, kNow);
  EXPECT_FALSE(nothing.latest_cutoff().has_value());
  EXPECT_FALSE(nothing.subject_cutoff().has_value());
  EXPECT_EQ(nothing.Decide(kOther, DaysAgo(100000), true), RetentionAction::kKeep);
}

TEST(PrivacySettingsTest, PersonalAttributeKeysUseAttributeSyntax) {
  PrivacySettings settings{ErasureMode::kDeleteResponses, {"customer_name", "bad key", "customer_name"}};
  EXPECT_EQ(ViolatedFields(ValidatePrivacySettings(settings)),
            (std::vector<std::string>{"settings.personal_attribute_keys[1]", "settings.personal_attribute_keys[2]"}));
  settings.personal_attribute_keys = {"customer_name", "loyalty.id"};
  EXPECT_TRUE(ValidatePrivacySettings(settings).ok());
}

}  // namespace
}  // namespace npsd::domain
