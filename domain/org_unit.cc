// org_unit.cc — catalogue validation and hierarchy rules.
#include "domain/org_unit.h"

#include <algorithm>

#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace npsd::domain {
namespace {

constexpr char kParentField[] = "org_unit.parent_code";

void CheckParentField(const OrgUnit& unit, FieldViolations& violations) {
  if (!unit.parent_code.has_value()) return;
  if (!OrgUnitKindHasParents(unit.kind)) {
    violations.Add(kParentField, "must be empty: brands have no parent");
    return;
  }
  CheckCode(kParentField, *unit.parent_code, kMaxOrgCodeChars, violations);
  if (*unit.parent_code == unit.code) {
    violations.Add(kParentField, "must not name the unit itself");
  }
}

absl::Status ValidateOrgUnit(const OrgUnit& unit) {
  FieldViolations violations;
  CheckCode("org_unit.code", unit.code, kMaxOrgCodeChars, violations);
  CheckText("org_unit.display_name", unit.display_name, TextRule{true, kMaxOrgDisplayNameChars},
            violations);
  CheckParentField(unit, violations);
  return violations.ToStatus();
}

absl::Status CheckVersion(std::optional<int64_t> expected_version, const OrgUnit& unit) {
  if (expected_version.has_value() && *expected_version != unit.version) {
    return absl::AbortedError("the org unit was changed since it was read (stale etag)");
  }
  return absl::OkStatus();
}

}  // namespace

const char* OrgUnitKindName(OrgUnitKind kind) {
  switch (kind) {
    case OrgUnitKind::kRegion:
      return "REGION";
    case OrgUnitKind::kBrand:
      return "BRAND";
    case OrgUnitKind::kBusinessUnit:
      return "BUSINESS_UNIT";
  }
  return "REGION";
}

std::optional<OrgUnitKind> ParseOrgUnitKind(const std::string& name) {
  for (OrgUnitKind kind : {OrgUnitKind::kRegion, OrgUnitKind::kBrand, OrgUnitKind::kBusinessUnit}) {
    if (name == OrgUnitKindName(kind)) return kind;
  }
  return std::nullopt;
}

bool OrgUnitKindHasParents(OrgUnitKind kind) { return kind != OrgUnitKind::kBrand; }

absl::Status ValidateNewOrgUnit(const OrgUnit& unit) { return ValidateOrgUnit(unit); }

absl::Status ApplyOrgUnitPatch(const OrgUnitPatch& patch, OrgUnit& unit) {
  NPSD_RETURN_IF_ERROR(CheckVersion(patch.expected_version, unit));
  if (patch.display_name) unit.display_name = *patch.display_name;
  if (patch.parent_code) unit.parent_code = *patch.parent_code;
  return ValidateOrgUnit(unit);
}

absl::Status CheckParent(const OrgUnit& unit, const std::optional<ParentChain>& parent) {
  if (!unit.parent_code.has_value()) return absl::OkStatus();
  if (!parent.has_value()) {
    return InvalidField(kParentField, "does not name a unit of the same kind");
  }
  if (parent->parent_archived && !unit.archived) {
    return InvalidField(kParentField, "names an archived unit");
  }
  if (std::find(parent->codes.begin(), parent->codes.end(), unit.code) != parent->codes.end()) {
    return InvalidField(kParentField, "would make the unit its own ancestor (a cycle)");
  }
  return absl::OkStatus();
}

absl::Status ApplyArchived(bool archived, std::optional<int64_t> expected_version,
                           int64_t active_children, bool parent_archived, OrgUnit& unit) {
  NPSD_RETURN_IF_ERROR(CheckVersion(expected_version, unit));
  if (unit.archived == archived) return absl::OkStatus();
  if (archived && active_children > 0) {
    return absl::FailedPreconditionError(
        "the unit has children that are not archived; archive them first");
  }
  if (!archived && parent_archived) {
    return absl::FailedPreconditionError("the unit's parent is archived; restore it first");
  }
  unit.archived = archived;
  return absl::OkStatus();
}

absl::Status ValidateOrgUnitFilter(const OrgUnitFilter& filter) {
  FieldViolations violations;
  if (filter.parent_code.has_value()) {
    CheckCode("parent_code", *filter.parent_code, kMaxOrgCodeChars, violations);
    if (!filter.kind.has_value()) violations.Add("kind", "is required with parent_code");
  }
  return violations.ToStatus();
}

}  // namespace npsd::domain
