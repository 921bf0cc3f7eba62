// csv_reader_test.cc — RFC 4180 parsing: quotes, embedded separators, BOM, bad rows.
#include "cli/csv/csv_reader.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace npsd::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// ReadAll returns each record's fields, or "ERROR@row" for a malformed record.
std::vector<std::vector<std::string>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> records;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    if (!record.ok()) {
      records.push_back({"ERROR@" + std::to_string(reader.row())});
      continue;
    }
    if (!record->has_value()) return records;
    records.push_back((*record)->fields);
  }
}

TEST(CsvReaderTest, ReadsPlainFieldsWithLfAndCrlfLineEnds) {
  EXPECT_THAT(ReadAll("a,b,c\r\n1,2,3\n4,,6"),
              ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3"), ElementsAre("4", "", "6")));
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  EXPECT_THAT(ReadAll("id,comment\n1,\"Bien, mais \"\"lent\"\"\"\n2,\"ligne 1\r\nligne 2\"\n"),
              ElementsAre(ElementsAre("id", "comment"), ElementsAre("1", "Bien, mais \"lent\""),
                          ElementsAre("2", "ligne 1\r\nligne 2")));
}

TEST(CsvReaderTest, RowNumbersCountRecordsNotLines) {
  std::istringstream in("h\n\"a\nb\"\nc\n");
  CsvReader reader(in);
  ASSERT_TRUE(reader.Next().ok());
  absl::StatusOr<std::optional<CsvRecord>> multi_line = reader.Next();
  ASSERT_TRUE(multi_line.ok() && multi_line->has_value());
  EXPECT_EQ((*multi_line)->row, 2);
  absl::StatusOr<std::optional<CsvRecord>> next = reader.Next();
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->row, 3);
}

TEST(CsvReaderTest, IgnoresAUtf8ByteOrderMark) {
  EXPECT_THAT(ReadAll("\xEF\xBB\xBFscore\n9\n"), ElementsAre(ElementsAre("score"), ElementsAre("9")));
}

TEST(CsvReaderTest, KeepsNonAsciiText) {
  EXPECT_THAT(ReadAll("Très bien, équipe au top\n"), ElementsAre(ElementsAre("Très bien", " équipe au top")));
}

TEST(CsvReaderTest, SkipsEmptyLinesButCountsThem) {
  std::istringstream in("a\n\n\nb\n");
  CsvReader reader(in);
  ASSERT_TRUE(reader.Next().ok());
  absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->row, 4);
  EXPECT_THAT((*record)->fields, ElementsAre("b"));
}

TEST(CsvReaderTest, ABadRowIsReportedAndReadingGoesOn) {
  EXPECT_THAT(ReadAll("a,b\n1,x\"y\n\"2\"z,3\n4,5\n"),
              ElementsAre(ElementsAre("a", "b"), ElementsAre("ERROR@2"), ElementsAre("ERROR@3"), ElementsAre("4", "5")));
}

TEST(CsvReaderTest, AnUnclosedQuoteEndsTheInputWithAnErrorThatQuotesNothing) {
  std::istringstream in("a\n\"secret@example.com,\n");
  CsvReader reader(in);
  ASSERT_TRUE(reader.Next().ok());
  absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
  ASSERT_FALSE(record.ok());
  EXPECT_THAT(std::string(record.status().message()), HasSubstr("never closed"));
  EXPECT_THAT(std::string(record.status().message()), ::testing::Not(HasSubstr("secret")));
  absl::StatusOr<std::optional<CsvRecord>> end = reader.Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(CsvReaderTest, CountsBytesConsumed) {
  const std::string text = "a,b\n1,2\n";
  std::istringstream in(text);
  CsvReader reader(in);
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    if (!record.ok() || !record->has_value()) break;
  }
  EXPECT_EQ(reader.bytes_read(), static_cast<int64_t>(text.size()));
}

}  // namespace
}  // namespace npsd::cli
