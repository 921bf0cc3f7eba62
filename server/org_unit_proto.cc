// org_unit_proto.cc — catalogue message conversions.
#include "server/org_unit_proto.h"

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "server/etag.h"
#include "server/proto_time.h"

namespace npsd::server {
namespace {

std::optional<domain::OrgUnitKind> KindFromProto(int value) {
  switch (value) {
    case nps::v1::REGION:
      return domain::OrgUnitKind::kRegion;
    case nps::v1::BRAND:
      return domain::OrgUnitKind::kBrand;
    case nps::v1::BUSINESS_UNIT:
      return domain::OrgUnitKind::kBusinessUnit;
    default:
      return std::nullopt;
  }
}

nps::v1::OrgUnitKind KindToProto(domain::OrgUnitKind kind) {
  switch (kind) {
    case domain::OrgUnitKind::kRegion:
      return nps::v1::REGION;
    case domain::OrgUnitKind::kBrand:
      return nps::v1::BRAND;
    case domain::OrgUnitKind::kBusinessUnit:
      return nps::v1::BUSINESS_UNIT;
  }
  return nps::v1::ORG_UNIT_KIND_UNSPECIFIED;
}

// OptionalCode maps proto3's empty string to "no code".
std::optional<std::string> OptionalCode(const std::string& code) {
  if (code.empty()) return std::nullopt;
  return code;
}

// ApplyMaskPath copies the field `path` of `unit` into `patch`.
void ApplyMaskPath(const std::string& path, const nps::v1::OrgUnit& unit, int index,
                   domain::OrgUnitPatch& patch, domain::FieldViolations& violations) {
  const std::string field = absl::StrCat("update_mask.paths[", index, "]");
  if (path == "display_name") {
    patch.display_name = unit.display_name();
  } else if (path == "parent_code") {
    patch.parent_code = OptionalCode(unit.parent_code());
  } else if (path == "kind" || path == "code") {
    violations.Add(field, "names a field that never changes after creation");
  } else {
    violations.Add(field, "is not an updatable field");
  }
}

}  // namespace

nps::v1::OrgUnit ToProto(const domain::OrgUnit& unit) {
  nps::v1::OrgUnit proto;
  proto.set_id(unit.id);
  proto.set_kind(KindToProto(unit.kind));
  proto.set_code(unit.code);
  proto.set_display_name(unit.display_name);
  proto.set_parent_code(unit.parent_code.value_or(""));
  proto.set_archived(unit.archived);
  *proto.mutable_create_time() = ToProtoTime(unit.create_time);
  *proto.mutable_update_time() = ToProtoTime(unit.update_time);
  proto.set_etag(absl::StrCat(unit.version));
  return proto;
}

absl::StatusOr<domain::OrgUnit> NewOrgUnitFromProto(const nps::v1::OrgUnit& proto) {
  const std::optional<domain::OrgUnitKind> kind = KindFromProto(proto.kind());
  if (!kind.has_value()) {
    return domain::InvalidField("org_unit.kind", "must be REGION, BRAND or BUSINESS_UNIT");
  }
  domain::OrgUnit unit;
  unit.kind = *kind;
  unit.code = proto.code();
  unit.display_name = proto.display_name();
  unit.parent_code = OptionalCode(proto.parent_code());
  return unit;
}

absl::StatusOr<domain::OrgUnitPatch> OrgUnitPatchFromProto(const nps::v1::UpdateOrgUnitRequest& request) {
  domain::FieldViolations violations;
  domain::OrgUnitPatch patch;
  if (request.update_mask().paths_size() == 0) {
    violations.Add("update_mask", "must name at least one field");
  }
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    ApplyMaskPath(request.update_mask().paths(i), request.org_unit(), i, patch, violations);
  }
  absl::StatusOr<std::optional<int64_t>> version =
      ParseEtag("org_unit.etag", request.org_unit().etag());
  if (version.ok()) {
    patch.expected_version = *version;
  } else {
    violations.Add("org_unit.etag", "is not an etag returned by this server");
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return patch;
}

absl::StatusOr<domain::OrgUnitFilter> OrgUnitFilterFromProto(const nps::v1::ListOrgUnitsRequest& request) {
  domain::OrgUnitFilter filter;
  if (request.kind() != nps::v1::ORG_UNIT_KIND_UNSPECIFIED) {
    filter.kind = KindFromProto(request.kind());
    if (!filter.kind.has_value()) return domain::InvalidField("kind", "is not a known kind");
  }
  filter.parent_code = OptionalCode(request.parent_code());
  filter.show_archived = request.show_archived();
  NPSD_RETURN_IF_ERROR(domain::ValidateOrgUnitFilter(filter));
  return filter;
}

}  // namespace npsd::server
