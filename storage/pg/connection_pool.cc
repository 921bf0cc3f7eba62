// connection_pool.cc — lazy, bounded connection pooling.
#include "storage/pg/connection_pool.h"

#include <utility>

#include <pqxx/pqxx>

namespace npsd::storage::pg {
ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)), broken_(other.broken_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Release(std::move(connection_), broken_);
  }
}

ConnectionPool::ConnectionPool(std::string url, int size) : url_(WithApplicationName(url, "npsd")), size_(size) {}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(absl::Time deadline) {
  {
    absl::MutexLock lock(&mutex_);
    const auto can_proceed = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      return !idle_.empty() || open_ < size_;
    };
    if (!mutex_.AwaitWithDeadline(absl::Condition(&can_proceed), deadline)) {
      return absl::DeadlineExceededError("no database connection became free before the deadline");
    }
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;
  }
  absl::StatusOr<std::unique_ptr<pqxx::connection>> connection = Connect();
  if (!connection.ok()) {
    absl::MutexLock lock(&mutex_);
    --open_;
    return connection.status();
  }
  return Lease(this, std::move(connection).value());
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Connect() {
  try {
    return std::make_unique<pqxx::connection>(url_);
  } catch (const std::exception&) {
    // The driver's message may contain the connection string: never pass it on.
    return absl::UnavailableError("the database is unreachable");
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> connection, bool broken) {
  const bool reusable = !broken && connection->is_open();
  if (!reusable) connection.reset();  // closes outside the lock's critical section below
  absl::MutexLock lock(&mutex_);
  if (reusable) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
}

ConnectionPool::Stats ConnectionPool::GetStats() const {
  absl::MutexLock lock(&mutex_);
  return Stats{size_, open_, static_cast<int>(idle_.size())};
}

std::string WithApplicationName(const std::string& url, const std::string& name) {
  const bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!uri) return url + " application_name=" + name;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "application_name=" + name;
}

}  // namespace npsd::storage::pg
