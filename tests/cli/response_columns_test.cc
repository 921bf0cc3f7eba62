// response_columns_test.cc — CSV columns to ResponseInput, and errors that quote nothing.
#include "cli/import/response_columns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace npsd::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCampaign[] = "0b5a3c1e-4f7d-4c2a-9e8b-1a2b3c4d5e6f";

CsvRecord Row(int64_t row, std::vector<std::string> fields) { return CsvRecord{std::move(fields), row}; }

TEST(ResponseColumnsTest, MapsEveryKnownColumn) {
  absl::StatusOr<ResponseColumns> columns = ResponseColumns::FromHeader(
      {"Score", "channel", "answered_at", "region_code", "brand_code", "business_unit_code", "comment", "locale",
       "subject_email", "agent_id", "queue", "wait_seconds", "attr.Store", "idempotency_key"},
      kCampaign);
  ASSERT_TRUE(columns.ok()) << columns.status();
  const ConvertedRow row = columns->Convert(Row(2, {"9", "voice_post_call", "2025-03-01T10:15:00+01:00", "FR-IDF",
                                                    "ACME", "RETAIL", "Très bien", "fr-FR", "a@example.com", "A-7",
                                                    "billing", "42", "Paris 9", "call-1"}),
                                            "file.csv");
  ASSERT_TRUE(row.ok()) << row.error_message;
  const nps::v1::ResponseInput& input = row.input;
  EXPECT_EQ(input.campaign_id(), kCampaign);
  EXPECT_EQ(input.score(), 9);
  EXPECT_EQ(input.channel(), nps::v1::VOICE_POST_CALL);
  EXPECT_EQ(input.answered_at().seconds(), 1740820500);
  EXPECT_EQ(input.scope().region_code(), "FR-IDF");
  EXPECT_EQ(input.scope().brand_code(), "ACME");
  EXPECT_EQ(input.scope().business_unit_code(), "RETAIL");
  EXPECT_EQ(input.comment(), "Très bien");
  EXPECT_EQ(input.locale(), "fr-FR");
  EXPECT_EQ(input.subject().email(), "a@example.com");
  EXPECT_EQ(input.contact_center().agent_id(), "A-7");
  EXPECT_EQ(input.contact_center().queue(), "billing");
  EXPECT_EQ(input.contact_center().wait_seconds(), 42);
  EXPECT_EQ(input.attributes().at("Store"), "Paris 9");
  EXPECT_EQ(input.idempotency_key(), "call-1");
}

TEST(ResponseColumnsTest, DerivesTheIdempotencyKeyFromFileAndRow) {
  absl::StatusOr<ResponseColumns> columns = ResponseColumns::FromHeader({"campaign_id", "score"}, "");
  ASSERT_TRUE(columns.ok());
  EXPECT_EQ(columns->Convert(Row(17, {kCampaign, "3"}), "export.csv").input.idempotency_key(), "export.csv:17");
  EXPECT_EQ(DefaultKeyPrefix("/data/2025 März/export.csv"), "export.csv");
  EXPECT_EQ(DefaultKeyPrefix("März export.csv"), "M__rz_export.csv");
}

TEST(ResponseColumnsTest, RefusesBadHeadersWithoutQuotingThem) {
  EXPECT_FALSE(ResponseColumns::FromHeader({"campaign_id", "comment"}, "").ok());  // no score
  EXPECT_FALSE(ResponseColumns::FromHeader({"score"}, "").ok());                    // no campaign
  EXPECT_TRUE(ResponseColumns::FromHeader({"score"}, kCampaign).ok());
  EXPECT_FALSE(ResponseColumns::FromHeader({"score", "score"}, kCampaign).ok());
  absl::StatusOr<ResponseColumns> data_as_header =
      ResponseColumns::FromHeader({"9", "jane@example.com"}, kCampaign);
  ASSERT_FALSE(data_as_header.ok());
  EXPECT_THAT(std::string(data_as_header.status().message()), Not(HasSubstr("jane")));
}

TEST(ResponseColumnsTest, BadCellsNameTheirColumnAndNotTheirValue) {
  absl::StatusOr<ResponseColumns> columns =
      ResponseColumns::FromHeader({"score", "channel", "answered_at", "wait_seconds"}, kCampaign);
  ASSERT_TRUE(columns.ok());
  const ConvertedRow bad_score = columns->Convert(Row(2, {"neuf", "web", "", ""}), "f");
  EXPECT_EQ(bad_score.error_column, "score");
  EXPECT_THAT(bad_score.error_message, Not(HasSubstr("neuf")));
  EXPECT_EQ(columns->Convert(Row(3, {"", "web", "", ""}), "f").error_column, "score");
  EXPECT_EQ(columns->Convert(Row(4, {"5", "fax", "", ""}), "f").error_column, "channel");
  EXPECT_EQ(columns->Convert(Row(5, {"5", "web", "yesterday", ""}), "f").error_column, "answered_at");
  EXPECT_EQ(columns->Convert(Row(6, {"5", "web", "", "1.5"}), "f").error_column, "wait_seconds");
  const ConvertedRow short_row = columns->Convert(Row(7, {"5"}), "f");
  EXPECT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.error_column, "");
}

TEST(ResponseColumnsTest, MapsServerFieldPathsBackToColumns) {
  EXPECT_EQ(ResponseColumns::ColumnForField("response.scope.region_code"), "region_code");
  EXPECT_EQ(ResponseColumns::ColumnForField("response.contact_center.agent_id"), "agent_id");
  EXPECT_EQ(ResponseColumns::ColumnForField("response.subject.email"), "subject_email");
  EXPECT_EQ(ResponseColumns::ColumnForField("response.attributes[Store]"), "attr.Store");
  EXPECT_EQ(ResponseColumns::ColumnForField("response.something_new"), "something_new");
}

}  // namespace
}  // namespace npsd::cli
