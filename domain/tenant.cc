// tenant.cc — tenant validation and updates.
#include "domain/tenant.h"

#include "domain/field_violation.h"
#include "domain/text.h"

namespace npsd::domain {
namespace {

constexpr int32_t kMaxMinimumSampleSize = 100000;

void CheckIndustry(const std::string& industry, FieldViolations& violations) {
  if (industry.empty()) return;
  if (industry.size() > 64) {
    violations.Add("tenant.industry", "must be at most 64 characters");
    return;
  }
  for (char c : industry) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      violations.Add("tenant.industry", "may only contain a-z, 0-9 and '-'");
      return;
    }
  }
}

absl::Status ValidateTenant(const Tenant& tenant) {
  FieldViolations violations;
  CheckText("tenant.display_name", tenant.display_name, TextRule{}, violations);
  CheckIndustry(tenant.industry, violations);
  if (tenant.minimum_sample_size < 1 || tenant.minimum_sample_size > kMaxMinimumSampleSize) {
    violations.Add("tenant.minimum_sample_size", "must be between 1 and 100000");
  }
  if (tenant.benchmark_opt_in && tenant.industry.empty()) {
    violations.Add("tenant.industry_benchmark_opt_in", "requires tenant.industry");
  }
  return violations.ToStatus();
}

}  // namespace

absl::Status ValidateNewTenant(const Tenant& tenant) { return ValidateTenant(tenant); }

absl::Status ApplyTenantPatch(const TenantPatch& patch, Tenant& tenant) {
  if (patch.expected_version.has_value() && *patch.expected_version != tenant.version) {
    return absl::AbortedError("the tenant was changed since it was read (stale etag)");
  }
  if (patch.display_name) tenant.display_name = *patch.display_name;
  if (patch.state) tenant.state = *patch.state;
  if (patch.industry) tenant.industry = *patch.industry;
  if (patch.benchmark_opt_in) tenant.benchmark_opt_in = *patch.benchmark_opt_in;
  if (patch.minimum_sample_size) tenant.minimum_sample_size = *patch.minimum_sample_size;
  return ValidateTenant(tenant);
}

}  // namespace npsd::domain
