// migrator_test.cc — migrations on scratch databases: once, concurrently, drift.
#include "storage/pg/migrator.h"

#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

// ScratchDatabase creates an empty database owned by the owner role and drops it after.
class ScratchDatabase {
 public:
  ScratchDatabase() : name_(absl::StrCat("npsd_scratch_", absl::ToUnixNanos(absl::Now()))) {
    Admin("CREATE DATABASE " + name_);
  }
  ~ScratchDatabase() { Admin("DROP DATABASE " + name_ + " WITH (FORCE)"); }
  std::string url() const { return npsd::testing::WithDatabase(npsd::testing::OwnerUrl(), name_); }

 private:
  static void Admin(const std::string& sql) {
    pqxx::connection connection(npsd::testing::OwnerUrl());
    pqxx::nontransaction txn(connection);
    txn.exec(sql);
  }
  std::string name_;
};

int64_t Count(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction txn(connection);
  return txn.exec(sql)[0][0].as<int64_t>();
}

TEST(MigratorTest, AppliesEveryMigrationOnceAndRecordsIt) {
  ScratchDatabase database;
  const auto& migrations = EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  auto first = Migrate(database.url(), migrations);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->applied, static_cast<int>(migrations.size()));
  EXPECT_EQ(first->schema_version, migrations.back().version);
  auto second = Migrate(database.url(), migrations);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->applied, 0);
  EXPECT_EQ(Count(database.url(), "SELECT count(*) FROM npsd.schema_migrations"),
            static_cast<int64_t>(migrations.size()));
}

TEST(MigratorTest, ConcurrentServersApplyEachMigrationExactlyOnce) {
  ScratchDatabase database;
  absl::StatusOr<MigrationReport> reports[2] = {absl::UnknownError(""), absl::UnknownError("")};
  std::thread a([&] { reports[0] = Migrate(database.url(), EmbeddedMigrations()); });
  std::thread b([&] { reports[1] = Migrate(database.url(), EmbeddedMigrations()); });
  a.join();
  b.join();
  ASSERT_TRUE(reports[0].ok()) << reports[0].status();
  ASSERT_TRUE(reports[1].ok()) << reports[1].status();
  EXPECT_EQ(reports[0]->applied + reports[1]->applied, static_cast<int>(EmbeddedMigrations().size()));
}

TEST(MigratorTest, ChangedAppliedMigrationStopsWithFailedPrecondition) {
  ScratchDatabase database;
  ASSERT_TRUE(Migrate(database.url(), EmbeddedMigrations()).ok());
  std::vector<Migration> edited = EmbeddedMigrations();
  edited.front().sql += "\n-- edited after release\n";
  EXPECT_EQ(Migrate(database.url(), edited).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MigratorTest, BrokenMigrationIsReportedAndNotRecorded) {
  ScratchDatabase database;
  std::vector<Migration> migrations = EmbeddedMigrations();
  migrations.push_back({9999, "9999_broken", "CREATE TABLE npsd.broken (;"});
  const absl::Status status = Migrate(database.url(), migrations).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Count(database.url(), "SELECT count(*) FROM npsd.schema_migrations WHERE version = 9999"), 0);
}

}  // namespace
}  // namespace npsd::storage::pg
