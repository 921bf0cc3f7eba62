// foundation_validation_test.cc — field violations, text rules, UUIDs and page tokens.
#include <gtest/gtest.h>

#include "domain/field_violation.h"
#include "domain/page_token.h"
#include "domain/text.h"
#include "domain/uuid.h"

namespace npsd::domain {
namespace {

TEST(FieldViolationsTest, StatusCarriesEveryViolationInOrder) {
  FieldViolations violations;
  violations.Add("tenant.display_name", "is required");
  violations.Add("tenant.industry", "may only contain a-z");
  const absl::Status status = violations.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("tenant.display_name"), absl::string_view::npos);
  const std::vector<FieldViolation> expected = {{"tenant.display_name", "is required"},
                                                {"tenant.industry", "may only contain a-z"}};
  EXPECT_EQ(FieldViolationsOf(status), expected);
}

TEST(FieldViolationsTest, EmptyIsOkAndMergePrefixesPaths) {
  FieldViolations outer;
  EXPECT_TRUE(outer.ToStatus().ok());
  FieldViolations inner;
  inner.Add("score", "must be 0 to 10");
  outer.Merge("items[3].", inner);
  EXPECT_EQ(FieldViolationsOf(outer.ToStatus()),
            (std::vector<FieldViolation>{{"items[3].score", "must be 0 to 10"}}));
  EXPECT_TRUE(FieldViolationsOf(absl::NotFoundError("x")).empty());
}

TEST(TextTest, Utf8ValidationRejectsMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("Très bien, merci 👍"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated
  EXPECT_EQ(CodePointCount("é👍a"), 3u);
}

TEST(TextTest, CheckTextAppliesEachRule) {
  struct Case {
    std::string text;
    TextRule rule;
    bool valid;
  };
  const Case cases[] = {
      {"", TextRule{true, 10, false}, false},
      {"", TextRule{false, 10, false}, true},
      {"éééééééééé", TextRule{true, 10, false}, true},  // 10 code points, 20 bytes
      {"ééééééééééé", TextRule{true, 10, false}, false},
      {"two\nlines", TextRule{true, 100, false}, false},
      {"two\nlines", TextRule{true, 100, true}, true},
      {"bell\a", TextRule{true, 100, true}, false},
      {"\xFF", TextRule{true, 100, true}, false},
  };
  for (const Case& c : cases) {
    FieldViolations violations;
    CheckText("f", c.text, c.rule, violations);
    EXPECT_EQ(violations.empty(), c.valid) << "text: " << c.text;
  }
}

TEST(TextTest, CheckCodeAllowsOnlyCodeCharacters) {
  FieldViolations violations;
  CheckCode("a", "EMEA-FR_1.x", 64, violations);
  EXPECT_TRUE(violations.empty());
  CheckCode("b", "has space", 64, violations);
  CheckCode("c", std::string(65, 'x'), 64, violations);
  CheckCode("d", "", 64, violations);
  ASSERT_EQ(violations.violations().size(), 3u);
  EXPECT_EQ(violations.violations()[0].field, "b");
}

TEST(UuidTest, CanonicalizesCaseAndRejectsOtherShapes) {
  EXPECT_EQ(CanonicalUuid("3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  EXPECT_FALSE(CanonicalUuid("3f2504e04f8911d39a0c0305e82c3301").has_value());
  EXPECT_FALSE(CanonicalUuid("3f2504e0-4f89-11d3-9a0c-0305e82c330g").has_value());
  EXPECT_FALSE(CanonicalUuid("'; DROP TABLE x; --").has_value());
  EXPECT_EQ(ParseIdField("tenant_id", "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(ParseIdField("tenant_id", "nope").status())[0].field, "tenant_id");
}

TEST(UuidTest, BytesAreTheHexDigitsInOrderWhateverTheirCase) {
  const std::optional<std::array<char, 16>> bytes = UuidBytes("3F2504E0-4f89-11D3-9a0c-0305E82C33fF");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(std::string(bytes->data(), bytes->size()),
            std::string("\x3f\x25\x04\xe0\x4f\x89\x11\xd3\x9a\x0c\x03\x05\xe8\x2c\x33\xff", 16));
  EXPECT_FALSE(UuidBytes("3f2504e04f8911d39a0c0305e82c3301").has_value());
  EXPECT_FALSE(UuidBytes("3f2504e0-4f89-11d3-9a0c-0305e82c330g").has_value());
  EXPECT_FALSE(UuidBytes("3f2504e0+4f89-11d3-9a0c-0305e82c3301").has_value());
  EXPECT_FALSE(UuidBytes("").has_value());
}

TEST(PageTokenTest, RoundTripsAndIsBoundToItsFilter) {
  const PageCursor cursor{absl::FromUnixMicros(1700000000123456), "3f2504e0-4f89-11d3-9a0c-0305e82c3301"};
  const std::string token = EncodePageToken(cursor, "filter-a");
  auto decoded = DecodePageToken(token, "filter-a");
  ASSERT_TRUE(decoded.ok());
  ASSERT_TRUE(decoded->has_value());
  EXPECT_EQ((*decoded)->time, cursor.time);
  EXPECT_EQ((*decoded)->id, cursor.id);
  EXPECT_EQ(DecodePageToken(token, "filter-b").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodePageToken("garbage!", "filter-a").status().code(), absl::StatusCode::kInvalidArgument);
  auto first = DecodePageToken("", "filter-a");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
}

TEST(PageTokenTest, PageSizeBounds) {
  EXPECT_EQ(*EffectivePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*EffectivePageSize(1000), 1000);
  EXPECT_FALSE(EffectivePageSize(1001).ok());
  EXPECT_FALSE(EffectivePageSize(-1).ok());
}

}  // namespace
}  // namespace npsd::domain
