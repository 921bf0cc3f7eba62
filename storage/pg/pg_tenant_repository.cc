// pg_tenant_repository.cc — tenants in PostgreSQL.
#include "storage/pg/pg_tenant_repository.h"

#include <pqxx/pqxx>

#include "absl/strings/str_join.h"
#include "domain/status_macros.h"
#include "storage/pg/audit_trail.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

constexpr char kColumns[] =
    "tenant_id::text, display_name, state, industry, benchmark_opt_in, minimum_sample_size,"
    " version, npsd.to_micros(create_time), npsd.to_micros(update_time)";

const char* StateName(domain::TenantState state) {
  return state == domain::TenantState::kSuspended ? "SUSPENDED" : "ACTIVE";
}

domain::Tenant TenantFromRow(const pqxx::row& row) {
  domain::Tenant tenant;
  tenant.id = row[0].as<std::string>();
  tenant.display_name = row[1].as<std::string>();
  tenant.state = row[2].as<std::string>() == "SUSPENDED" ? domain::TenantState::kSuspended
                                                         : domain::TenantState::kActive;
  tenant.industry = row[3].as<std::string>();
  tenant.benchmark_opt_in = row[4].as<bool>();
  tenant.minimum_sample_size = row[5].as<int32_t>();
  tenant.version = row[6].as<int64_t>();
  tenant.create_time = TimeField(row[7]);
  tenant.update_time = TimeField(row[8]);
  return tenant;
}

absl::StatusOr<domain::Tenant> SelectTenant(pqxx::work& txn, const std::string& tenant_id,
                                            bool for_update) {
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT ") + kColumns + " FROM npsd.tenants WHERE tenant_id = $1::uuid" +
          (for_update ? " FOR UPDATE" : ""),
      tenant_id);
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  return TenantFromRow(rows[0]);
}

// ChangedFields names the fields a patch sets (never their values).
std::string ChangedFields(const domain::TenantPatch& patch) {
  std::vector<std::string> fields;
  if (patch.display_name) fields.push_back("display_name");
  if (patch.state) fields.push_back("state");
  if (patch.industry) fields.push_back("industry");
  if (patch.benchmark_opt_in) fields.push_back("industry_benchmark_opt_in");
  if (patch.minimum_sample_size) fields.push_back("minimum_sample_size");
  return absl::StrJoin(fields, " ");
}

}  // namespace

absl::StatusOr<domain::Tenant> PgTenantRepository::CreateTenant(const domain::Tenant& tenant,
                                                                absl::Time deadline) {
  // The new id is drawn first so the insert runs within the new tenant's own context.
  return RunTransaction<domain::Tenant>(
      pool_, TransactionScope{"", false, deadline},
      [&](pqxx::work& txn) -> absl::StatusOr<domain::Tenant> {
        const std::string id = txn.exec("SELECT gen_random_uuid()::text")[0][0].as<std::string>();
        txn.exec_params("SELECT set_config('app.tenant_id', $1, true)", id);
        const pqxx::result rows = txn.exec_params(
            std::string("INSERT INTO npsd.tenants (tenant_id, display_name, industry,"
                        " benchmark_opt_in, minimum_sample_size)"
                        " VALUES ($1::uuid, $2, $3, $4, $5) RETURNING ") + kColumns,
            id, tenant.display_name, tenant.industry, tenant.benchmark_opt_in,
            tenant.minimum_sample_size);
        return TenantFromRow(rows[0]);
      });
}

absl::StatusOr<domain::Tenant> PgTenantRepository::GetTenant(const std::string& tenant_id,
                                                             absl::Time deadline) {
  return RunTransaction<domain::Tenant>(pool_, TenantScope(tenant_id, deadline),
                                        [&](pqxx::work& txn) {
                                          return SelectTenant(txn, tenant_id, false);
                                        });
}

absl::StatusOr<Page<domain::Tenant>> PgTenantRepository::ListAllTenants(const PageRequest& page,
                                                                        absl::Time deadline) {
  return RunTransaction<Page<domain::Tenant>>(
      pool_, TransactionScope{"", true, deadline},
      [&](pqxx::work& txn) -> absl::StatusOr<Page<domain::Tenant>> {
        const bool has_cursor = page.after.has_value();
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM npsd.tenants WHERE NOT $1 OR (create_time, tenant_id) >"
                " (npsd.from_micros($2), $3::uuid)"
                " ORDER BY create_time, tenant_id LIMIT $4",
            has_cursor, CursorMicros(page),
            CursorId(page), page.size + 1);
        std::vector<domain::Tenant> tenants;
        for (const auto& row : rows) tenants.push_back(TenantFromRow(row));
        return MakePage(std::move(tenants), page.size, [](const domain::Tenant& last) {
          return domain::PageCursor{last.create_time, last.id};
        });
      });
}

absl::StatusOr<domain::Tenant> PgTenantRepository::UpdateTenant(const std::string& tenant_id,
                                                                const domain::TenantPatch& patch,
                                                                const std::string& actor, absl::Time deadline) {
  return RunTransaction<domain::Tenant>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<domain::Tenant> {
        NPSD_ASSIGN_OR_RETURN(domain::Tenant tenant, SelectTenant(txn, tenant_id, true));
        NPSD_RETURN_IF_ERROR(domain::ApplyTenantPatch(patch, tenant));
        const pqxx::result rows = txn.exec_params(
            std::string("UPDATE npsd.tenants SET display_name = $2, state = $3, industry = $4,"
                        " benchmark_opt_in = $5, minimum_sample_size = $6,"
                        " version = version + 1, update_time = clock_timestamp()"
                        " WHERE tenant_id = $1::uuid RETURNING ") + kColumns,
            tenant_id, tenant.display_name, StateName(tenant.state), tenant.industry,
            tenant.benchmark_opt_in, tenant.minimum_sample_size);
        AppendAuditEvent(txn, tenant_id, {actor, "tenant.update", tenant_id, "OK", {{"fields", ChangedFields(patch)}}});
        return TenantFromRow(rows[0]);
      });
}

}  // namespace npsd::storage::pg
