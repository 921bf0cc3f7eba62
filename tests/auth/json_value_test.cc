// json_value_test.cc — the strict JSON parser: accepted values, refused near-JSON,
// duplicate names, UTF-8 and limits.
#include "auth/json_value.h"

#include <gtest/gtest.h>

namespace npsd::auth {
namespace {

TEST(ParseJsonTest, ParsesEveryType) {
  absl::StatusOr<JsonValue> value =
      ParseJson(R"( {"s":"a\u00e9\ud83d\ude00\n","n":-12.5e1,"t":true,"f":false,"z":null,"a":[1,[]],"o":{}} )");
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(value->Find("s")->string_value(), "a\xc3\xa9\xf0\x9f\x98\x80\n");
  EXPECT_EQ(value->Find("n")->number_value(), -125);
  EXPECT_TRUE(value->Find("t")->bool_value());
  EXPECT_TRUE(value->Find("f")->is_bool());
  EXPECT_TRUE(value->Find("z")->is_null());
  ASSERT_EQ(value->Find("a")->elements().size(), 2u);
  EXPECT_TRUE(value->Find("o")->is_object());
  EXPECT_EQ(value->Find("missing"), nullptr);
  EXPECT_EQ(value->members().front().first, "s");
}

TEST(ParseJsonTest, RefusesNearJson) {
  for (const char* text : {"", "{", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "1e", "NaN", "Infinity", "1e999",
                           "'a'", "{a:1}", "\"\t\"", "\"\\x\"", "\"\\u12\"", "/*c*/1", "1 2", "tru", "nul",
                           "\"unterminated", "\"\\"}) {
    EXPECT_FALSE(ParseJson(text).ok()) << text;
  }
}

TEST(ParseJsonTest, RefusesDuplicateNames) {
  EXPECT_FALSE(ParseJson(R"({"a":1,"a":2})").ok());
  EXPECT_FALSE(ParseJson(R"({"a":1,"\u0061":2})").ok());
  EXPECT_TRUE(ParseJson(R"({"a":{"a":1}})").ok());
}

TEST(ParseJsonTest, RefusesInvalidUtf8AndLoneSurrogates) {
  for (const char* text : {"\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "\"\x80\"",
                           "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\""}) {
    EXPECT_FALSE(ParseJson(text).ok()) << text;
  }
  EXPECT_TRUE(ParseJson("\"\xe2\x82\xac\"").ok());
}

TEST(ParseJsonTest, EnforcesLimits) {
  EXPECT_TRUE(ParseJson("[[1]]", JsonLimits{100, 2}).ok());
  EXPECT_FALSE(ParseJson("[[[1]]]", JsonLimits{100, 2}).ok());
  EXPECT_FALSE(ParseJson("[1,2,3]", JsonLimits{6, 8}).ok());
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseJson(deep, JsonLimits{200000, 16}).ok());  // no stack overflow
}

TEST(ParseJsonTest, MessagesDoNotQuoteTheInput) {
  absl::StatusOr<JsonValue> value = ParseJson(R"({"secret-token-value": })");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(std::string(value.status().message()).find("secret"), std::string::npos);
}

}  // namespace
}  // namespace npsd::auth
