// migrator.cc — applies embedded migrations under an advisory lock.
#include "storage/pg/migrator.h"

#include <map>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "storage/pg/error_mapping.h"

namespace npsd::storage::pg {
namespace {

// Arbitrary, fixed key of the session-level advisory lock that serializes migrators.
constexpr int64_t kMigrationLockKey = 0x6e70736400000001;

constexpr char kPrepareSchema[] = R"sql(
CREATE SCHEMA IF NOT EXISTS npsd;
GRANT USAGE ON SCHEMA npsd TO npsd_runtime;
CREATE TABLE IF NOT EXISTS npsd.schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
)sql";

constexpr char kChecksumSql[] = "encode(sha256(convert_to($1, 'UTF8')), 'hex')";

// AppliedChecksums returns version -> checksum of the migrations already recorded.
std::map<int, std::string> AppliedChecksums(pqxx::connection& connection) {
  pqxx::nontransaction txn(connection);
  std::map<int, std::string> applied;
  for (const auto& row : txn.exec("SELECT version, checksum FROM npsd.schema_migrations")) {
    applied[row[0].as<int>()] = row[1].as<std::string>();
  }
  return applied;
}

std::string Checksum(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction txn(connection);
  return txn.exec_params1(absl::StrCat("SELECT ", kChecksumSql), sql)[0].as<std::string>();
}

void Apply(pqxx::connection& connection, const Migration& migration) {
  const std::string checksum = Checksum(connection, migration.sql);
  pqxx::work txn(connection);
  txn.exec(migration.sql);
  txn.exec_params("INSERT INTO npsd.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                  migration.version, migration.name, checksum);
  txn.commit();
}

absl::StatusOr<MigrationReport> MigrateLocked(pqxx::connection& connection,
                                              const std::vector<Migration>& migrations) {
  {
    pqxx::work txn(connection);
    txn.exec(kPrepareSchema);
    txn.commit();
  }
  const std::map<int, std::string> applied = AppliedChecksums(connection);
  MigrationReport report;
  for (const Migration& migration : migrations) {
    const auto found = applied.find(migration.version);
    if (found == applied.end()) {
      Apply(connection, migration);
      ++report.applied;
    } else if (found->second != Checksum(connection, migration.sql)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "migration ", migration.version, " (", migration.name,
          ") differs from the one applied to the database; restore the original file"));
    }
    report.schema_version = std::max(report.schema_version, migration.version);
  }
  if (!applied.empty()) report.schema_version = std::max(report.schema_version, applied.rbegin()->first);
  return report;
}

}  // namespace

absl::StatusOr<MigrationReport> Migrate(const std::string& owner_url,
                                        const std::vector<Migration>& migrations) {
  try {
    pqxx::connection connection(owner_url);
    {
      pqxx::nontransaction lock(connection);
      lock.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    }
    // The lock is released when the connection closes, whatever happens below.
    return MigrateLocked(connection, migrations);
  } catch (const pqxx::broken_connection& error) {
    return StatusFromException(error);
  } catch (const pqxx::sql_error& error) {
    // Migration errors concern the schema, never row data: the operator needs the text.
    return absl::InternalError(absl::StrCat("migration failed: ", error.what()));
  } catch (const std::exception& error) {
    return StatusFromException(error);
  }
}

}  // namespace npsd::storage::pg
