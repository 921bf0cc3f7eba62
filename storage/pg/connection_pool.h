// connection_pool.h — a bounded pool of PostgreSQL connections.
//
// Connections are opened lazily (so npsd starts while the database is down and
// recovers by itself when it returns) and at most `size` exist at once. Nothing is set
// at session level: every setting is transaction-local (transaction.h), which keeps the
// pool correct behind PgBouncer in transaction mode. A lease hands a
// connection back on destruction, unless it was marked broken:
//
//   NPSD_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool.Acquire(deadline));
//   pqxx::work txn(lease.connection());
#ifndef NPSD_STORAGE_PG_CONNECTION_POOL_H_
#define NPSD_STORAGE_PG_CONNECTION_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace npsd::storage::pg {

// ConnectionPool owns up to `size` connections to one database.
class ConnectionPool {
 public:
  // Lease is the exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();

    // connection is the leased connection.
    pqxx::connection& connection() { return *connection_; }
    // MarkBroken closes the connection on release instead of reusing it.
    void MarkBroken() { broken_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection);

    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool broken_ = false;
  };

  // Stats is a snapshot of the pool's use.
  struct Stats {
    int size = 0;    // the maximum number of connections
    int open = 0;    // connections that exist, idle or leased
    int idle = 0;    // connections waiting in the pool
  };

  // ConnectionPool connects to `url` (a libpq URL or key=value string).
  ConnectionPool(std::string url, int size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Acquire leases a connection, waiting for one to be free until `deadline`:
  // DEADLINE_EXCEEDED when none frees up in time, UNAVAILABLE when the database cannot
  // be reached.
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

  // GetStats reports the pool's current use.
  Stats GetStats() const;

 private:
  void Release(std::unique_ptr<pqxx::connection> connection, bool broken);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect();

  const std::string url_;
  const int size_;
  mutable absl::Mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mutex_);
  int open_ ABSL_GUARDED_BY(mutex_) = 0;
};

// WithApplicationName returns the libpq connection string `url` (URL or key=value
// form) with application_name set to `name`: a startup parameter, so it also works
// through PgBouncer in transaction mode, where a session-level SET would leak to other
// clients of the same server connection.
std::string WithApplicationName(const std::string& url, const std::string& name);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_CONNECTION_POOL_H_
