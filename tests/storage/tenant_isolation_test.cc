// tenant_isolation_test.cc — row-level security as the runtime role sees it.
//
// Runs as npsd_app, the unprivileged role npsd serves with: repositories of one tenant
// never reach another tenant's rows, and raw SQL without or with another tenant's
// context reads and writes nothing of theirs.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_api_key_repository.h"
#include "storage/pg/pg_tenant_repository.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

using ::npsd::testing::IsOk;
using ::npsd::testing::StatusIs;

absl::Time Deadline() { return absl::Now() + absl::Seconds(10); }

class TenantIsolationTest : public ::testing::Test {
 protected:
  TenantIsolationTest() : pool_(npsd::testing::MigratedAppUrl(), 4), tenants_(pool_), keys_(pool_) {}

  void SetUp() override {
    tenant_a_ = CreateTenant("Tenant A");
    tenant_b_ = CreateTenant("Tenant B");
    auto key = keys_.CreateApiKey(tenant_a_, {"a key", {domain::Scope::kRead}, std::nullopt},
                                  std::string(32, 'h'), "test", Deadline());
    ASSERT_THAT(key, IsOk());
    key_a_ = key->id;
  }

  std::string CreateTenant(const std::string& name) {
    domain::Tenant tenant;
    tenant.display_name = name;
    auto created = tenants_.CreateTenant(tenant, Deadline());
    EXPECT_THAT(created, IsOk());
    return created.ok() ? created->id : "";
  }

  // CountAs counts rows of `sql` as the runtime role with app.tenant_id = `context`.
  int64_t CountAs(const std::string& context, const std::string& sql) {
    pqxx::connection connection(npsd::testing::AppUrl());
    pqxx::work txn(connection);
    txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", context);
    return txn.exec(sql)[0][0].as<int64_t>();
  }

  ConnectionPool pool_;
  PgTenantRepository tenants_;
  PgApiKeyRepository keys_;
  std::string tenant_a_;
  std::string tenant_b_;
  std::string key_a_;
};

TEST_F(TenantIsolationTest, RepositoriesOfOneTenantNeverReachAnother) {
  EXPECT_THAT(keys_.FindCredential(tenant_a_, key_a_, Deadline()), IsOk());
  EXPECT_THAT(keys_.FindCredential(tenant_b_, key_a_, Deadline()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(keys_.RevokeApiKey(tenant_b_, key_a_, "test", Deadline()), StatusIs(absl::StatusCode::kNotFound));
  auto b_keys = keys_.ListApiKeys(tenant_b_, PageRequest{}, Deadline());
  ASSERT_THAT(b_keys, IsOk());
  EXPECT_TRUE(b_keys->items.empty());
  auto a_credential = keys_.FindCredential(tenant_a_, key_a_, Deadline());
  ASSERT_THAT(a_credential, IsOk());
  EXPECT_FALSE(a_credential->key.revoke_time.has_value()) << "B's revoke must not touch A's key";
}

TEST_F(TenantIsolationTest, RawSqlSeesNothingWithoutOrWithAnotherTenantContext) {
  const std::string own_keys = "SELECT count(*) FROM npsd.api_keys WHERE tenant_id = '" + tenant_a_ + "'";
  const std::string own_tenant = "SELECT count(*) FROM npsd.tenants WHERE tenant_id = '" + tenant_a_ + "'";
  EXPECT_EQ(CountAs(tenant_a_, own_keys), 1);
  EXPECT_EQ(CountAs(tenant_a_, own_tenant), 1);
  EXPECT_EQ(CountAs(tenant_b_, own_keys), 0);
  EXPECT_EQ(CountAs(tenant_b_, own_tenant), 0);
  EXPECT_EQ(CountAs("", "SELECT count(*) FROM npsd.api_keys"), 0);
  EXPECT_EQ(CountAs("", "SELECT count(*) FROM npsd.tenants"), 0);
}

TEST_F(TenantIsolationTest, WritesIntoAnotherTenantAreRejected) {
  pqxx::connection connection(npsd::testing::AppUrl());
  pqxx::work txn(connection);
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_b_);
  EXPECT_THROW(txn.exec_params("INSERT INTO npsd.api_keys (tenant_id, display_name, scopes, secret_sha256)"
                               " VALUES ($1::uuid, 'x', '{read}', decode(repeat('00', 32), 'hex'))",
                               tenant_a_),
               pqxx::sql_error);
}

// The policies read the session's tenant once per statement (migration 0016): every row
// of a statement is still checked against it.
TEST_F(TenantIsolationTest, AWriteOfSeveralRowsIsRefusedWhenOneBelongsToAnotherTenant) {
  const std::string insert =
      "INSERT INTO npsd.api_keys (tenant_id, display_name, scopes, secret_sha256)"
      " SELECT t, 'x', '{read}', decode(repeat('00', 32), 'hex') FROM unnest(ARRAY[$1, $2]::uuid[]) AS t";
  {
    pqxx::connection connection(npsd::testing::AppUrl());
    pqxx::work txn(connection);
    txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_b_);
    EXPECT_THROW(txn.exec_params(insert, tenant_b_, tenant_a_), pqxx::sql_error);
  }
  const std::string b_keys = "SELECT count(*) FROM npsd.api_keys WHERE tenant_id = '" + tenant_b_ + "'";
  EXPECT_EQ(CountAs(tenant_b_, b_keys), 0);
  pqxx::connection connection(npsd::testing::AppUrl());
  pqxx::work txn(connection);
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_b_);
  EXPECT_EQ(txn.exec_params(insert, tenant_b_, tenant_b_).affected_rows(), 2);
}

TEST_F(TenantIsolationTest, UnknownTenantIsNotFound) {
  const std::string missing = "00000000-0000-4000-8000-000000000000";
  EXPECT_THAT(tenants_.GetTenant(missing, Deadline()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(keys_.CreateApiKey(missing, {"k", {domain::Scope::kRead}, std::nullopt},
                                 std::string(32, 'h'), "test", Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(TenantIsolationTest, TenantUpdatesUseOptimisticConcurrency) {
  domain::TenantPatch patch;
  patch.display_name = "Renamed";
  patch.expected_version = 1;
  auto updated = tenants_.UpdateTenant(tenant_a_, patch, "test", Deadline());
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->version, 2);
  EXPECT_THAT(tenants_.UpdateTenant(tenant_a_, patch, "test", Deadline()), StatusIs(absl::StatusCode::kAborted));
}

}  // namespace
}  // namespace npsd::storage::pg
