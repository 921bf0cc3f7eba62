// method_policy.h — who may call an RPC, and which tenant a request acts on.
//
// Each RPC declares a MethodPolicy; the server checks it before running the handler:
//
//   constexpr MethodPolicy kGetCampaign = MethodPolicy::TenantScope(Scope::kRead);
//   NPSD_RETURN_IF_ERROR(Authorize(principal, kGetCampaign));
#ifndef NPSD_AUTH_METHOD_POLICY_H_
#define NPSD_AUTH_METHOD_POLICY_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auth/principal.h"
#include "domain/scope.h"

namespace npsd::auth {

// MethodPolicy states which principals may call one RPC.
struct MethodPolicy {
  bool operator_allowed = false;              // the operator credential may call it
  std::optional<domain::Scope> tenant_scope;  // a tenant key with this scope may call it

  // OperatorOnly: only the operator credential (tenant registry methods).
  static MethodPolicy OperatorOnly() { return {true, std::nullopt}; }
  // OperatorOrScope: the operator, or a tenant key holding `scope`.
  static MethodPolicy OperatorOrScope(domain::Scope scope) { return {true, scope}; }
  // TenantScope: a tenant key holding `scope`; the operator may not call it.
  static MethodPolicy TenantScope(domain::Scope scope) { return {false, scope}; }
};

// Authorize is OK when `principal` may call a method with `policy`, else
// PERMISSION_DENIED naming the missing scope (never anything about other tenants).
absl::Status Authorize(const Principal& principal, const MethodPolicy& policy);

// TargetTenant resolves the tenant a request names in `field` (value `requested_id`):
// INVALID_ARGUMENT when malformed; for the operator, that tenant; for a tenant
// principal, its own tenant if it is the one named, else NOT_FOUND, exactly as for a
// tenant that does not exist.
absl::StatusOr<std::string> TargetTenant(const Principal& principal, const std::string& field,
                                         const std::string& requested_id);

}  // namespace npsd::auth

#endif  // NPSD_AUTH_METHOD_POLICY_H_
