// test_database.cc — test cluster URLs and one-time migration.
#include "tests/support/test_database.h"

#include <cstdlib>
#include <iostream>
#include <mutex>

#include "storage/pg/migrator.h"

namespace npsd::testing {
namespace {

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::cerr << name << " is not set: run integration tests through `make test`, which starts "
              << "a throwaway PostgreSQL cluster\n";
    std::abort();
  }
  return value;
}

}  // namespace

std::string OwnerUrl() { return RequiredEnv("NPSD_TEST_OWNER_URL"); }
std::string AppUrl() { return RequiredEnv("NPSD_TEST_APP_URL"); }
std::string SuperuserUrl() { return RequiredEnv("NPSD_TEST_SUPERUSER_URL"); }

std::string MigratedAppUrl() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto report = storage::pg::Migrate(OwnerUrl(), storage::pg::EmbeddedMigrations());
    if (!report.ok()) {
      std::cerr << "migrating the test database failed: " << report.status() << "\n";
      std::abort();
    }
  });
  return AppUrl();
}

pqxx::result SuperuserQuery(const std::string& sql) {
  pqxx::connection connection(SuperuserUrl());
  pqxx::nontransaction txn(connection);
  return txn.exec(sql);
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

}  // namespace npsd::testing
