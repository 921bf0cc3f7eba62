// command_set.cc — finding the action of the parsed command.
#include "cli/commands/command_set.h"

namespace npsd::cli {

void CommandSet::Add(CLI::App* command, Action action) { actions_.emplace_back(command, std::move(action)); }

const CommandSet::Action* CommandSet::Chosen() const {
  for (const auto& [command, action] : actions_) {
    if (command->parsed()) return &action;
  }
  return nullptr;
}

}  // namespace npsd::cli
