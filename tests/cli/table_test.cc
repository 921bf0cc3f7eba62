// table_test.cc — aligned text, CSV and JSON rendering.
#include "cli/output/table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace npsd::cli {
namespace {

Table Sample() {
  Table table({"id", "name", "nps"});
  table.AddRow({"1", "Île-de-France", "42.0"});
  table.AddRow({"22", "a \"quoted\", name", "-3.5"});
  return table;
}

TEST(TableTest, TextAlignsColumnsByCodePoints) {
  EXPECT_EQ(RenderText(Sample()),
            "id  name              nps\n"
            "1   Île-de-France     42.0\n"
            "22  a \"quoted\", name  -3.5\n");
}

TEST(TableTest, TextPutsCellsOnOneLineAndCutsLongOnes) {
  Table table({"comment"});
  table.AddRow({"ligne 1\nligne 2"});
  table.AddRow({std::string(100, 'x')});
  const std::string text = RenderText(table);
  EXPECT_THAT(text, ::testing::HasSubstr("ligne 1 ligne 2\n"));
  EXPECT_THAT(text, ::testing::HasSubstr(std::string(kMaxTextCellWidth - 1, 'x') + "…\n"));
}

TEST(TableTest, CsvQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(RenderCsv(Sample()),
            "id,name,nps\n"
            "1,Île-de-France,42.0\n"
            "22,\"a \"\"quoted\"\", name\",-3.5\n");
}

TEST(TableTest, CsvKeepsLineBreaksInsideQuotes) { EXPECT_EQ(CsvEscape("a\nb"), "\"a\nb\""); }

TEST(TableTest, JsonIsAnArrayOfObjects) {
  EXPECT_EQ(RenderJson(Sample()),
            "[\n"
            "  {\"id\": \"1\", \"name\": \"Île-de-France\", \"nps\": \"42.0\"},\n"
            "  {\"id\": \"22\", \"name\": \"a \\\"quoted\\\", name\", \"nps\": \"-3.5\"}\n"
            "]\n");
}

TEST(TableTest, JsonEscapesControlCharacters) {
  EXPECT_EQ(JsonEscape("a\nb\t\\\x01"), "\"a\\nb\\t\\\\\\u0001\"");
}

TEST(TableTest, EmptyTables) {
  Table table({"id"});
  EXPECT_EQ(RenderJson(table), "[]\n");
  EXPECT_EQ(RenderCsv(table), "id\n");
  EXPECT_EQ(RenderText(table), "id\n");
}

TEST(TableTest, ColumnSelectsOneColumn) {
  EXPECT_THAT(*Sample().Column("id"), ::testing::ElementsAre("1", "22"));
  EXPECT_FALSE(Sample().Column("missing").ok());
}

TEST(TableTest, ParsesOutputFormats) {
  EXPECT_EQ(*ParseOutputFormat("JSON"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kText);
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_FALSE(ParseOutputFormat("xml").ok());
}

}  // namespace
}  // namespace npsd::cli
