// tenant_proto.h — conversions between nps.v1 tenant/API key messages and the domain.
//
// Conversions from requests validate what only the wire format can get wrong (unknown
// enum values, field mask paths, etags); the domain validates the values themselves.
#ifndef NPSD_SERVER_TENANT_PROTO_H_
#define NPSD_SERVER_TENANT_PROTO_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/api_key.h"
#include "domain/tenant.h"
#include "nps/v1/tenant_service.pb.h"

namespace npsd::server {

// ToProto renders a tenant; the etag is its version.
nps::v1::Tenant ToProto(const domain::Tenant& tenant);

// ToProto renders an API key's metadata with its state at `now`.
nps::v1::ApiKey ToProto(const domain::ApiKey& key, absl::Time now);

// NewTenantFromProto reads the tenant of a CreateTenantRequest.
domain::Tenant NewTenantFromProto(const nps::v1::Tenant& tenant);

// TenantPatchFromProto reads an UpdateTenantRequest: INVALID_ARGUMENT for unknown mask
// paths, an empty mask, a malformed etag or an unknown state.
absl::StatusOr<domain::TenantPatch> TenantPatchFromProto(const nps::v1::UpdateTenantRequest& request);

// NewApiKeyFromProto reads the key of a CreateApiKeyRequest: INVALID_ARGUMENT for
// unknown or unspecified scopes.
absl::StatusOr<domain::NewApiKey> NewApiKeyFromProto(const nps::v1::ApiKey& key);

}  // namespace npsd::server

#endif  // NPSD_SERVER_TENANT_PROTO_H_
