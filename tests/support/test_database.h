// test_database.h — access to the PostgreSQL cluster of `make test`.
//
// deploy/local/with-test-database.sh starts a throwaway cluster and exports its URLs;
// integration tests fail with a clear message when run without it. Tests isolate
// their data by creating their own tenants, so they can share one database.
#ifndef NPSD_TESTS_SUPPORT_TEST_DATABASE_H_
#define NPSD_TESTS_SUPPORT_TEST_DATABASE_H_

#include <string>

#include <pqxx/pqxx>

namespace npsd::testing {

// OwnerUrl connects as the schema owner (migrations, scratch databases).
std::string OwnerUrl();

// AppUrl connects as npsd_app: the unprivileged role npsd serves with. Tests about
// isolation must use it: the owner and superusers bypass row-level security.
std::string AppUrl();

// SuperuserUrl connects as the cluster superuser (fault injection only).
std::string SuperuserUrl();

// MigratedAppUrl applies the embedded migrations once per process and returns AppUrl().
std::string MigratedAppUrl();

// SuperuserQuery runs `sql` as the superuser (bypassing row-level security, to check
// what is really stored) and returns its rows.
pqxx::result SuperuserQuery(const std::string& sql);

// WithDatabase returns `url` with its database name replaced by `database`.
std::string WithDatabase(const std::string& url, const std::string& database);

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_TEST_DATABASE_H_
