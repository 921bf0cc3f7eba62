// org_unit_repository_test.cc — the organization catalogue on real PostgreSQL.
//
// Runs as npsd_app, the unprivileged role npsd serves with, so row-level security is in
// force: hierarchy rules, archive rules, optimistic concurrency, pagination under
// concurrent inserts, serialized hierarchy changes, and tenant isolation of every method.
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "domain/field_violation.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/org_unit_checks.h"
#include "storage/pg/pg_org_unit_repository.h"
#include "storage/pg/pg_tenant_repository.h"
#include "storage/pg/transaction.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

using ::npsd::domain::OrgUnit;
using ::npsd::domain::OrgUnitKind;
using ::npsd::testing::IsOk;
using ::npsd::testing::StatusIs;

constexpr char kMissingId[] = "00000000-0000-4000-8000-000000000000";

absl::Time Deadline() { return absl::Now() + absl::Seconds(20); }

OrgUnit Unit(OrgUnitKind kind, const std::string& code, std::optional<std::string> parent = {}) {
  OrgUnit unit;
  unit.kind = kind;
  unit.code = code;
  unit.display_name = "Unit " + code;
  unit.parent_code = std::move(parent);
  return unit;
}

// ViolatedField returns the single field path named by `status`, or "" when none.
std::string ViolatedField(const absl::Status& status) {
  const auto violations = domain::FieldViolationsOf(status);
  return violations.size() == 1 ? violations[0].field : "";
}

domain::OrgUnitPatch ParentPatch(std::optional<std::string> parent) {
  domain::OrgUnitPatch patch;
  patch.parent_code = std::move(parent);
  return patch;
}

class OrgUnitRepositoryTest : public ::testing::Test {
 protected:
  OrgUnitRepositoryTest() : pool_(npsd::testing::MigratedAppUrl(), 6), tenants_(pool_), units_(pool_) {}

  void SetUp() override {
    tenant_a_ = CreateTenant("Catalogue A");
    tenant_b_ = CreateTenant("Catalogue B");
  }

  std::string CreateTenant(const std::string& name) {
    domain::Tenant tenant;
    tenant.display_name = name;
    auto created = tenants_.CreateTenant(tenant, Deadline());
    EXPECT_THAT(created, IsOk());
    return created.ok() ? created->id : "";
  }

  // MustCreate creates a unit of tenant A and returns it.
  OrgUnit MustCreate(const OrgUnit& unit) {
    auto created = units_.CreateOrgUnit(tenant_a_, unit, Deadline());
    EXPECT_THAT(created, IsOk());
    return created.ok() ? *created : OrgUnit{};
  }

  // CreateEmea creates EMEA > FR > FR-IDF in tenant A and returns them in that order.
  std::vector<OrgUnit> CreateEmea() {
    return {MustCreate(Unit(OrgUnitKind::kRegion, "EMEA")),
            MustCreate(Unit(OrgUnitKind::kRegion, "FR", "EMEA")),
            MustCreate(Unit(OrgUnitKind::kRegion, "FR-IDF", "FR"))};
  }

  // ListAll returns every unit of `tenant` matching `filter`, paging by `page_size`.
  std::vector<OrgUnit> ListAll(const std::string& tenant, const domain::OrgUnitFilter& filter,
                               int page_size = 100) {
    std::vector<OrgUnit> all;
    PageRequest page{page_size, std::nullopt};
    for (int pages = 0; pages < 1000; ++pages) {
      auto result = units_.ListOrgUnits(tenant, filter, page, Deadline());
      EXPECT_THAT(result, IsOk());
      if (!result.ok()) break;
      all.insert(all.end(), result->items.begin(), result->items.end());
      if (!result->next) break;
      page.after = result->next;
    }
    return all;
  }

  // WaitForSessionBlockedBy returns the backend pid of a session waiting for a lock held
  // by backend `pid`, or nullopt after 10 s.
  static std::optional<int> WaitForSessionBlockedBy(int pid) {
    pqxx::connection connection(npsd::testing::AppUrl());
    pqxx::nontransaction txn(connection);
    for (const absl::Time give_up = absl::Now() + absl::Seconds(10); absl::Now() < give_up;) {
      const pqxx::result rows = txn.exec_params(
          "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) LIMIT 1", pid);
      if (!rows.empty()) return rows[0][0].as<int>();
      absl::SleepFor(absl::Milliseconds(5));
    }
    return std::nullopt;
  }

  ConnectionPool pool_;
  PgTenantRepository tenants_;
  PgOrgUnitRepository units_;
  std::string tenant_a_;
  std::string tenant_b_;
};

TEST_F(OrgUnitRepositoryTest, CreatesAndReadsAHierarchy) {
  const std::vector<OrgUnit> emea = CreateEmea();
  auto fetched = units_.GetOrgUnit(tenant_a_, emea[2].id, Deadline());
  ASSERT_THAT(fetched, IsOk());
  EXPECT_EQ(fetched->code, "FR-IDF");
  EXPECT_EQ(fetched->parent_code, "FR");
  EXPECT_EQ(fetched->kind, OrgUnitKind::kRegion);
  EXPECT_EQ(fetched->version, 1);
  EXPECT_FALSE(fetched->archived);
  EXPECT_EQ(fetched->create_time, emea[2].create_time);

  auto below_emea = units_.SelfAndDescendantCodes(tenant_a_, OrgUnitKind::kRegion, "EMEA", Deadline());
  ASSERT_THAT(below_emea, IsOk());
  EXPECT_EQ(*below_emea, (std::vector<std::string>{"EMEA", "FR", "FR-IDF"}));
  auto below_fr = units_.SelfAndDescendantCodes(tenant_a_, OrgUnitKind::kRegion, "FR", Deadline());
  ASSERT_THAT(below_fr, IsOk());
  EXPECT_EQ(*below_fr, (std::vector<std::string>{"FR", "FR-IDF"}));
  EXPECT_THAT(units_.SelfAndDescendantCodes(tenant_a_, OrgUnitKind::kBusinessUnit, "EMEA", Deadline()),
              StatusIs(absl::StatusCode::kNotFound));

  domain::OrgUnitFilter children{OrgUnitKind::kRegion, "EMEA", false};
  const std::vector<OrgUnit> listed = ListAll(tenant_a_, children);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].code, "FR");
}

TEST_F(OrgUnitRepositoryTest, DuplicateCodeIsAlreadyExistsPerTenantAndKind) {
  MustCreate(Unit(OrgUnitKind::kBrand, "ACME"));
  const auto duplicate = units_.CreateOrgUnit(tenant_a_, Unit(OrgUnitKind::kBrand, "ACME"), Deadline());
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_NE(duplicate.status().message().find("org_unit.code"), absl::string_view::npos);
  // The same code is free in another kind and in another tenant.
  EXPECT_THAT(units_.CreateOrgUnit(tenant_a_, Unit(OrgUnitKind::kBusinessUnit, "ACME"), Deadline()), IsOk());
  EXPECT_THAT(units_.CreateOrgUnit(tenant_b_, Unit(OrgUnitKind::kBrand, "ACME"), Deadline()), IsOk());
}

TEST_F(OrgUnitRepositoryTest, UnknownParentIsInvalidArgumentOnParentCode) {
  MustCreate(Unit(OrgUnitKind::kBusinessUnit, "RETAIL"));
  // No such region; a business unit's code is no region; another tenant's region is unknown.
  for (const auto& [tenant, parent] : std::vector<std::pair<std::string, std::string>>{
           {tenant_a_, "NOWHERE"}, {tenant_a_, "RETAIL"}, {tenant_b_, "RETAIL"}}) {
    const auto created = units_.CreateOrgUnit(tenant, Unit(OrgUnitKind::kRegion, "X", parent), Deadline());
    EXPECT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument)) << parent;
    EXPECT_EQ(ViolatedField(created.status()), "org_unit.parent_code") << parent;
  }
  const OrgUnit root = MustCreate(Unit(OrgUnitKind::kRegion, "ROOT"));
  const auto moved = units_.UpdateOrgUnit(tenant_a_, root.id, ParentPatch("NOWHERE"), Deadline());
  EXPECT_EQ(ViolatedField(moved.status()), "org_unit.parent_code");
}

TEST_F(OrgUnitRepositoryTest, UpdatesThatWouldCreateACycleAreRejected) {
  const std::vector<OrgUnit> emea = CreateEmea();
  for (const char* parent : {"FR-IDF", "FR"}) {
    const auto cycle = units_.UpdateOrgUnit(tenant_a_, emea[0].id, ParentPatch(parent), Deadline());
    EXPECT_THAT(cycle, StatusIs(absl::StatusCode::kInvalidArgument)) << parent;
    EXPECT_EQ(ViolatedField(cycle.status()), "org_unit.parent_code") << parent;
  }
  const auto self = units_.UpdateOrgUnit(tenant_a_, emea[1].id, ParentPatch("FR"), Deadline());
  EXPECT_EQ(ViolatedField(self.status()), "org_unit.parent_code");

  // A legal move: FR-IDF directly under EMEA, then FR under FR-IDF.
  ASSERT_THAT(units_.UpdateOrgUnit(tenant_a_, emea[2].id, ParentPatch("EMEA"), Deadline()), IsOk());
  auto moved = units_.UpdateOrgUnit(tenant_a_, emea[1].id, ParentPatch("FR-IDF"), Deadline());
  ASSERT_THAT(moved, IsOk());
  EXPECT_EQ(moved->parent_code, "FR-IDF");
  EXPECT_EQ(moved->version, 2);
  auto detached = units_.UpdateOrgUnit(tenant_a_, emea[1].id, ParentPatch(std::nullopt), Deadline());
  ASSERT_THAT(detached, IsOk());
  EXPECT_FALSE(detached->parent_code.has_value());
}

// With B under C, "A under B" and "C under A" each pass the cycle check alone but
// together close A > B > C > A. The test makes them overlap deterministically: it holds
// B's row, so the first update stops (after reading B's chain) at its foreign-key check
// on B; the second update then starts while the first is uncommitted. Only the
// per-tenant hierarchy lock makes the second wait and see the first's parent.
TEST_F(OrgUnitRepositoryTest, ConcurrentReparentingCannotCreateACycle) {
  const OrgUnit c = MustCreate(Unit(OrgUnitKind::kRegion, "C"));
  const OrgUnit b = MustCreate(Unit(OrgUnitKind::kRegion, "B", "C"));
  const OrgUnit a = MustCreate(Unit(OrgUnitKind::kRegion, "A"));

  pqxx::connection holder_connection(npsd::testing::AppUrl());
  pqxx::work holder(holder_connection);
  holder.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_a_);
  holder.exec_params("SELECT 1 FROM npsd.org_units WHERE tenant_id = $1::uuid AND unit_id = $2::uuid"
                     " FOR UPDATE", tenant_a_, b.id);
  const int holder_pid = holder.exec("SELECT pg_backend_pid()")[0][0].as<int>();

  absl::Status a_under_b, c_under_a;
  std::thread first([&] { a_under_b = units_.UpdateOrgUnit(tenant_a_, a.id, ParentPatch("B"), Deadline()).status(); });
  const std::optional<int> first_pid = WaitForSessionBlockedBy(holder_pid);
  std::thread second([&] { c_under_a = units_.UpdateOrgUnit(tenant_a_, c.id, ParentPatch("A"), Deadline()).status(); });
  const std::optional<int> second_pid = first_pid ? WaitForSessionBlockedBy(*first_pid) : std::nullopt;
  holder.abort();
  first.join();
  second.join();

  EXPECT_TRUE(first_pid.has_value()) << "the first update never waited for B's row";
  EXPECT_TRUE(second_pid.has_value()) << "the second update never waited for the first";
  EXPECT_THAT(a_under_b, IsOk());
  EXPECT_THAT(c_under_a, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ViolatedField(c_under_a), "org_unit.parent_code");
  auto c_now = units_.GetOrgUnit(tenant_a_, c.id, Deadline());
  ASSERT_THAT(c_now, IsOk());
  EXPECT_FALSE(c_now->parent_code.has_value()) << "A > B > C > A was stored";
}

TEST_F(OrgUnitRepositoryTest, ArchiveRulesKeepActiveUnitsUnderActiveParents) {
  const std::vector<OrgUnit> emea = CreateEmea();
  EXPECT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[0].id, true, std::nullopt, Deadline()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[2].id, true, std::nullopt, Deadline()), IsOk());
  ASSERT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[1].id, true, std::nullopt, Deadline()), IsOk());
  auto archived = units_.SetOrgUnitArchived(tenant_a_, emea[0].id, true, std::nullopt, Deadline());
  ASSERT_THAT(archived, IsOk());
  EXPECT_TRUE(archived->archived);
  EXPECT_EQ(archived->version, 2);
  auto again = units_.SetOrgUnitArchived(tenant_a_, emea[0].id, true, std::nullopt, Deadline());
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->version, 2) << "archiving an archived unit changes nothing";

  const auto child = units_.CreateOrgUnit(tenant_a_, Unit(OrgUnitKind::kRegion, "DE", "EMEA"), Deadline());
  EXPECT_EQ(ViolatedField(child.status()), "org_unit.parent_code") << "new child of an archived unit";
  EXPECT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[1].id, false, std::nullopt, Deadline()),
              StatusIs(absl::StatusCode::kFailedPrecondition)) << "restore under an archived parent";

  // Archived units stay in the hierarchy (historical data) but leave default lists.
  auto codes = units_.SelfAndDescendantCodes(tenant_a_, OrgUnitKind::kRegion, "EMEA", Deadline());
  ASSERT_THAT(codes, IsOk());
  EXPECT_EQ(codes->size(), 3u);
  EXPECT_TRUE(ListAll(tenant_a_, domain::OrgUnitFilter{}).empty());
  EXPECT_EQ(ListAll(tenant_a_, domain::OrgUnitFilter{std::nullopt, std::nullopt, true}).size(), 3u);

  ASSERT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[0].id, false, std::nullopt, Deadline()), IsOk());
  ASSERT_THAT(units_.SetOrgUnitArchived(tenant_a_, emea[1].id, false, std::nullopt, Deadline()), IsOk());
  EXPECT_EQ(ListAll(tenant_a_, domain::OrgUnitFilter{}).size(), 2u);
}

TEST_F(OrgUnitRepositoryTest, StaleVersionIsAbortedAndChangesNothing) {
  const OrgUnit unit = MustCreate(Unit(OrgUnitKind::kBrand, "ACME"));
  domain::OrgUnitPatch patch;
  patch.display_name = "Acme Corp";
  patch.expected_version = 1;
  auto updated = units_.UpdateOrgUnit(tenant_a_, unit.id, patch, Deadline());
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->version, 2);
  patch.display_name = "Lost update";
  EXPECT_THAT(units_.UpdateOrgUnit(tenant_a_, unit.id, patch, Deadline()),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(units_.SetOrgUnitArchived(tenant_a_, unit.id, true, 1, Deadline()),
              StatusIs(absl::StatusCode::kAborted));
  auto current = units_.GetOrgUnit(tenant_a_, unit.id, Deadline());
  ASSERT_THAT(current, IsOk());
  EXPECT_EQ(current->display_name, "Acme Corp");
  EXPECT_FALSE(current->archived);
  EXPECT_EQ(current->version, 2);
}

TEST_F(OrgUnitRepositoryTest, PaginationIsStableWhileAnotherThreadInserts) {
  std::set<std::string> before;
  for (int i = 0; i < 30; ++i) before.insert(MustCreate(Unit(OrgUnitKind::kBrand, "P" + std::to_string(i))).id);
  std::atomic<bool> stop{false};
  std::atomic<int> inserted{0};
  std::thread inserter([&] {
    for (int i = 0; !stop.load() && i < 500; ++i) {
      if (units_.CreateOrgUnit(tenant_a_, Unit(OrgUnitKind::kBrand, "N" + std::to_string(i)), Deadline()).ok()) {
        inserted.fetch_add(1);
      }
    }
  });
  while (inserted.load() == 0) std::this_thread::yield();

  std::map<std::string, int> seen;
  absl::Time previous = absl::InfinitePast();
  bool ordered = true;
  PageRequest page{3, std::nullopt};
  for (int pages = 0; pages < 1000; ++pages) {
    auto result = units_.ListOrgUnits(tenant_a_, domain::OrgUnitFilter{OrgUnitKind::kBrand, {}, false},
                                      page, Deadline());
    ASSERT_THAT(result, IsOk());
    for (const OrgUnit& unit : result->items) {
      ++seen[unit.id];
      ordered = ordered && unit.create_time >= previous;
      previous = unit.create_time;
    }
    if (!result->next || before.size() + 10 < seen.size()) break;
    page.after = result->next;
  }
  stop.store(true);
  inserter.join();

  EXPECT_TRUE(ordered);
  for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << "returned twice: " << id;
  for (const std::string& id : before) EXPECT_EQ(seen.count(id), 1u) << "skipped: " << id;
  EXPECT_GT(inserted.load(), 0);
}

TEST_F(OrgUnitRepositoryTest, AnotherTenantsUnitsAreNotFoundLikeMissingOnes) {
  const std::vector<OrgUnit> emea = CreateEmea();
  const std::string& foreign = emea[1].id;
  domain::OrgUnitPatch rename;
  rename.display_name = "Hijacked";
  for (const std::string& id : {foreign, std::string(kMissingId)}) {
    EXPECT_THAT(units_.GetOrgUnit(tenant_b_, id, Deadline()), StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(units_.UpdateOrgUnit(tenant_b_, id, rename, Deadline()), StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(units_.SetOrgUnitArchived(tenant_b_, id, true, std::nullopt, Deadline()),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(units_.SetOrgUnitArchived(tenant_b_, id, false, std::nullopt, Deadline()),
                StatusIs(absl::StatusCode::kNotFound));
  }
  EXPECT_THAT(units_.SelfAndDescendantCodes(tenant_b_, OrgUnitKind::kRegion, "EMEA", Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(ListAll(tenant_b_, domain::OrgUnitFilter{std::nullopt, std::nullopt, true}).empty());
  EXPECT_TRUE(ListAll(tenant_b_, domain::OrgUnitFilter{OrgUnitKind::kRegion, "EMEA", true}).empty());

  auto untouched = units_.GetOrgUnit(tenant_a_, foreign, Deadline());
  ASSERT_THAT(untouched, IsOk());
  EXPECT_EQ(untouched->display_name, "Unit FR");
  EXPECT_EQ(untouched->version, 1);
  EXPECT_THAT(units_.CreateOrgUnit(kMissingId, Unit(OrgUnitKind::kBrand, "X"), Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(OrgUnitRepositoryTest, RawSqlOfAnotherTenantSeesNoUnits) {
  CreateEmea();
  pqxx::connection connection(npsd::testing::AppUrl());
  pqxx::work txn(connection);
  txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_b_);
  EXPECT_EQ(txn.exec_params("SELECT count(*) FROM npsd.org_units WHERE tenant_id = $1::uuid", tenant_a_)[0][0]
                .as<int64_t>(),
            0);
  EXPECT_THROW(txn.exec_params("INSERT INTO npsd.org_units (tenant_id, kind, code, display_name)"
                               " VALUES ($1::uuid, 'BRAND', 'X', 'x')",
                               tenant_a_),
               pqxx::sql_error);
}

TEST_F(OrgUnitRepositoryTest, CheckOrgCodeRejectsUnknownArchivedAndForeignCodes) {
  MustCreate(Unit(OrgUnitKind::kBrand, "ACME"));
  const OrgUnit old = MustCreate(Unit(OrgUnitKind::kBrand, "OLD"));
  ASSERT_THAT(units_.SetOrgUnitArchived(tenant_a_, old.id, true, std::nullopt, Deadline()), IsOk());

  auto check = [&](const std::string& tenant, const std::string& kind, const std::string& code,
                   bool allow_archived) {
    return RunTransaction(pool_, TenantScope(tenant, Deadline()), [&](pqxx::work& txn) {
      return CheckOrgCode(txn, kind, code, allow_archived, "campaign.brand_code");
    });
  };
  EXPECT_THAT(check(tenant_a_, "BRAND", "ACME", false), IsOk());
  EXPECT_THAT(check(tenant_a_, "BRAND", "OLD", true), IsOk());
  for (const absl::Status& status :
       {check(tenant_a_, "BRAND", "OLD", false), check(tenant_a_, "BRAND", "NONE", false),
        check(tenant_a_, "REGION", "ACME", true), check(tenant_b_, "BRAND", "ACME", true)}) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_EQ(ViolatedField(status), "campaign.brand_code");
  }
}

}  // namespace
}  // namespace npsd::storage::pg
