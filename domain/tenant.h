// tenant.h — a tenant (one enterprise customer) and the rules for changing it.
//
// The repository reads the current tenant, applies a TenantPatch with ApplyTenantPatch
// (which validates the result), and writes it back with its version bumped.
#ifndef NPSD_DOMAIN_TENANT_H_
#define NPSD_DOMAIN_TENANT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::domain {

// TenantState says whether a tenant's credentials may be used.
enum class TenantState { kActive, kSuspended };

// kDefaultMinimumSampleSize is the smallest segment that gets a score unless configured.
inline constexpr int32_t kDefaultMinimumSampleSize = 30;

// Tenant is one enterprise customer.
struct Tenant {
  std::string id;  // canonical UUID
  std::string display_name;
  TenantState state = TenantState::kActive;
  std::string industry;  // label for the industry benchmark, may be empty
  bool benchmark_opt_in = false;
  int32_t minimum_sample_size = kDefaultMinimumSampleSize;
  int64_t version = 1;  // bumped by every update; the API shows it as the etag
  absl::Time create_time;
  absl::Time update_time;
};

// TenantPatch holds the fields an update changes (unset members stay as they are).
struct TenantPatch {
  std::optional<std::string> display_name;
  std::optional<TenantState> state;
  std::optional<std::string> industry;
  std::optional<bool> benchmark_opt_in;
  std::optional<int32_t> minimum_sample_size;
  std::optional<int64_t> expected_version;  // from the etag; unset skips the check
};

// ValidateNewTenant checks a tenant to create; field paths start with "tenant.".
absl::Status ValidateNewTenant(const Tenant& tenant);

// ApplyTenantPatch applies `patch` to `tenant` and validates the result. A stale
// expected_version is ABORTED; invalid values are INVALID_ARGUMENT.
absl::Status ApplyTenantPatch(const TenantPatch& patch, Tenant& tenant);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_TENANT_H_
