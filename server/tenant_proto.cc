// tenant_proto.cc — tenant and API key message conversions.
#include "server/tenant_proto.h"

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "server/etag.h"
#include "server/proto_time.h"

namespace npsd::server {
namespace {

std::optional<domain::Scope> ScopeFromProto(int value) {
  switch (value) {
    case nps::v1::SCOPE_INGEST:
      return domain::Scope::kIngest;
    case nps::v1::SCOPE_READ:
      return domain::Scope::kRead;
    case nps::v1::SCOPE_CAMPAIGNS:
      return domain::Scope::kCampaigns;
    case nps::v1::SCOPE_PRIVACY:
      return domain::Scope::kPrivacy;
    case nps::v1::SCOPE_ADMIN:
      return domain::Scope::kAdmin;
    default:
      return std::nullopt;
  }
}

nps::v1::Scope ScopeToProto(domain::Scope scope) {
  switch (scope) {
    case domain::Scope::kIngest:
      return nps::v1::SCOPE_INGEST;
    case domain::Scope::kRead:
      return nps::v1::SCOPE_READ;
    case domain::Scope::kCampaigns:
      return nps::v1::SCOPE_CAMPAIGNS;
    case domain::Scope::kPrivacy:
      return nps::v1::SCOPE_PRIVACY;
    case domain::Scope::kAdmin:
      return nps::v1::SCOPE_ADMIN;
  }
  return nps::v1::SCOPE_UNSPECIFIED;
}

nps::v1::ApiKey::State KeyStateToProto(domain::ApiKeyState state) {
  switch (state) {
    case domain::ApiKeyState::kActive:
      return nps::v1::ApiKey::ACTIVE;
    case domain::ApiKeyState::kExpired:
      return nps::v1::ApiKey::EXPIRED;
    case domain::ApiKeyState::kRevoked:
      return nps::v1::ApiKey::REVOKED;
  }
  return nps::v1::ApiKey::STATE_UNSPECIFIED;
}

// ApplyMaskPath copies the field `path` of `tenant` into `patch`.
void ApplyMaskPath(const std::string& path, const nps::v1::Tenant& tenant, size_t index,
                   domain::TenantPatch& patch, domain::FieldViolations& violations) {
  if (path == "display_name") {
    patch.display_name = tenant.display_name();
  } else if (path == "industry") {
    patch.industry = tenant.industry();
  } else if (path == "industry_benchmark_opt_in") {
    patch.benchmark_opt_in = tenant.industry_benchmark_opt_in();
  } else if (path == "minimum_sample_size") {
    patch.minimum_sample_size = tenant.minimum_sample_size();
  } else if (path == "state") {
    if (tenant.state() == nps::v1::Tenant::ACTIVE) {
      patch.state = domain::TenantState::kActive;
    } else if (tenant.state() == nps::v1::Tenant::SUSPENDED) {
      patch.state = domain::TenantState::kSuspended;
    } else {
      violations.Add("tenant.state", "must be ACTIVE or SUSPENDED");
    }
  } else {
    violations.Add(absl::StrCat("update_mask.paths[", index, "]"), "is not an updatable field");
  }
}

}  // namespace

nps::v1::Tenant ToProto(const domain::Tenant& tenant) {
  nps::v1::Tenant proto;
  proto.set_id(tenant.id);
  proto.set_display_name(tenant.display_name);
  proto.set_state(tenant.state == domain::TenantState::kSuspended ? nps::v1::Tenant::SUSPENDED
                                                                  : nps::v1::Tenant::ACTIVE);
  proto.set_industry(tenant.industry);
  proto.set_industry_benchmark_opt_in(tenant.benchmark_opt_in);
  proto.set_minimum_sample_size(tenant.minimum_sample_size);
  *proto.mutable_create_time() = ToProtoTime(tenant.create_time);
  *proto.mutable_update_time() = ToProtoTime(tenant.update_time);
  proto.set_etag(absl::StrCat(tenant.version));
  return proto;
}

nps::v1::ApiKey ToProto(const domain::ApiKey& key, absl::Time now) {
  nps::v1::ApiKey proto;
  proto.set_id(key.id);
  proto.set_tenant_id(key.tenant_id);
  proto.set_display_name(key.display_name);
  for (domain::Scope scope : key.scopes.Scopes()) proto.add_scopes(ScopeToProto(scope));
  *proto.mutable_create_time() = ToProtoTime(key.create_time);
  if (key.expire_time) *proto.mutable_expire_time() = ToProtoTime(*key.expire_time);
  if (key.revoke_time) *proto.mutable_revoke_time() = ToProtoTime(*key.revoke_time);
  proto.set_state(KeyStateToProto(domain::ApiKeyStateAt(key, now)));
  return proto;
}

domain::Tenant NewTenantFromProto(const nps::v1::Tenant& proto) {
  domain::Tenant tenant;
  tenant.display_name = proto.display_name();
  tenant.industry = proto.industry();
  tenant.benchmark_opt_in = proto.industry_benchmark_opt_in();
  if (proto.minimum_sample_size() != 0) tenant.minimum_sample_size = proto.minimum_sample_size();
  return tenant;
}

absl::StatusOr<domain::TenantPatch> TenantPatchFromProto(const nps::v1::UpdateTenantRequest& request) {
  domain::FieldViolations violations;
  domain::TenantPatch patch;
  if (request.update_mask().paths_size() == 0) {
    violations.Add("update_mask", "must name at least one field");
  }
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    ApplyMaskPath(request.update_mask().paths(i), request.tenant(), i, patch, violations);
  }
  absl::StatusOr<std::optional<int64_t>> version = ParseEtag("tenant.etag", request.tenant().etag());
  violations.AddFrom(version.status());
  if (version.ok()) patch.expected_version = *version;
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return patch;
}

absl::StatusOr<domain::NewApiKey> NewApiKeyFromProto(const nps::v1::ApiKey& proto) {
  domain::FieldViolations violations;
  domain::NewApiKey key;
  key.display_name = proto.display_name();
  for (int i = 0; i < proto.scopes_size(); ++i) {
    std::optional<domain::Scope> scope = ScopeFromProto(proto.scopes(i));
    if (scope.has_value()) {
      key.scopes.push_back(*scope);
    } else {
      violations.Add(absl::StrCat("api_key.scopes[", i, "]"), "is not a known scope");
    }
  }
  if (proto.has_expire_time()) {
    absl::StatusOr<absl::Time> expire = FromProtoTime("api_key.expire_time", proto.expire_time());
    if (expire.ok()) {
      key.expire_time = *expire;
    } else {
      violations.Add("api_key.expire_time", "is not a valid timestamp");
    }
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return key;
}

}  // namespace npsd::server
