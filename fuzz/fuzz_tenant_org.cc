// fuzz_tenant_org.cc — libFuzzer target: tenants, API keys and the org-unit catalogue.
//
// The input is parsed as each request message of TenantService and
// OrganizationService that carries data, then converted, validated and (for updates)
// applied to a valid resource, as the services and repositories do.
#include <cstddef>
#include <cstdint>

#include "absl/time/time.h"
#include "domain/api_key.h"
#include "domain/org_unit.h"
#include "domain/tenant.h"
#include "nps/v1/organization_service.pb.h"
#include "nps/v1/tenant_service.pb.h"
#include "server/org_unit_proto.h"
#include "server/tenant_proto.h"

namespace {

void FuzzTenant(const uint8_t* data, int size) {
  nps::v1::Tenant proto;
  if (!proto.ParseFromArray(data, size)) return;
  npsd::domain::Tenant tenant = npsd::server::NewTenantFromProto(proto);
  if (!npsd::domain::ValidateNewTenant(tenant).ok()) tenant = npsd::domain::Tenant{};
  nps::v1::UpdateTenantRequest update;
  if (!update.ParseFromArray(data, size)) return;
  absl::StatusOr<npsd::domain::TenantPatch> patch = npsd::server::TenantPatchFromProto(update);
  if (patch.ok()) (void)npsd::domain::ApplyTenantPatch(*patch, tenant);
}

void FuzzApiKey(const uint8_t* data, int size) {
  nps::v1::ApiKey proto;
  if (!proto.ParseFromArray(data, size)) return;
  absl::StatusOr<npsd::domain::NewApiKey> key = npsd::server::NewApiKeyFromProto(proto);
  if (key.ok()) (void)npsd::domain::ValidateNewApiKey(*key, absl::FromUnixSeconds(1800000000));
}

void FuzzOrgUnit(const uint8_t* data, int size) {
  nps::v1::OrgUnit proto;
  absl::StatusOr<npsd::domain::OrgUnit> unit = absl::InvalidArgumentError("not parsed");
  if (proto.ParseFromArray(data, size)) {
    unit = npsd::server::NewOrgUnitFromProto(proto);
    if (unit.ok() && !npsd::domain::ValidateNewOrgUnit(*unit).ok()) unit = absl::InvalidArgumentError("");
  }
  nps::v1::UpdateOrgUnitRequest update;
  if (update.ParseFromArray(data, size)) {
    absl::StatusOr<npsd::domain::OrgUnitPatch> patch = npsd::server::OrgUnitPatchFromProto(update);
    if (patch.ok() && unit.ok()) (void)npsd::domain::ApplyOrgUnitPatch(*patch, *unit);
  }
  nps::v1::ListOrgUnitsRequest list;
  if (list.ParseFromArray(data, size)) (void)npsd::server::OrgUnitFilterFromProto(list);
}

}  // namespace

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int length = static_cast<int>(size);
  FuzzTenant(data, length);
  FuzzApiKey(data, length);
  FuzzOrgUnit(data, length);
  return 0;
}
