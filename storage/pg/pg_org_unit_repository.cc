// pg_org_unit_repository.cc — the organization catalogue in PostgreSQL.
#include "storage/pg/pg_org_unit_repository.h"

#include <utility>

#include <pqxx/pqxx>

#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

using domain::OrgUnit;
using domain::OrgUnitKind;

constexpr char kColumns[] =
    "unit_id::text, kind, code, display_name, parent_code, archived, version,"
    " npsd.to_micros(create_time), npsd.to_micros(update_time)";

OrgUnit OrgUnitFromRow(const pqxx::row& row) {
  OrgUnit unit;
  unit.id = row[0].as<std::string>();
  // The table's CHECK constraint admits only the three stored kind names.
  unit.kind = domain::ParseOrgUnitKind(row[1].as<std::string>()).value_or(OrgUnitKind::kRegion);
  unit.code = row[2].as<std::string>();
  unit.display_name = row[3].as<std::string>();
  if (!row[4].is_null()) unit.parent_code = row[4].as<std::string>();
  unit.archived = row[5].as<bool>();
  unit.version = row[6].as<int64_t>();
  unit.create_time = TimeField(row[7]);
  unit.update_time = TimeField(row[8]);
  return unit;
}

absl::Status UnitNotFound() { return absl::NotFoundError("org unit not found"); }

// LockHierarchy serializes, until the transaction ends, the catalogue writes of one
// tenant and kind: each then reads a hierarchy no concurrent write is changing.
void LockHierarchy(pqxx::work& txn, const std::string& tenant_id, OrgUnitKind kind) {
  txn.exec_params(
      "SELECT pg_advisory_xact_lock(hashtextextended('npsd.org_units/' || $1 || '/' || $2, 0))",
      tenant_id, domain::OrgUnitKindName(kind));
}

// LockUnit takes the hierarchy lock of the unit's kind, then reads the unit for update.
absl::StatusOr<OrgUnit> LockUnit(pqxx::work& txn, const std::string& tenant_id,
                                 const std::string& unit_id) {
  const pqxx::result kinds = txn.exec_params(
      "SELECT kind FROM npsd.org_units WHERE tenant_id = $1::uuid AND unit_id = $2::uuid",
      tenant_id, unit_id);
  if (kinds.empty()) return UnitNotFound();
  LockHierarchy(txn, tenant_id,
                domain::ParseOrgUnitKind(kinds[0][0].as<std::string>()).value_or(OrgUnitKind::kRegion));
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT ") + kColumns +
          " FROM npsd.org_units WHERE tenant_id = $1::uuid AND unit_id = $2::uuid FOR UPDATE",
      tenant_id, unit_id);
  if (rows.empty()) return UnitNotFound();
  return OrgUnitFromRow(rows[0]);
}

// FindParentChain returns `parent_code` and its ancestors up to a root, or nullopt when
// the tenant has no unit of `kind` with that code. The CYCLE clause stops the walk even
// on data that a bug had left cyclic.
std::optional<domain::ParentChain> FindParentChain(pqxx::work& txn, const std::string& tenant_id,
                                                   OrgUnitKind kind, const std::string& parent_code) {
  const pqxx::result rows = txn.exec_params(
      "WITH RECURSIVE chain (code, parent_code, archived, depth) AS ("
      "  SELECT code, parent_code, archived, 0 FROM npsd.org_units"
      "   WHERE tenant_id = $1::uuid AND kind = $2 AND code = $3"
      "  UNION ALL"
      "  SELECT u.code, u.parent_code, u.archived, c.depth + 1"
      "    FROM npsd.org_units u JOIN chain c"
      "      ON u.tenant_id = $1::uuid AND u.kind = $2 AND u.code = c.parent_code"
      ") CYCLE code SET is_cycle USING path "
      "SELECT code, archived FROM chain WHERE NOT is_cycle ORDER BY depth",
      tenant_id, domain::OrgUnitKindName(kind), parent_code);
  if (rows.empty()) return std::nullopt;
  domain::ParentChain chain;
  chain.parent_archived = rows[0][1].as<bool>();
  for (const auto& row : rows) chain.codes.push_back(row[0].as<std::string>());
  return chain;
}

// CheckParentOf applies domain::CheckParent to the parent `unit` names, if any.
absl::Status CheckParentOf(pqxx::work& txn, const std::string& tenant_id, const OrgUnit& unit) {
  if (!unit.parent_code.has_value()) return absl::OkStatus();
  return domain::CheckParent(unit, FindParentChain(txn, tenant_id, unit.kind, *unit.parent_code));
}

int64_t CountActiveChildren(pqxx::work& txn, const std::string& tenant_id, const OrgUnit& unit) {
  return txn
      .exec_params(
          "SELECT count(*) FROM npsd.org_units"
          " WHERE tenant_id = $1::uuid AND kind = $2 AND parent_code = $3 AND NOT archived",
          tenant_id, domain::OrgUnitKindName(unit.kind), unit.code)[0][0]
      .as<int64_t>();
}

bool ParentArchived(pqxx::work& txn, const std::string& tenant_id, const OrgUnit& unit) {
  if (!unit.parent_code.has_value()) return false;
  const std::optional<domain::ParentChain> parent =
      FindParentChain(txn, tenant_id, unit.kind, *unit.parent_code);
  return parent.has_value() && parent->parent_archived;
}

// WriteUnit stores the mutable fields of `unit` and bumps its version.
OrgUnit WriteUnit(pqxx::work& txn, const std::string& tenant_id, const OrgUnit& unit) {
  const pqxx::result rows = txn.exec_params(
      std::string("UPDATE npsd.org_units SET display_name = $3, parent_code = $4, archived = $5,"
                  " version = version + 1, update_time = clock_timestamp()"
                  " WHERE tenant_id = $1::uuid AND unit_id = $2::uuid RETURNING ") + kColumns,
      tenant_id, unit.id, unit.display_name, unit.parent_code, unit.archived);
  return OrgUnitFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<OrgUnit> PgOrgUnitRepository::CreateOrgUnit(const std::string& tenant_id,
                                                           const OrgUnit& unit, absl::Time deadline) {
  return RunTransaction<OrgUnit>(
      pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) -> absl::StatusOr<OrgUnit> {
        NPSD_RETURN_IF_ERROR(RequireVisibleTenant(txn, tenant_id));
        LockHierarchy(txn, tenant_id, unit.kind);
        NPSD_RETURN_IF_ERROR(CheckParentOf(txn, tenant_id, unit));
        const pqxx::result rows = txn.exec_params(
            std::string("INSERT INTO npsd.org_units (tenant_id, kind, code, display_name, parent_code)"
                        " VALUES ($1::uuid, $2, $3, $4, $5)"
                        " ON CONFLICT (tenant_id, kind, code) DO NOTHING RETURNING ") + kColumns,
            tenant_id, domain::OrgUnitKindName(unit.kind), unit.code, unit.display_name,
            unit.parent_code);
        if (rows.empty()) {
          return absl::AlreadyExistsError(
              "org_unit.code: a unit of this kind with this code already exists");
        }
        return OrgUnitFromRow(rows[0]);
      });
}

absl::StatusOr<OrgUnit> PgOrgUnitRepository::GetOrgUnit(const std::string& tenant_id,
                                                        const std::string& unit_id,
                                                        absl::Time deadline) {
  return RunTransaction<OrgUnit>(
      pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) -> absl::StatusOr<OrgUnit> {
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM npsd.org_units WHERE tenant_id = $1::uuid AND unit_id = $2::uuid",
            tenant_id, unit_id);
        if (rows.empty()) return UnitNotFound();
        return OrgUnitFromRow(rows[0]);
      });
}

absl::StatusOr<Page<OrgUnit>> PgOrgUnitRepository::ListOrgUnits(const std::string& tenant_id,
                                                                const domain::OrgUnitFilter& filter,
                                                                const PageRequest& page,
                                                                absl::Time deadline) {
  return RunTransaction<Page<OrgUnit>>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<Page<OrgUnit>> {
        std::optional<std::string> kind;
        if (filter.kind) kind = domain::OrgUnitKindName(*filter.kind);
        const bool has_cursor = page.after.has_value();
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM npsd.org_units WHERE tenant_id = $1::uuid"
                " AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR parent_code = $3)"
                " AND ($4 OR NOT archived)"
                " AND (NOT $5 OR (create_time, unit_id) > (npsd.from_micros($6), $7::uuid))"
                " ORDER BY create_time, unit_id LIMIT $8",
            tenant_id, kind, filter.parent_code, filter.show_archived, has_cursor,
            CursorMicros(page),
            CursorId(page), page.size + 1);
        std::vector<OrgUnit> units;
        for (const auto& row : rows) units.push_back(OrgUnitFromRow(row));
        return MakePage(std::move(units), page.size, [](const OrgUnit& last) {
          return domain::PageCursor{last.create_time, last.id};
        });
      });
}

absl::StatusOr<OrgUnit> PgOrgUnitRepository::UpdateOrgUnit(const std::string& tenant_id,
                                                           const std::string& unit_id,
                                                           const domain::OrgUnitPatch& patch,
                                                           absl::Time deadline) {
  return RunTransaction<OrgUnit>(
      pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) -> absl::StatusOr<OrgUnit> {
        NPSD_ASSIGN_OR_RETURN(OrgUnit unit, LockUnit(txn, tenant_id, unit_id));
        const std::optional<std::string> old_parent = unit.parent_code;
        NPSD_RETURN_IF_ERROR(domain::ApplyOrgUnitPatch(patch, unit));
        if (unit.parent_code != old_parent) NPSD_RETURN_IF_ERROR(CheckParentOf(txn, tenant_id, unit));
        return WriteUnit(txn, tenant_id, unit);
      });
}

absl::StatusOr<OrgUnit> PgOrgUnitRepository::SetOrgUnitArchived(const std::string& tenant_id,
                                                                const std::string& unit_id,
                                                                bool archived,
                                                                std::optional<int64_t> expected_version,
                                                                absl::Time deadline) {
  return RunTransaction<OrgUnit>(
      pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) -> absl::StatusOr<OrgUnit> {
        NPSD_ASSIGN_OR_RETURN(OrgUnit unit, LockUnit(txn, tenant_id, unit_id));
        const bool changes = unit.archived != archived;
        const int64_t active_children =
            changes && archived ? CountActiveChildren(txn, tenant_id, unit) : 0;
        const bool parent_archived = changes && !archived && ParentArchived(txn, tenant_id, unit);
        NPSD_RETURN_IF_ERROR(
            domain::ApplyArchived(archived, expected_version, active_children, parent_archived, unit));
        if (!changes) return unit;
        return WriteUnit(txn, tenant_id, unit);
      });
}

absl::StatusOr<std::vector<std::string>> PgOrgUnitRepository::SelfAndDescendantCodes(
    const std::string& tenant_id, OrgUnitKind kind, const std::string& code, absl::Time deadline) {
  return RunTransaction<std::vector<std::string>>(
      pool_, TenantScope(tenant_id, deadline),
      [&](pqxx::work& txn) -> absl::StatusOr<std::vector<std::string>> {
        // UNION (not UNION ALL) ends the walk at codes already reached.
        const pqxx::result rows = txn.exec_params(
            "WITH RECURSIVE tree (code) AS ("
            "  SELECT code FROM npsd.org_units WHERE tenant_id = $1::uuid AND kind = $2 AND code = $3"
            "  UNION"
            "  SELECT u.code FROM npsd.org_units u JOIN tree t"
            "    ON u.tenant_id = $1::uuid AND u.kind = $2 AND u.parent_code = t.code"
            ") SELECT code FROM tree ORDER BY code",
            tenant_id, domain::OrgUnitKindName(kind), code);
        if (rows.empty()) return UnitNotFound();
        std::vector<std::string> codes;
        for (const auto& row : rows) codes.push_back(row[0].as<std::string>());
        return codes;
      });
}

}  // namespace npsd::storage::pg
