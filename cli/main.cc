// main.cc — npsctl, the admin command line of npsd. It speaks gRPC only.
//
//   export NPSCTL_ADDRESS=npsd.example.com:443 NPSCTL_TOKEN=npsk_...
//   npsctl campaigns list --state active
//   npsctl responses import responses.csv --campaign 4f0c... --output json
//   TENANT=$(npsctl --insecure tenants create --name Acme --field id)
//
// Every command prints a table (aligned text, --output csv or json); --field NAME
// prints only that column, one value per line, for scripts. Errors go to stderr with
// their gRPC code, and the exit status is 1.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/client/connection.h"
#include "cli/commands/command_set.h"
#include "cli/output/table.h"

namespace {

using npsd::cli::CommandSet;
using npsd::cli::Connection;
using npsd::cli::ConnectionOptions;

// GlobalFlags are the flags every command accepts.
struct GlobalFlags {
  ConnectionOptions connection;
  double timeout_seconds = 30;
  std::string output = "table";
  std::string field;
};

void AddGlobalFlags(CLI::App& app, GlobalFlags& flags) {
  app.add_option("--address", flags.connection.address, "host:port of npsd")
      ->envname("NPSCTL_ADDRESS")->capture_default_str();
  app.add_option("--token", flags.connection.token, "bearer credential: an API key secret or the operator key")
      ->envname("NPSCTL_TOKEN");
  app.add_option("--tls-ca-file", flags.connection.tls_ca_file, "PEM roots to verify npsd (default: the system's)")
      ->envname("NPSCTL_TLS_CA_FILE");
  app.add_flag("--insecure", flags.connection.insecure, "plaintext, no TLS (local development)")
      ->envname("NPSCTL_INSECURE");
  app.add_option("--timeout", flags.timeout_seconds, "deadline of each call, in seconds")->capture_default_str();
  app.add_option("-o,--output", flags.output, "table, csv or json")->capture_default_str();
  app.add_option("--field", flags.field, "print only this column, one value per line");
}

int Fail(const absl::Status& status) {
  std::cerr << "npsctl: " << absl::StatusCodeToString(status.code()) << ": " << status.message() << "\n";
  return 1;
}

int Print(const npsd::cli::Table& table, npsd::cli::OutputFormat format, const std::string& field) {
  if (!field.empty()) {
    absl::StatusOr<std::vector<std::string>> column = table.Column(field);
    if (!column.ok()) return Fail(column.status());
    for (const std::string& value : *column) std::cout << value << "\n";
    return 0;
  }
  std::cout << npsd::cli::Render(table, format);
  return 0;
}

int Run(const CommandSet& commands, GlobalFlags flags) {
  absl::StatusOr<npsd::cli::OutputFormat> format = npsd::cli::ParseOutputFormat(flags.output);
  if (!format.ok()) return Fail(format.status());
  flags.connection.timeout = absl::Seconds(flags.timeout_seconds);
  absl::StatusOr<Connection> connection = Connection::Open(flags.connection);
  if (!connection.ok()) return Fail(connection.status());
  const CommandSet::Action* action = commands.Chosen();
  if (action == nullptr) return Fail(absl::InvalidArgumentError("no command given; see --help"));
  absl::StatusOr<npsd::cli::Table> table = (*action)(*connection);
  if (!table.ok()) return Fail(table.status());
  return Print(*table, *format, flags.field);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"npsctl: administer npsd (tenants, keys, catalogue, campaigns, responses, reports, privacy) over gRPC"};
  app.require_subcommand(1);
  // Global flags may also follow the command: `npsctl tenants list --output csv`.
  app.fallthrough();
  GlobalFlags flags;
  AddGlobalFlags(app, flags);
  CommandSet commands;
  npsd::cli::AddTenantCommands(app, commands);
  npsd::cli::AddKeyCommands(app, commands);
  npsd::cli::AddUnitCommands(app, commands);
  npsd::cli::AddCampaignCommands(app, commands);
  npsd::cli::AddResponseCommands(app, commands);
  npsd::cli::AddEligibilityCommands(app, commands);
  npsd::cli::AddPrivacyCommands(app, commands);
  npsd::cli::AddRetentionCommands(app, commands);
  npsd::cli::AddReportCommands(app, commands);
  CLI11_PARSE(app, argc, argv);
  return Run(commands, flags);
}
