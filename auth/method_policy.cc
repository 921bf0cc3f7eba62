// method_policy.cc — authorization checks.
#include "auth/method_policy.h"

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "domain/uuid.h"

namespace npsd::auth {

absl::Status Authorize(const Principal& principal, const MethodPolicy& policy) {
  if (principal.is_operator()) {
    if (policy.operator_allowed) return absl::OkStatus();
    return absl::PermissionDeniedError("the operator credential may only call TenantService");
  }
  if (!policy.tenant_scope.has_value()) {
    return absl::PermissionDeniedError("this method is reserved to the operator credential");
  }
  if (!principal.scopes.Has(*policy.tenant_scope)) {
    return absl::PermissionDeniedError(
        absl::StrCat("the credential lacks the '", domain::ScopeName(*policy.tenant_scope), "' scope"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> TargetTenant(const Principal& principal, const std::string& field,
                                         const std::string& requested_id) {
  NPSD_ASSIGN_OR_RETURN(std::string tenant_id, domain::ParseIdField(field, requested_id));
  if (principal.is_operator() || tenant_id == principal.tenant_id) return tenant_id;
  return absl::NotFoundError("tenant not found");
}

}  // namespace npsd::auth
