// batch_transaction_test.cc — writer statements inlined into a simple query.
#include "storage/pg/batch_transaction.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

// Sum adds the first and the last of ten parameters (so "$1" is not confused with
// "$10"), then the second as text, then the sum of the others.
const BatchStatement& Sum() {
  static const BatchStatement* const sum =
      new BatchStatement{"npsd_test_sum", "SELECT concat($1::int + $10::int, $2::text,"
                         " $3::int + $4::int + $5::int + $6::int + $7::int + $8::int + $9::int)"};
  return *sum;
}

std::string RunTwiceInOneRoundTrip(bool prepared) {
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::nontransaction txn(connection);
  BatchTransaction batch(txn, prepared);
  std::vector<std::string> literals;
  for (int i = 1; i <= 10; ++i) literals.push_back(batch.Quote(absl::StrCat(i)));
  literals[1] = batch.Quote(" it's");
  const std::string sql = batch.Inline(Sum(), literals);
  EXPECT_EQ(sql.rfind("EXECUTE ", 0) == 0, prepared) << sql;
  // The same twice in one round trip: preparing happened once, before.
  return txn.exec(absl::StrCat("SELECT 1; ", sql, "; ", batch.Inline(Sum(), literals)))[0][0].as<std::string>();
}

TEST(BatchTransactionTest, InlinedStatementRunsPreparedOrAsText) {
  EXPECT_EQ(RunTwiceInOneRoundTrip(true), "11 it's42");
  EXPECT_EQ(RunTwiceInOneRoundTrip(false), "11 it's42");
}

}  // namespace
}  // namespace npsd::storage::pg
