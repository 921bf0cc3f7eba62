// campaign_spec_test.cc — campaigns from flags and files, and their update masks.
#include "cli/commands/campaign_spec.h"

#include <cstdio>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace npsd::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST(CampaignSpecTest, BuildsACampaignFromFlags) {
  CampaignSpec spec;
  spec.name = "Support";
  spec.channels = {"voice_post_call", "CHAT"};
  spec.questions = {"fr-FR=Recommanderiez-vous notre service ? Notez de 0 à 10", "en-GB=Would you recommend us?"};
  spec.follow_ups = {"fr-FR=Pourquoi ?"};
  spec.labels = {"team=care", "pilot"};
  spec.region_code = "FR";
  spec.fatigue_days = 90;
  nps::v1::Campaign campaign;
  absl::StatusOr<std::vector<std::string>> paths = ApplyCampaignSpec(spec, campaign);
  ASSERT_TRUE(paths.ok()) << paths.status();
  EXPECT_EQ(campaign.name(), "Support");
  EXPECT_THAT(campaign.channels(), ElementsAre(nps::v1::VOICE_POST_CALL, nps::v1::CHAT));
  ASSERT_EQ(campaign.questions_size(), 2);
  EXPECT_EQ(campaign.questions(0).nps_question(), "Recommanderiez-vous notre service ? Notez de 0 à 10");
  EXPECT_EQ(campaign.questions(0).follow_up_question(), "Pourquoi ?");
  EXPECT_EQ(campaign.default_locale(), "fr-FR");
  EXPECT_EQ(campaign.labels().at("team"), "care");
  EXPECT_EQ(campaign.labels().at("pilot"), "");
  EXPECT_EQ(campaign.default_scope().region_code(), "FR");
  EXPECT_EQ(campaign.fatigue_days(), 90);
  EXPECT_THAT(*paths, UnorderedElementsAre("name", "channels", "questions", "labels", "default_scope.region_code",
                                           "fatigue_days"));
}

TEST(CampaignSpecTest, RefusesMalformedFlags) {
  nps::v1::Campaign campaign;
  CampaignSpec no_equals;
  no_equals.questions = {"Would you recommend us?"};
  EXPECT_FALSE(ApplyCampaignSpec(no_equals, campaign).ok());
  CampaignSpec orphan_follow_up;
  orphan_follow_up.follow_ups = {"de-DE=Warum?"};
  EXPECT_FALSE(ApplyCampaignSpec(orphan_follow_up, campaign).ok());
  CampaignSpec bad_channel;
  bad_channel.channels = {"pigeon"};
  EXPECT_FALSE(ApplyCampaignSpec(bad_channel, campaign).ok());
  CampaignSpec bad_time;
  bad_time.start_time = "tomorrow";
  EXPECT_FALSE(ApplyCampaignSpec(bad_time, campaign).ok());
}

TEST(CampaignSpecTest, AnEmptySpecChangesNothing) {
  nps::v1::Campaign campaign;
  campaign.set_name("kept");
  absl::StatusOr<std::vector<std::string>> paths = ApplyCampaignSpec(CampaignSpec{}, campaign);
  ASSERT_TRUE(paths.ok());
  EXPECT_TRUE(paths->empty());
  EXPECT_EQ(campaign.name(), "kept");
}

std::string WriteTemp(const std::string& suffix, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/campaign_spec_test" + suffix;
  std::ofstream(path) << text;
  return path;
}

TEST(CampaignSpecTest, LoadsJsonAndTextFiles) {
  const std::string json = WriteTemp(".json", R"({"name": "Web", "channels": ["WEB"], "defaultLocale": "en-GB",
      "questions": [{"locale": "en-GB", "npsQuestion": "Would you recommend us?"}], "fatigueDays": 30})");
  absl::StatusOr<nps::v1::Campaign> from_json = LoadCampaignFile(json);
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  EXPECT_EQ(from_json->name(), "Web");
  EXPECT_EQ(from_json->fatigue_days(), 30);
  const std::string text =
      WriteTemp(".txtpb", "name: \"Mail\" channels: EMAIL questions { locale: \"fr-FR\" nps_question: \"Q\" }");
  absl::StatusOr<nps::v1::Campaign> from_text = LoadCampaignFile(text);
  ASSERT_TRUE(from_text.ok()) << from_text.status();
  EXPECT_THAT(from_text->channels(), ElementsAre(nps::v1::EMAIL));
  EXPECT_FALSE(LoadCampaignFile(WriteTemp(".json", "{\"nom\": 1}")).ok());
  EXPECT_FALSE(LoadCampaignFile("/nonexistent/campaign.json").ok());
  std::remove(json.c_str());
  std::remove(text.c_str());
}

}  // namespace
}  // namespace npsd::cli
