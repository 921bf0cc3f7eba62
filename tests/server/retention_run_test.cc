// retention_run_test.cc — PgPrivacyRepository::RunRetention on real PostgreSQL.
//
// Responses are seeded over gRPC (RetentionTest); the runs go through the repository
// directly, as the runtime role, through PgBouncer in transaction mode. Concurrent runs
// of one tenant count each response once; every batch waits for its tenant's
// transaction-scoped advisory lock, and for no other tenant's; a run stopped between
// batches keeps and audits what it did; a run past its deadline starts nothing.
#include <cstdlib>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_privacy_repository.h"
#include "storage/pg/tenant_retention.h"
#include "tests/server/privacy_fixture.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

using storage::pg::TenantRetention;

constexpr int kExpired = 4;  // responses past the deletion period, one person each
constexpr int kAging = 2;    // responses past the personal-data period only

absl::Time Deadline() { return absl::Now() + absl::Seconds(60); }

// RetentionRunTest seeds kExpired and kAging responses under a 30/365-day policy.
class RetentionRunTest : public RetentionTest {
 protected:
  RetentionRunTest() : cipher_(TestCipher()) {}

  void SetUp() override {
    RetentionTest::SetUp();
    for (int i = 0; i < kExpired; ++i) SubmitAged(campaign_, 400, Person(absl::StrCat("gone", i, "@example.com")));
    for (int i = 0; i < kAging; ++i) SubmitAged(campaign_, 40, Person(absl::StrCat("aging", i, "@example.com")));
    nps::v1::RetentionPolicy policy;
    policy.mutable_default_rule()->set_personal_data_days(30);
    policy.mutable_default_rule()->set_delete_after_days(365);
    nps::v1::RetentionPolicy stored;
    SetPolicy(policy, &stored);
    const char* bouncer = std::getenv("NPSD_TEST_PGBOUNCER_URL");
    ASSERT_NE(bouncer, nullptr) << "run through `make test`, which starts PgBouncer";
    bouncer_url_ = bouncer;
  }

  int64_t Responses() const {
    return Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant()));
  }

  // AuditedRuns counts the tenant's retention.run events by `actor` with `outcome`.
  int64_t AuditedRuns(const std::string& actor, const std::string& outcome, const std::string& condition = "true") {
    return Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events WHERE tenant_id = ", Tenant(),
                              " AND action = 'retention.run' AND actor = '", actor, "' AND outcome = '", outcome,
                              "' AND ", condition));
  }

  // LockWaiters counts the transactions waiting for the retention lock of `tenant_id`.
  static int64_t LockWaiters(const std::string& tenant_id) {
    return SuperuserQuery(absl::StrCat("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                                       " AND objsubid = 2 AND classid = ", TenantRetention::kTenantLockSpace,
                                       "::oid AND objid = hashtext('", tenant_id, "')::oid"))[0][0]
        .as<int64_t>();
  }

  const privacy::PersonalDataCipher cipher_;
  std::string bouncer_url_;
};

TEST_F(RetentionRunTest, ConcurrentRunsThroughPgBouncerCountEachResponseOnce) {
  storage::pg::ConnectionPool pool(bouncer_url_, 4);
  storage::pg::PgPrivacyRepository repository(pool, cipher_, {/*batch_size=*/2});
  const absl::Time now = absl::Now();
  absl::StatusOr<storage::RetentionPreview> preview = repository.PreviewRetention(tenant_, now, Deadline());
  ASSERT_THAT(preview, IsOk());
  ASSERT_EQ(preview->responses_to_delete, kExpired);
  ASSERT_EQ(preview->responses_to_anonymize, kAging);
  ASSERT_GT(preview->subjects_to_delete, 0);

  std::vector<absl::StatusOr<storage::RetentionRun>> runs(3, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (auto& run : runs) {
    threads.emplace_back([&] {
      run = repository.RunRetention(tenant_, "test-concurrent", now, Deadline(), [] { return false; });
    });
  }
  for (std::thread& thread : threads) thread.join();
  storage::RetentionRun sum;
  for (const auto& run : runs) {
    ASSERT_THAT(run, IsOk());
    sum.responses_deleted += run->responses_deleted;
    sum.responses_anonymized += run->responses_anonymized;
    sum.subjects_deleted += run->subjects_deleted;
  }
  EXPECT_EQ(sum.responses_deleted, preview->responses_to_delete);
  EXPECT_EQ(sum.responses_anonymized, preview->responses_to_anonymize);
  EXPECT_EQ(sum.subjects_deleted, preview->subjects_to_delete);
  EXPECT_EQ(Responses(), kAging);
  EXPECT_EQ(RollupMismatches(), 0);
  EXPECT_EQ(AuditedRuns("test-concurrent", "OK"), 3);
}

TEST_F(RetentionRunTest, EachBatchWaitsForItsTenantsLockAndNoOtherTenants) {
  storage::pg::ConnectionPool pool(bouncer_url_, 2);
  storage::pg::PgPrivacyRepository repository(pool, cipher_);
  const auto run_now = [&] {
    return repository.RunRetention(tenant_, "test-lock", absl::Now(), Deadline(), [] { return false; });
  };
  pqxx::connection holder(SuperuserUrl());
  {
    pqxx::work lock(holder);
    lock.exec_params("SELECT pg_advisory_xact_lock($1, hashtext($2))", TenantRetention::kTenantLockSpace, tenant_);
    absl::StatusOr<storage::RetentionRun> run = absl::UnknownError("not run");
    std::thread runner([&] { run = run_now(); });
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (LockWaiters(tenant_) == 0 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(10));
    EXPECT_EQ(LockWaiters(tenant_), 1) << "the run's batch does not wait for the tenant's lock";
    EXPECT_EQ(Responses(), kExpired + kAging) << "a batch ran while another transaction held the lock";
    lock.commit();  // releases the lock: the waiting batch goes on
    runner.join();
    ASSERT_THAT(run, IsOk());
    EXPECT_EQ(run->responses_deleted, kExpired);
    EXPECT_EQ(run->responses_anonymized, kAging);
  }
  {
    // Another tenant's lock is no obstacle: this run (with nothing left to do) ends
    // while that lock is held.
    pqxx::work lock(holder);
    lock.exec_params("SELECT pg_advisory_xact_lock($1, hashtext($2))", TenantRetention::kTenantLockSpace,
                     "00000000-0000-4000-8000-000000000000");
    absl::StatusOr<storage::RetentionRun> run = run_now();
    ASSERT_THAT(run, IsOk());
    EXPECT_EQ(run->responses_deleted + run->responses_anonymized + run->subjects_deleted, 0);
  }
  EXPECT_EQ(RollupMismatches(), 0);
  EXPECT_EQ(AuditedRuns("test-lock", "OK"), 2);
}

TEST_F(RetentionRunTest, StopsBetweenBatchesKeepingAndAuditingWhatItDid) {
  storage::pg::ConnectionPool pool(bouncer_url_, 2);
  storage::pg::PgPrivacyRepository repository(pool, cipher_, {/*batch_size=*/1});
  int checks = 0;
  absl::StatusOr<storage::RetentionRun> stopped =
      repository.RunRetention(tenant_, "test-stop", absl::Now(), Deadline(), [&] { return ++checks > 1; });
  EXPECT_THAT(stopped, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(checks, 2) << "asked before each batch";
  EXPECT_EQ(Responses(), kExpired + kAging - 1) << "the first batch (the oldest response) is kept";
  EXPECT_EQ(RollupMismatches(), 0);
  EXPECT_EQ(AuditedRuns("test-stop", "CANCELLED", "details->>'responses_deleted' = '1'"), 1);

  // Past its deadline a run starts nothing, so there is nothing to audit.
  absl::StatusOr<storage::RetentionRun> late = repository.RunRetention(
      tenant_, "test-late", absl::Now(), absl::Now() - absl::Seconds(1), [] { return false; });
  EXPECT_THAT(late, StatusIs(absl::StatusCode::kDeadlineExceeded));
  // A run whose deadline passes before its next batch stops there.
  TenantRetention retention(pool, {/*batch_size=*/1});
  absl::StatusOr<TenantRetention::Plan> plan = retention.PlanRun(tenant_, absl::Now(), Deadline());
  ASSERT_THAT(plan, IsOk());
  storage::RetentionRun totals;
  EXPECT_THAT(retention.Apply(tenant_, *plan, {absl::Now() - absl::Seconds(1), nullptr}, totals),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(totals.responses_deleted + totals.responses_anonymized, 0);
  EXPECT_EQ(Responses(), kExpired + kAging - 1);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events WHERE tenant_id = ", Tenant(),
                               " AND actor = 'test-late'")),
            0);

  // Running again finishes the work.
  absl::StatusOr<storage::RetentionRun> rest =
      repository.RunRetention(tenant_, "test-stop", absl::Now(), Deadline(), [] { return false; });
  ASSERT_THAT(rest, IsOk());
  EXPECT_EQ(rest->responses_deleted, kExpired - 1);
  EXPECT_EQ(rest->responses_anonymized, kAging);
  EXPECT_EQ(Responses(), kAging);
  EXPECT_EQ(RollupMismatches(), 0);
}

}  // namespace
}  // namespace npsd::testing
