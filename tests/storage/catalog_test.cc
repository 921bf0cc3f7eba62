// catalog_test.cc — the schema's isolation invariants, read from the system catalog.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

pqxx::result Query(const std::string& sql) {
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::nontransaction txn(connection);
  return txn.exec(sql);
}

TEST(CatalogTest, EveryTenantOwnedTableHasForcedRowLevelSecurityAndTenantLedKey) {
  npsd::testing::MigratedAppUrl();
  const pqxx::result tables = Query(R"sql(
    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
           (SELECT a.attname FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
             WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key_column,
           (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid
              AND pg_get_expr(p.polqual, p.polrelid) LIKE
                  '%NULLIF(current_setting(''app.tenant_id''::text, true), ''''::text)%') AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'npsd' AND c.relkind IN ('r', 'p')
       AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'))sql");
  ASSERT_GE(tables.size(), 2u);
  for (const auto& row : tables) {
    const std::string table = row[0].as<std::string>();
    EXPECT_TRUE(row[1].as<bool>()) << table << ": RLS not enabled";
    EXPECT_TRUE(row[2].as<bool>()) << table << ": RLS not forced";
    EXPECT_EQ(row[3].is_null() ? "" : row[3].as<std::string>(), "tenant_id") << table;
    EXPECT_GE(row[4].as<int>(), 1) << table << ": no policy on app.tenant_id";
  }
}

TEST(CatalogTest, RuntimeRoleIsUnprivilegedAndOwnsNothing) {
  npsd::testing::MigratedAppUrl();
  const pqxx::result role = Query(R"sql(
    SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
           (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
           (SELECT count(*) FROM pg_namespace s WHERE s.nspowner = r.oid),
           pg_has_role(r.oid, 'npsd_owner', 'MEMBER')
      FROM pg_roles r WHERE r.rolname = 'npsd_app')sql");
  ASSERT_EQ(role.size(), 1u);
  EXPECT_FALSE(role[0][0].as<bool>()) << "superuser";
  EXPECT_FALSE(role[0][1].as<bool>()) << "BYPASSRLS";
  EXPECT_FALSE(role[0][2].as<bool>()) << "CREATEROLE";
  EXPECT_FALSE(role[0][3].as<bool>()) << "CREATEDB";
  EXPECT_EQ(role[0][4].as<int>(), 0) << "owns relations";
  EXPECT_EQ(role[0][5].as<int>(), 0) << "owns schemas";
  EXPECT_FALSE(role[0][6].as<bool>()) << "member of the owner role";
}

// Responses have no foreign key to their campaign (migration 0007): campaigns must stay.
TEST(CatalogTest, CampaignsCannotBeDeletedByAnyRole) {
  npsd::testing::MigratedAppUrl();
  EXPECT_FALSE(Query("SELECT has_table_privilege('npsd_app', 'npsd.campaigns', 'DELETE')")[0][0].as<bool>());
  pqxx::connection connection(npsd::testing::OwnerUrl());
  pqxx::work txn(connection);
  const std::string tenant_id = txn.exec1("SELECT gen_random_uuid()::text")[0].as<std::string>();
  txn.exec("SELECT set_config('app.tenant_id', " + txn.quote(tenant_id) + ", true)");
  txn.exec0("INSERT INTO npsd.tenants (tenant_id, display_name) VALUES (" + txn.quote(tenant_id) + ", 'kept')");
  txn.exec0(
      "INSERT INTO npsd.campaigns (tenant_id, name, channels, default_locale, question_locales, question_texts,"
      " follow_up_texts) VALUES (" + txn.quote(tenant_id) + ", 'kept', '{WEB}', 'en', '{en}', '{q}', '{f}')");
  EXPECT_THROW(txn.exec("DELETE FROM npsd.campaigns"), pqxx::sql_error);
}

}  // namespace
}  // namespace npsd::storage::pg
