// units.h — npsctl's catalogue calls (OrganizationService): regions, brands, business units.
//
//   UnitFields fields{"region", "FR-IDF", "Île-de-France", "FR"};  // kind, code, name, parent
//   absl::StatusOr<nps::v1::OrgUnit> unit = CreateUnit(connection, fields);
//
// Needs a tenant key: `campaigns` scope to write, `read` to read.
#ifndef NPSD_CLI_COMMANDS_UNITS_H_
#define NPSD_CLI_COMMANDS_UNITS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/organization_service.pb.h"

namespace npsd::cli {

// UnitFields describe a unit to create.
struct UnitFields {
  std::string kind;  // region | brand | business-unit
  std::string code;
  std::string display_name;
  std::string parent_code;  // empty: a root
};

// UnitChanges are the fields to update; nullopt leaves a field unchanged and an empty
// parent code makes the unit a root.
struct UnitChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> parent_code;
  std::string etag;
};

// UnitFilter selects units to list.
struct UnitFilter {
  std::string kind;         // empty: every kind
  std::string parent_code;  // direct children of this code (needs kind)
  bool show_archived = false;
  int limit = 100;          // 0: all
};

// CreateUnit adds a unit to the catalogue.
absl::StatusOr<nps::v1::OrgUnit> CreateUnit(const Connection& connection, const UnitFields& fields);

// GetUnit reads one unit by id.
absl::StatusOr<nps::v1::OrgUnit> GetUnit(const Connection& connection, const std::string& id);

// ListUnits reads units, oldest first.
absl::StatusOr<std::vector<nps::v1::OrgUnit>> ListUnits(const Connection& connection, const UnitFilter& filter);

// UpdateUnit changes a unit's name or parent.
absl::StatusOr<nps::v1::OrgUnit> UpdateUnit(const Connection& connection, const std::string& id,
                                            const UnitChanges& changes);

// ArchiveUnit archives (`archived` true) or restores a unit.
absl::StatusOr<nps::v1::OrgUnit> ArchiveUnit(const Connection& connection, const std::string& id, bool archived,
                                             const std::string& etag);

// UnitTable shows units, one per row.
Table UnitTable(const std::vector<nps::v1::OrgUnit>& units);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_UNITS_H_
