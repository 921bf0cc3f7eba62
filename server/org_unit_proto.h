// org_unit_proto.h — conversions between nps.v1 catalogue messages and the domain.
//
// Conversions from requests validate what only the wire format can get wrong (unknown
// enum values, field mask paths, etags); the domain validates the values themselves.
#ifndef NPSD_SERVER_ORG_UNIT_PROTO_H_
#define NPSD_SERVER_ORG_UNIT_PROTO_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "domain/org_unit.h"
#include "nps/v1/organization_service.pb.h"

namespace npsd::server {

// ToProto renders a unit; the etag is its version.
nps::v1::OrgUnit ToProto(const domain::OrgUnit& unit);

// NewOrgUnitFromProto reads the unit of a CreateOrgUnitRequest: INVALID_ARGUMENT on
// `org_unit.kind` when the kind is unspecified or unknown.
absl::StatusOr<domain::OrgUnit> NewOrgUnitFromProto(const nps::v1::OrgUnit& unit);

// OrgUnitPatchFromProto reads an UpdateOrgUnitRequest: INVALID_ARGUMENT for an empty
// mask, paths that are unknown or immutable (`kind`, `code`), or a malformed etag.
absl::StatusOr<domain::OrgUnitPatch> OrgUnitPatchFromProto(const nps::v1::UpdateOrgUnitRequest& request);

// OrgUnitFilterFromProto reads the filter of a ListOrgUnitsRequest and validates it.
absl::StatusOr<domain::OrgUnitFilter> OrgUnitFilterFromProto(const nps::v1::ListOrgUnitsRequest& request);

}  // namespace npsd::server

#endif  // NPSD_SERVER_ORG_UNIT_PROTO_H_
