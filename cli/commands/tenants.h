// tenants.h — npsctl's tenant calls (TenantService).
//
//   TenantFields fields;
//   fields.display_name = "Acme";
//   absl::StatusOr<nps::v1::Tenant> tenant = CreateTenant(connection, fields);
//
// Creating and listing tenants needs the operator credential; a tenant admin key may
// read and update its own tenant.
#ifndef NPSD_CLI_COMMANDS_TENANTS_H_
#define NPSD_CLI_COMMANDS_TENANTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/tenant_service.pb.h"

namespace npsd::cli {

// TenantFields are the settable fields of a tenant; nullopt leaves a field unchanged
// on update (and at its default on create).
struct TenantFields {
  std::optional<std::string> display_name;
  std::optional<std::string> state;  // active | suspended (update, operator only)
  std::optional<std::string> industry;
  std::optional<bool> benchmark_opt_in;
  std::optional<int> minimum_sample_size;
  std::string etag;  // update: the etag last read; empty skips the check
};

// CreateTenant registers a tenant (operator only).
absl::StatusOr<nps::v1::Tenant> CreateTenant(const Connection& connection, const TenantFields& fields);

// GetTenant reads one tenant.
absl::StatusOr<nps::v1::Tenant> GetTenant(const Connection& connection, const std::string& tenant_id);

// ListTenants reads up to `limit` tenants (0: all), oldest first (operator only).
absl::StatusOr<std::vector<nps::v1::Tenant>> ListTenants(const Connection& connection, int limit);

// UpdateTenant changes the fields that are set in `fields`.
absl::StatusOr<nps::v1::Tenant> UpdateTenant(const Connection& connection, const std::string& tenant_id,
                                             const TenantFields& fields);

// TenantTable shows tenants, one per row.
Table TenantTable(const std::vector<nps::v1::Tenant>& tenants);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_TENANTS_H_
