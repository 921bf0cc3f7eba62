// command_set.h — npsctl's subcommands: each leaf command binds an action to run.
//
//   CommandSet commands;
//   AddTenantCommands(app, commands);   // registers `tenants create|get|list|update`
//   app.parse(argc, argv);
//   const CommandSet::Action* action = commands.Chosen();
//   absl::StatusOr<Table> table = (*action)(connection);
//
// Each Add*Commands function owns the variables its flags write to (captured by its
// actions), so registration leaves no state behind in main().
#ifndef NPSD_CLI_COMMANDS_COMMAND_SET_H_
#define NPSD_CLI_COMMANDS_COMMAND_SET_H_

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"

namespace npsd::cli {

// CommandSet maps leaf subcommands to actions.
class CommandSet {
 public:
  // Action runs a command against npsd and returns what to print.
  using Action = std::function<absl::StatusOr<Table>(const Connection&)>;

  // Add binds `action` to the leaf subcommand `command`.
  void Add(CLI::App* command, Action action);

  // Chosen returns the action of the leaf command that was parsed, or nullptr.
  const Action* Chosen() const;

 private:
  std::vector<std::pair<CLI::App*, Action>> actions_;
};

// IfGiven returns `value` when `option` appeared on the command line, else nullopt.
template <typename T>
std::optional<T> IfGiven(const CLI::Option* option, const T& value) {
  if (option->count() == 0) return std::nullopt;
  return value;
}

// AddTenantCommands registers `tenants create|get|list|update`.
void AddTenantCommands(CLI::App& app, CommandSet& commands);

// AddKeyCommands registers `keys create|list|revoke`.
void AddKeyCommands(CLI::App& app, CommandSet& commands);

// AddUnitCommands registers `units create|get|list|update|archive|unarchive`.
void AddUnitCommands(CLI::App& app, CommandSet& commands);

// AddCampaignCommands registers `campaigns create|get|list|update|activate|pause|close`.
void AddCampaignCommands(CLI::App& app, CommandSet& commands);

// AddResponseCommands registers `responses import|get|list|count`.
void AddResponseCommands(CLI::App& app, CommandSet& commands);

// AddEligibilityCommands registers `eligibility check`.
void AddEligibilityCommands(CLI::App& app, CommandSet& commands);

// AddPrivacyCommands registers `privacy request create|get|list|export`.
void AddPrivacyCommands(CLI::App& app, CommandSet& commands);

// AddRetentionCommands registers `retention preview|run|policy`.
void AddRetentionCommands(CLI::App& app, CommandSet& commands);

// AddReportCommands registers `report score|compare|trend`.
void AddReportCommands(CLI::App& app, CommandSet& commands);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_COMMAND_SET_H_
