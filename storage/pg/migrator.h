// migrator.h — versioned schema migrations, applied once, safely from several servers.
//
// Migrations are the files storage/pg/migrations/NNNN_name.sql, embedded in the binary
// at build time. Migrate() takes a PostgreSQL advisory lock, so servers starting at the
// same moment apply each migration exactly once; every applied migration is recorded
// with its checksum in npsd.schema_migrations, and an applied migration whose file has
// changed since stops the server (FAILED_PRECONDITION) instead of drifting silently.
#ifndef NPSD_STORAGE_PG_MIGRATOR_H_
#define NPSD_STORAGE_PG_MIGRATOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace npsd::storage::pg {

// Migration is one versioned SQL script.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// EmbeddedMigrations returns the migrations built into this binary, by version.
const std::vector<Migration>& EmbeddedMigrations();

// MigrationReport says what Migrate did.
struct MigrationReport {
  int applied = 0;         // migrations applied by this call
  int schema_version = 0;  // the highest version recorded afterwards
};

// Migrate applies the pending `migrations` to the database at `owner_url`, which must
// connect as the role that owns the schema (never the role npsd serves with). The
// group role npsd_runtime must exist: migrations grant it what the server needs.
absl::StatusOr<MigrationReport> Migrate(const std::string& owner_url,
                                        const std::vector<Migration>& migrations);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_MIGRATOR_H_
