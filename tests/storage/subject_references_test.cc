// subject_references_test.cc — responses name existing subjects only (migration 0015's
// triggers), with the locking the foreign key they replace had, through the runtime role.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <unistd.h>

#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/support/test_database.h"

namespace npsd::storage::pg {
namespace {

constexpr char kForeignKeyViolation[] = "23503";

// TenantSession is a runtime-role connection scoped to one tenant.
class TenantSession {
 public:
  TenantSession(const std::string& tenant_id, const std::string& application_name)
      : connection_(npsd::testing::MigratedAppUrl()) {
    pqxx::nontransaction setup(connection_);
    setup.exec("SELECT set_config('app.tenant_id', " + setup.quote(tenant_id) + ", false)");
    setup.exec("SET application_name = " + setup.quote(application_name));
  }
  pqxx::connection& connection() { return connection_; }

 private:
  pqxx::connection connection_;
};

// SqlState runs `sql` in its own transaction on `session` and returns the SQLSTATE it
// failed with, or "" when it committed.
std::string SqlState(TenantSession& session, const std::string& sql) {
  try {
    pqxx::work txn(session.connection());
    txn.exec(sql);
    txn.commit();
    return "";
  } catch (const pqxx::sql_error& error) {
    return error.sqlstate();
  }
}

class SubjectReferencesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::connection connection(npsd::testing::MigratedAppUrl());
    pqxx::work txn(connection);
    tenant_ = txn.exec1("SELECT gen_random_uuid()::text")[0].as<std::string>();
    subject_ = txn.exec1("SELECT gen_random_uuid()::text")[0].as<std::string>();
    txn.exec("SELECT set_config('app.tenant_id', " + txn.quote(tenant_) + ", true)");
    txn.exec0("INSERT INTO npsd.tenants (tenant_id, display_name) VALUES (" + txn.quote(tenant_) + ", 'refs')");
    campaign_ = txn.exec1("INSERT INTO npsd.campaigns (tenant_id, name, channels, default_locale, question_locales,"
                          " question_texts, follow_up_texts) VALUES (" +
                          txn.quote(tenant_) + ", 'refs', '{WEB}', 'en', '{en}', '{q}', '{f}') RETURNING campaign_id")[0]
                    .as<std::string>();
    txn.exec0("INSERT INTO npsd.subjects (tenant_id, subject_id, wrapped_key, master_key_id) VALUES (" +
              txn.quote(tenant_) + ", " + txn.quote(subject_) + ", '\\x00', 'test')");
    txn.commit();
  }

  // InsertResponse is an INSERT of one response naming `subject` ("NULL" for none).
  std::string InsertResponse(const std::string& subject) const {
    return absl::StrCat("INSERT INTO npsd.responses (tenant_id, response_id, campaign_id, score, answered_at,",
                        " received_at, channel, subject_id) VALUES ('", tenant_, "', gen_random_uuid(), '", campaign_,
                        "', 9, now(), now(), 'WEB', ", subject, ")");
  }
  std::string Quoted(const std::string& id) const { return absl::StrCat("'", id, "'::uuid"); }
  std::string DeleteSubject() const {
    return absl::StrCat("DELETE FROM npsd.subjects WHERE subject_id = '", subject_, "'");
  }

  std::string tenant_, campaign_, subject_;
};

TEST_F(SubjectReferencesTest, AResponseNamesAnExistingSubjectOrNone) {
  TenantSession session(tenant_, "refs-insert");
  EXPECT_EQ(SqlState(session, InsertResponse(Quoted(subject_))), "");
  EXPECT_EQ(SqlState(session, InsertResponse("NULL")), "");
  EXPECT_EQ(SqlState(session, InsertResponse("gen_random_uuid()")), kForeignKeyViolation);
  EXPECT_EQ(SqlState(session, "UPDATE npsd.responses SET subject_id = gen_random_uuid() WHERE subject_id IS NULL"),
            kForeignKeyViolation);
  EXPECT_EQ(SqlState(session, "UPDATE npsd.subjects SET subject_id = gen_random_uuid()"), "23001")
      << "subject ids never change";
}

TEST_F(SubjectReferencesTest, ASubjectIsDeletedOnlyOnceNoResponseNamesIt) {
  TenantSession session(tenant_, "refs-delete");
  ASSERT_EQ(SqlState(session, InsertResponse(Quoted(subject_))), "");
  EXPECT_EQ(SqlState(session, DeleteSubject()), kForeignKeyViolation);
  ASSERT_EQ(SqlState(session, "UPDATE npsd.responses SET subject_id = NULL"), "");
  EXPECT_EQ(SqlState(session, DeleteSubject()), "");
}

TEST_F(SubjectReferencesTest, AnUncommittedResponseHoldsItsSubjectUntilItsTransactionEnds) {
  TenantSession writer(tenant_, "refs-writer");
  TenantSession eraser(tenant_, "refs-eraser");
  pqxx::work writing(writer.connection());
  writing.exec(InsertResponse(Quoted(subject_)));
  EXPECT_EQ(SqlState(eraser, "SET LOCAL lock_timeout = '200ms'; " + DeleteSubject()), "55P03")
      << "the delete must wait for the writer";
  writing.commit();
  EXPECT_EQ(SqlState(eraser, DeleteSubject()), kForeignKeyViolation) << "the committed response names the subject";
}

TEST_F(SubjectReferencesTest, AResponseWaitingForAnErasedSubjectFails) {
  TenantSession eraser(tenant_, "refs-erasure");
  pqxx::work erasing(eraser.connection());
  erasing.exec("SELECT 1 FROM npsd.subjects FOR UPDATE");
  const std::string writer_name = absl::StrCat("refs-blocked-", getpid());
  std::string writer_state = "not run";
  std::thread writer_thread([&] {
    TenantSession writer(tenant_, writer_name);
    writer_state = SqlState(writer, InsertResponse(Quoted(subject_)));
  });
  // The writer's statement waits for the eraser's row lock; then the subject goes.
  bool waiting = false;
  for (int attempt = 0; attempt < 200 && !waiting; ++attempt) {
    waiting = npsd::testing::SuperuserQuery(absl::StrCat("SELECT count(*) FROM pg_stat_activity WHERE application_name = '",
                                                         writer_name, "' AND wait_event_type = 'Lock'"))[0][0]
                  .as<int>() == 1;
    if (!waiting) absl::SleepFor(absl::Milliseconds(25));
  }
  EXPECT_TRUE(waiting) << "the writer never waited for the subject's lock";
  erasing.exec(DeleteSubject());
  erasing.commit();
  writer_thread.join();
  EXPECT_EQ(writer_state, kForeignKeyViolation);
  EXPECT_EQ(npsd::testing::SuperuserQuery(
                absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = '", tenant_, "'"))[0][0]
                .as<int>(),
            0);
}

}  // namespace
}  // namespace npsd::storage::pg
