// binary_array_test.cc — binary array parameters as PostgreSQL reads them.
#include "storage/pg/binary_array.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

using Element = BinaryArray::Element;

// AsText sends `array` as the parameter of `SELECT $1::<type>::text` and returns what
// PostgreSQL made of it.
std::string AsText(const BinaryArray& array, const std::string& type) {
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::nontransaction txn(connection);
  txn.exec("SET TimeZone = 'UTC'");
  return txn.exec_params1("SELECT $1::" + type + "::text", array.Parameter())[0].as<std::string>();
}

TEST(BinaryArrayTest, UuidsOfEitherCaseAndNulls) {
  BinaryArray ids(Element::kUuid);
  ASSERT_TRUE(ids.AddUuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").ok());
  ids.AddNull();
  ASSERT_TRUE(ids.AddUuid("FFFFFFFF-0000-4000-8000-ABCDEFABCDEF").ok());
  EXPECT_EQ(ids.size(), 3);
  EXPECT_EQ(AsText(ids, "uuid[]"),
            "{0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b,NULL,ffffffff-0000-4000-8000-abcdefabcdef}");
}

TEST(BinaryArrayTest, MalformedUuidsAreRefusedAndNotAdded) {
  BinaryArray ids(Element::kUuid);
  for (const char* malformed : {"", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5bb",
                                "0190a1b2c-3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g",
                                "0190a1b2-c3d4-7e5f-8a9b+0c1d2e3f4a5b"}) {
    EXPECT_EQ(ids.AddUuid(malformed).code(), absl::StatusCode::kInvalidArgument) << malformed;
  }
  EXPECT_EQ(ids.size(), 0);
  EXPECT_EQ(AsText(ids, "uuid[]"), "{}");
}

TEST(BinaryArrayTest, IntegersAtTheirLimits) {
  BinaryArray smallints(Element::kSmallint);
  for (int16_t value : {int16_t{-32768}, int16_t{-1}, int16_t{0}, int16_t{10}, int16_t{32767}}) {
    smallints.AddSmallint(value);
  }
  EXPECT_EQ(AsText(smallints, "smallint[]"), "{-32768,-1,0,10,32767}");
  BinaryArray integers(Element::kInteger);
  integers.AddInteger(-2147483647 - 1);
  integers.AddInteger(2147483647);
  EXPECT_EQ(AsText(integers, "integer[]"), "{-2147483648,2147483647}");
  BinaryArray bigints(Element::kBigint);
  bigints.AddBigint(-9223372036854775807LL - 1);
  bigints.AddBigint(9223372036854775807LL);
  EXPECT_EQ(AsText(bigints, "bigint[]"), "{-9223372036854775808,9223372036854775807}");
}

TEST(BinaryArrayTest, TimestampsBeforeAndAfterPostgresEpochAtMicrosecondPrecision) {
  BinaryArray times(Element::kTimestamptz);
  times.AddTimestamp(absl::FromUnixMicros(1795446206123456));  // 2026-11-23 15:03:26.123456 UTC
  times.AddTimestamp(absl::FromUnixSeconds(0));
  times.AddTimestamp(absl::FromUnixNanos(946684800000001999));  // 1 us and 999 ns after 2000-01-01
  EXPECT_EQ(AsText(times, "timestamptz[]"),
            "{\"2026-11-23 15:03:26.123456+00\",\"1970-01-01 00:00:00+00\",\"2000-01-01 00:00:00.000001+00\"}");
}

TEST(BinaryArrayTest, TextAndBytesArrivedUnchanged) {
  BinaryArray texts(Element::kText);
  texts.AddBytes("très \"bien\", {merci}");
  texts.AddBytes("");
  texts.AddNull();
  EXPECT_EQ(AsText(texts, "text[]"), "{\"très \\\"bien\\\", {merci}\",\"\",NULL}");
  BinaryArray bytes(Element::kBytea);
  bytes.AddBytes(std::string("\x00\xff\x1f", 3));
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::nontransaction txn(connection);
  EXPECT_EQ(txn.exec_params1("SELECT encode(($1::bytea[])[1], 'hex')", bytes.Parameter())[0].as<std::string>(),
            "00ff1f");
}

TEST(BinaryArrayTest, AnArrayOfAnotherElementTypeIsRefused) {
  BinaryArray integers(Element::kInteger);
  integers.AddInteger(7);
  EXPECT_THROW(AsText(integers, "bigint[]"), pqxx::sql_error);
}

}  // namespace
}  // namespace npsd::storage::pg
