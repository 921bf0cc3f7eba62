// org_unit.h — the organization catalogue: regions, brands and business units.
//
// A tenant's catalogue holds units of three kinds. Each unit has a code, unique per
// tenant and kind and never changed once created, by which campaigns and responses
// reference it. Regions and business units may have a parent of the same kind (a tree
// of any depth, e.g. EMEA > FR > FR-IDF); brands never have one. Archived units stay
// valid for historical data but take no new children and no new campaigns.
//
// The repository gathers what the store knows and these pure rules decide:
//
//   NPSD_RETURN_IF_ERROR(ValidateNewOrgUnit(unit));
//   NPSD_RETURN_IF_ERROR(CheckParent(unit, ParentChainOf(...)));  // unknown parent, cycle
#ifndef NPSD_DOMAIN_ORG_UNIT_H_
#define NPSD_DOMAIN_ORG_UNIT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::domain {

// OrgUnitKind is the dimension a unit belongs to.
enum class OrgUnitKind { kRegion, kBrand, kBusinessUnit };

// kMaxOrgCodeChars bounds codes, which are made of [A-Za-z0-9_.-].
inline constexpr size_t kMaxOrgCodeChars = 64;

// kMaxOrgDisplayNameChars bounds display names, in code points.
inline constexpr size_t kMaxOrgDisplayNameChars = 200;

// OrgUnitKindName returns the stored name of a kind ("REGION", "BRAND", "BUSINESS_UNIT").
const char* OrgUnitKindName(OrgUnitKind kind);

// ParseOrgUnitKind returns the kind whose stored name is `name`, or nullopt.
std::optional<OrgUnitKind> ParseOrgUnitKind(const std::string& name);

// OrgUnitKindHasParents is true for the kinds that form a hierarchy (not brands).
bool OrgUnitKindHasParents(OrgUnitKind kind);

// OrgUnit is one entry of a tenant's catalogue.
struct OrgUnit {
  std::string id;  // canonical UUID
  OrgUnitKind kind = OrgUnitKind::kRegion;
  std::string code;                        // unique per tenant and kind, immutable
  std::string display_name;
  std::optional<std::string> parent_code;  // a unit of the same kind; unset for a root
  bool archived = false;
  int64_t version = 1;  // bumped by every change; the API shows it as the etag
  absl::Time create_time;
  absl::Time update_time;
};

// OrgUnitPatch holds the fields an update changes (unset members stay as they are).
struct OrgUnitPatch {
  std::optional<std::string> display_name;
  // Set to change the parent: to another code, or to nullopt to make the unit a root.
  std::optional<std::optional<std::string>> parent_code;
  std::optional<int64_t> expected_version;  // from the etag; unset skips the check
};

// OrgUnitFilter selects the units of a list.
struct OrgUnitFilter {
  std::optional<OrgUnitKind> kind;         // unset: every kind
  std::optional<std::string> parent_code;  // unset: any parent; set: direct children only
  bool show_archived = false;              // archived units are hidden unless set
};

// ParentChain is the proposed parent of a unit as the store sees it.
struct ParentChain {
  bool parent_archived = false;
  // The parent's code, then its parent's, and so on up to a root.
  std::vector<std::string> codes;
};

// ValidateNewOrgUnit checks a unit to create; field paths start with "org_unit.".
absl::Status ValidateNewOrgUnit(const OrgUnit& unit);

// ApplyOrgUnitPatch applies `patch` to `unit` and validates the result. A stale
// expected_version is ABORTED; invalid values are INVALID_ARGUMENT.
absl::Status ApplyOrgUnitPatch(const OrgUnitPatch& patch, OrgUnit& unit);

// CheckParent checks the parent of `unit` against `parent`, the chain found for
// unit.parent_code (nullopt when no unit of that kind has that code). INVALID_ARGUMENT
// on `org_unit.parent_code` when the parent is unknown, archived while `unit` is not,
// or `unit` itself (a cycle). OK when the unit has no parent.
absl::Status CheckParent(const OrgUnit& unit, const std::optional<ParentChain>& parent);

// ApplyArchived archives (`archived` true) or restores `unit`. A stale expected_version
// is ABORTED; archiving a unit with `active_children` > 0, or restoring one whose parent
// is archived, is FAILED_PRECONDITION. Archiving an archived unit changes nothing.
absl::Status ApplyArchived(bool archived, std::optional<int64_t> expected_version,
                           int64_t active_children, bool parent_archived, OrgUnit& unit);

// ValidateOrgUnitFilter checks a list filter: a parent code must be a valid code and
// needs a kind (codes are unique per kind only). Field paths are `kind`, `parent_code`.
absl::Status ValidateOrgUnitFilter(const OrgUnitFilter& filter);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_ORG_UNIT_H_
