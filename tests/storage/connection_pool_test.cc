// connection_pool_test.cc — pool limits, deadlines and outages.
#include "storage/pg/connection_pool.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "storage/pg/pg_tenant_repository.h"
#include "storage/pg/transaction.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

using ::npsd::testing::IsOk;
using ::npsd::testing::StatusIs;

TEST(ConnectionPoolTest, ExhaustedPoolAnswersDeadlineExceeded) {
  ConnectionPool pool(npsd::testing::MigratedAppUrl(), 1);
  auto held = pool.Acquire(absl::Now() + absl::Seconds(5));
  ASSERT_THAT(held, IsOk());
  EXPECT_THAT(pool.Acquire(absl::Now() + absl::Milliseconds(100)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(pool.GetStats().open, 1);
}

TEST(ConnectionPoolTest, UnreachableDatabaseIsUnavailableAndLeavesNoSlotTaken) {
  ConnectionPool pool("postgresql://npsd_app@127.0.0.1:1/npsd?connect_timeout=2", 1);
  EXPECT_THAT(pool.Acquire(absl::Now() + absl::Seconds(5)), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(pool.GetStats().open, 0);
}

TEST(ConnectionPoolTest, DeadlineCancelsSlowQueryAndConnectionStaysUsable) {
  ConnectionPool pool(npsd::testing::MigratedAppUrl(), 1);
  const absl::Time start = absl::Now();
  const absl::Status slow = RunTransaction(
      pool, TransactionScope{"", false, absl::Now() + absl::Milliseconds(200)}, [](pqxx::work& txn) {
        txn.exec("SELECT pg_sleep(5)");
        return absl::OkStatus();
      });
  EXPECT_THAT(slow, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_LT(absl::Now() - start, absl::Seconds(4)) << "the query was not cancelled";
  {
    // The pool's only connection went back clean: not idle inside a transaction.
    auto lease = pool.Acquire(absl::Now() + absl::Seconds(5));
    ASSERT_THAT(lease, IsOk());
    pqxx::nontransaction session(lease->connection());
    const std::string pid = session.exec("SELECT pg_backend_pid()")[0][0].c_str();
    const auto state = npsd::testing::SuperuserQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid);
    ASSERT_EQ(state.size(), 1u);
    EXPECT_EQ(std::string(state[0][0].c_str()), "idle");
  }
  const absl::Status next = RunTransaction(pool, TransactionScope{"", false, absl::Now() + absl::Seconds(5)},
                                           [](pqxx::work& txn) {
                                             txn.exec("SELECT 1");
                                             return absl::OkStatus();
                                           });
  EXPECT_THAT(next, IsOk());
}

TEST(ConnectionPoolTest, TenantContextEndsWithItsTransaction) {
  ConnectionPool pool(npsd::testing::MigratedAppUrl(), 1);
  const std::string tenant = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  std::string inside;
  std::string after;
  ASSERT_THAT(RunTransaction(pool, TenantScope(tenant, absl::Now() + absl::Seconds(5)),
                             [&](pqxx::work& txn) {
                               inside = txn.exec("SELECT current_setting('app.tenant_id')")[0][0].c_str();
                               return absl::OkStatus();
                             }),
              IsOk());
  // The same (only) connection, outside any transaction: the setting must be gone.
  auto lease = pool.Acquire(absl::Now() + absl::Seconds(5));
  ASSERT_THAT(lease, IsOk());
  pqxx::nontransaction session(lease->connection());
  after = session.exec("SELECT coalesce(current_setting('app.tenant_id', true), '')")[0][0].c_str();
  EXPECT_EQ(inside, tenant);
  EXPECT_EQ(after, "");
}

TEST(ConnectionPoolTest, AlternatingTenantsWithInjectedErrorsNeverSeeForeignRows) {
  const std::string url = npsd::testing::MigratedAppUrl();
  ConnectionPool pool(url, 1);  // one connection: every transaction reuses it
  PgTenantRepository tenants(pool);
  domain::Tenant tenant;
  tenant.display_name = "Contamination A";
  const std::string a = tenants.CreateTenant(tenant, absl::Now() + absl::Seconds(5))->id;
  tenant.display_name = "Contamination B";
  const std::string b = tenants.CreateTenant(tenant, absl::Now() + absl::Seconds(5))->id;
  int foreign_rows = 0;
  for (int i = 0; i < 100; ++i) {
    const std::string& failing = i % 2 == 0 ? a : b;
    const std::string& reading = i % 2 == 0 ? b : a;
    // The tenant is set, then the work fails in one of three ways before it commits.
    const absl::Status failed = RunTransaction(pool, TenantScope(failing, absl::Now() + absl::Seconds(5)),
                                               [&](pqxx::work& txn) -> absl::Status {
      if (i % 3 == 0) txn.exec("SELECT 1 / 0");
      if (i % 3 == 1) throw std::runtime_error("injected");
      return absl::InternalError("injected");
    });
    EXPECT_FALSE(failed.ok());
    ASSERT_THAT(RunTransaction(pool, TenantScope(reading, absl::Now() + absl::Seconds(5)),
                               [&](pqxx::work& txn) {
                                 foreign_rows += txn.exec_params("SELECT count(*) FROM npsd.tenants WHERE tenant_id <> $1::uuid",
                                                                 reading)[0][0].as<int>();
                                 return absl::OkStatus();
                               }),
                IsOk());
  }
  EXPECT_EQ(foreign_rows, 0);
  EXPECT_EQ(pool.GetStats().open, 1) << "errors must not leak connections";
}

}  // namespace
}  // namespace npsd::storage::pg
