// units_cli.cc — `npsctl units create|get|list|update|archive|unarchive`.
#include <memory>

#include "cli/commands/command_set.h"
#include "cli/commands/units.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// UnitFlags holds what the unit commands' flags write to.
struct UnitFlags {
  std::string id;
  UnitFields fields;
  UnitFilter filter;
  std::string etag;
};

absl::StatusOr<Table> OneUnit(absl::StatusOr<nps::v1::OrgUnit> unit) {
  if (!unit.ok()) return unit.status();
  return UnitTable({*unit});
}

void AddCreate(CLI::App* units, std::shared_ptr<UnitFlags> flags, CommandSet& commands) {
  CLI::App* create = units->add_subcommand("create", "add a region, brand or business unit");
  create->add_option("--kind", flags->fields.kind, "region, brand or business-unit")->required();
  create->add_option("--code", flags->fields.code, "unique code, 1-64 of [A-Za-z0-9_.-]; never changes")->required();
  create->add_option("--name", flags->fields.display_name, "display name")->required();
  create->add_option("--parent", flags->fields.parent_code, "code of the parent unit (same kind; not for brands)");
  commands.Add(create, [flags](const Connection& connection) { return OneUnit(CreateUnit(connection, flags->fields)); });
}

void AddList(CLI::App* units, std::shared_ptr<UnitFlags> flags, CommandSet& commands) {
  CLI::App* list = units->add_subcommand("list", "list units, oldest first");
  list->add_option("--kind", flags->filter.kind, "only this kind");
  list->add_option("--parent", flags->filter.parent_code, "only direct children of this code (needs --kind)");
  list->add_flag("--show-archived", flags->filter.show_archived, "include archived units");
  list->add_option("--limit", flags->filter.limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::OrgUnit> units, ListUnits(connection, flags->filter));
    return UnitTable(units);
  });
}

void AddUpdate(CLI::App* units, std::shared_ptr<UnitFlags> flags, CommandSet& commands) {
  CLI::App* update = units->add_subcommand("update", "rename a unit or move it under another parent");
  update->add_option("id", flags->id, "unit id")->required();
  CLI::Option* name = update->add_option("--name", flags->fields.display_name, "new display name");
  CLI::Option* parent = update->add_option("--parent", flags->fields.parent_code, "new parent code; \"\" for a root");
  update->add_option("--etag", flags->etag, "fail with ABORTED unless the unit still has this etag");
  commands.Add(update, [flags, name, parent](const Connection& connection) {
    UnitChanges changes{IfGiven(name, flags->fields.display_name), IfGiven(parent, flags->fields.parent_code),
                        flags->etag};
    return OneUnit(UpdateUnit(connection, flags->id, changes));
  });
}

void AddArchive(CLI::App* units, std::shared_ptr<UnitFlags> flags, CommandSet& commands, bool archived) {
  CLI::App* command = archived ? units->add_subcommand("archive", "archive a unit whose children are archived")
                               : units->add_subcommand("unarchive", "restore an archived unit");
  command->add_option("id", flags->id, "unit id")->required();
  command->add_option("--etag", flags->etag, "fail with ABORTED unless the unit still has this etag");
  commands.Add(command, [flags, archived](const Connection& connection) {
    return OneUnit(ArchiveUnit(connection, flags->id, archived, flags->etag));
  });
}

}  // namespace

void AddUnitCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<UnitFlags>();
  CLI::App* units = app.add_subcommand("units", "the catalogue: regions, brands, business units");
  units->require_subcommand(1);
  AddCreate(units, flags, commands);
  CLI::App* get = units->add_subcommand("get", "show one unit");
  get->add_option("id", flags->id, "unit id")->required();
  commands.Add(get, [flags](const Connection& connection) { return OneUnit(GetUnit(connection, flags->id)); });
  AddList(units, flags, commands);
  AddUpdate(units, flags, commands);
  AddArchive(units, flags, commands, true);
  AddArchive(units, flags, commands, false);
}

}  // namespace npsd::cli
