// pg_api_key_repository.cc — API keys in PostgreSQL.
#include "storage/pg/pg_api_key_repository.h"

#include <pqxx/pqxx>

#include "absl/strings/str_join.h"
#include "domain/status_macros.h"
#include "storage/pg/audit_trail.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

constexpr char kColumns[] =
    "k.api_key_id::text, k.tenant_id::text, k.display_name, k.scopes,"
    " npsd.to_micros(k.create_time), npsd.to_micros(k.expire_time),"
    " npsd.to_micros(k.revoke_time)";

domain::ApiKey ApiKeyFromRow(const pqxx::row& row) {
  domain::ApiKey key;
  key.id = row[0].as<std::string>();
  key.tenant_id = row[1].as<std::string>();
  key.display_name = row[2].as<std::string>();
  for (const std::string& name : TextArrayField(row[3])) {
    if (std::optional<domain::Scope> scope = domain::ParseScope(name)) key.scopes.Add(*scope);
  }
  key.create_time = TimeField(row[4]);
  key.expire_time = OptionalTimeField(row[5]);
  key.revoke_time = OptionalTimeField(row[6]);
  return key;
}

std::vector<std::string> ScopeNames(const std::vector<domain::Scope>& scopes) {
  std::vector<std::string> names;
  for (domain::Scope scope : scopes) names.emplace_back(domain::ScopeName(scope));
  return names;
}

}  // namespace

absl::StatusOr<domain::ApiKey> PgApiKeyRepository::CreateApiKey(const std::string& tenant_id,
                                                                const domain::NewApiKey& key,
                                                                const std::string& secret_sha256,
                                                                const std::string& actor, absl::Time deadline) {
  return RunTransaction<domain::ApiKey>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<domain::ApiKey> {
        NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
        const pqxx::result rows = txn.exec_params(
            std::string("INSERT INTO npsd.api_keys AS k (tenant_id, display_name, scopes,"
                        " secret_sha256, expire_time)"
                        " VALUES ($1::uuid, $2, $3::text[], $4, npsd.from_micros($5))"
                        " RETURNING ") + kColumns,
            tenant_id, key.display_name, TextArrayLiteral(ScopeNames(key.scopes)),
            pqxx::binarystring(secret_sha256), OptionalMicros(key.expire_time));
        domain::ApiKey created = ApiKeyFromRow(rows[0]);
        AppendAuditEvent(txn, tenant_id,
                         {actor, "api_key.create", created.id, "OK", {{"scopes", absl::StrJoin(created.scopes.Names(), " ")}}});
        return created;
      });
}

absl::StatusOr<Page<domain::ApiKey>> PgApiKeyRepository::ListApiKeys(const std::string& tenant_id,
                                                                     const PageRequest& page,
                                                                     absl::Time deadline) {
  return RunTransaction<Page<domain::ApiKey>>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<Page<domain::ApiKey>> {
        NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
        const bool has_cursor = page.after.has_value();
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM npsd.api_keys k WHERE k.tenant_id = $1::uuid AND (NOT $2 OR"
                " (k.create_time, k.api_key_id) > (npsd.from_micros($3), $4::uuid))"
                " ORDER BY k.create_time, k.api_key_id LIMIT $5",
            tenant_id, has_cursor, CursorMicros(page),
            CursorId(page), page.size + 1);
        std::vector<domain::ApiKey> keys;
        for (const auto& row : rows) keys.push_back(ApiKeyFromRow(row));
        return MakePage(std::move(keys), page.size, [](const domain::ApiKey& last) {
          return domain::PageCursor{last.create_time, last.id};
        });
      });
}

absl::StatusOr<domain::ApiKey> PgApiKeyRepository::RevokeApiKey(const std::string& tenant_id,
                                                                const std::string& api_key_id,
                                                                const std::string& actor, absl::Time deadline) {
  return RunTransaction<domain::ApiKey>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<domain::ApiKey> {
        const pqxx::result rows = txn.exec_params(
            std::string("UPDATE npsd.api_keys k SET revoke_time = coalesce(revoke_time, clock_timestamp())"
                        " WHERE k.tenant_id = $1::uuid AND k.api_key_id = $2::uuid RETURNING ") +
                kColumns,
            tenant_id, api_key_id);
        if (rows.empty()) return absl::NotFoundError("API key not found");
        AppendAuditEvent(txn, tenant_id, {actor, "api_key.revoke", api_key_id, "OK", {}});
        return ApiKeyFromRow(rows[0]);
      });
}

absl::Status PgApiKeyRepository::RecordAuthenticationFailure(const std::string& tenant_id,
                                                             const std::string& api_key_id,
                                                             const std::string& reason, absl::Time deadline) {
  return RunTransaction(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    AppendAuditEvent(txn, tenant_id, {api_key_id, "auth.failure", api_key_id, "UNAUTHENTICATED", {{"reason", reason}}});
    return absl::OkStatus();
  });
}

absl::StatusOr<ApiKeyCredential> PgApiKeyRepository::FindCredential(const std::string& tenant_id,
                                                                    const std::string& api_key_id,
                                                                    absl::Time deadline) {
  return RunTransaction<ApiKeyCredential>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<ApiKeyCredential> {
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns + ", k.secret_sha256, t.state"
                " FROM npsd.api_keys k JOIN npsd.tenants t USING (tenant_id)"
                " WHERE k.tenant_id = $1::uuid AND k.api_key_id = $2::uuid",
            tenant_id, api_key_id);
        if (rows.empty()) return absl::NotFoundError("API key not found");
        ApiKeyCredential credential;
        credential.key = ApiKeyFromRow(rows[0]);
        credential.secret_sha256 = pqxx::binarystring(rows[0][7]).str();
        credential.tenant_state = rows[0][8].as<std::string>() == "SUSPENDED"
                                      ? domain::TenantState::kSuspended
                                      : domain::TenantState::kActive;
        return credential;
      });
}

}  // namespace npsd::storage::pg
