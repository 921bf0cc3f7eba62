// transaction.h — run a unit of database work inside a tenant's row-level security.
//
// Every transaction first sets `app.tenant_id` (and the statement timeout derived from
// the call's deadline) with set_config(..., true), so the settings end with the
// transaction and a pooled connection never carries one tenant's context into another
// tenant's work. Without a tenant, row-level security lets no tenant-owned row through.
//
//   NPSD_ASSIGN_OR_RETURN(Tenant tenant, RunTransaction<Tenant>(pool, TenantScope(id, deadline),
//       [&](pqxx::work& txn) -> absl::StatusOr<Tenant> { ... }));
#ifndef NPSD_STORAGE_PG_TRANSACTION_H_
#define NPSD_STORAGE_PG_TRANSACTION_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/pg/connection_pool.h"

namespace npsd::storage::pg {

// TransactionScope says on whose behalf a transaction runs and until when.
struct TransactionScope {
  std::string tenant_id;          // empty: no tenant context at all
  bool operator_access = false;   // lets the operator read the tenant registry
  absl::Time deadline = absl::InfiniteFuture();
};

// TenantScope is the usual scope: one tenant, one deadline.
inline TransactionScope TenantScope(std::string tenant_id, absl::Time deadline) {
  return TransactionScope{std::move(tenant_id), false, deadline};
}

// RunTransaction runs `body` in a read-write transaction with `scope` applied and
// commits when it returns OK (any error rolls back). Database exceptions become
// statuses (see error_mapping.h); a lost connection is dropped from the pool.
absl::Status RunTransaction(ConnectionPool& pool, const TransactionScope& scope,
                            const std::function<absl::Status(pqxx::work&)>& body);

// RunTransaction<T> is the same for a body that produces a value.
template <typename T, typename Body>
absl::StatusOr<T> RunTransaction(ConnectionPool& pool, const TransactionScope& scope, Body&& body) {
  std::optional<T> value;
  absl::Status status = RunTransaction(pool, scope, [&](pqxx::work& txn) -> absl::Status {
    absl::StatusOr<T> result = body(txn);
    if (!result.ok()) return result.status();
    value.emplace(std::move(result).value());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return std::move(*value);
}

// RequireVisibleTenant is NOT_FOUND unless the tenant `tenant_id` is visible in the
// transaction's context. Checking first means a foreign or unknown tenant is NOT_FOUND,
// never a foreign-key error that would tell the two apart.
absl::Status RequireVisibleTenant(pqxx::work& txn, const std::string& tenant_id);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_TRANSACTION_H_
