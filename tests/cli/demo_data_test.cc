// demo_data_test.cc — the `make demo` data: importable rows, deterministic, with the
// structure the demo report shows.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/csv/csv_reader.h"
#include "cli/demo/demo_catalogue.h"
#include "cli/demo/response_generator.h"
#include "cli/import/response_columns.h"

namespace npsd::cli::demo {
namespace {

constexpr char kCampaign[] = "0b5a3c1e-4f7d-4c2a-9e8b-1a2b3c4d5e6f";

GeneratorOptions Options(int64_t count) {
  GeneratorOptions options;
  options.count = count;
  options.campaign_ids = {{"purchase", kCampaign}, {"support", kCampaign}, {"app", kCampaign}};
  options.end = absl::FromUnixSeconds(1790000000);
  return options;
}

std::string Generate(int64_t count) {
  ResponseGenerator generator(Options(count));
  std::string text = generator.HeaderLine();
  for (int64_t i = 0; i < count; ++i) text += generator.RowLine(i);
  return text;
}

TEST(DemoDataTest, EveryRowConvertsWithTheImportLayout) {
  std::istringstream in(Generate(2000));
  CsvReader reader(in);
  absl::StatusOr<std::optional<CsvRecord>> header = reader.Next();
  ASSERT_TRUE(header.ok() && header->has_value());
  absl::StatusOr<ResponseColumns> columns = ResponseColumns::FromHeader((*header)->fields, "");
  ASSERT_TRUE(columns.ok()) << columns.status();
  int rows = 0, commented = 0, french = 0;
  while (true) {
    absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
    ASSERT_TRUE(record.ok()) << "row " << reader.row();
    if (!record->has_value()) break;
    const ConvertedRow row = columns->Convert(**record, "demo");
    ASSERT_TRUE(row.ok()) << "row " << reader.row() << ": " << row.error_column << " " << row.error_message;
    EXPECT_GE(row.input.score(), 0);
    EXPECT_LE(row.input.score(), 10);
    EXPECT_LT(row.input.answered_at().seconds(), 1790000000);
    EXPECT_GT(row.input.answered_at().seconds(), 1790000000 - 731 * 86400);
    ++rows;
    commented += row.input.comment().empty() ? 0 : 1;
    french += row.input.locale().rfind("fr", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(rows, 2000);
  EXPECT_GT(commented, 400);
  EXPECT_GT(french, 300);
}

TEST(DemoDataTest, TheSameSeedGivesTheSameFile) {
  EXPECT_EQ(Generate(300), Generate(300));
  GeneratorOptions other = Options(1);
  other.seed = 7;
  EXPECT_NE(ResponseGenerator(other).RowLine(0), ResponseGenerator(Options(1)).RowLine(0));
}

TEST(DemoDataTest, CatalogueListsParentsBeforeChildren) {
  std::set<std::string> seen;
  for (const DemoUnit& unit : DemoUnits()) {
    if (!unit.parent_code.empty()) EXPECT_TRUE(seen.count(unit.parent_code)) << unit.code;
    seen.insert(unit.code);
  }
  EXPECT_TRUE(seen.count("FR-IDF"));
}

}  // namespace
}  // namespace npsd::cli::demo
