// tenants_cli.cc — `npsctl tenants create|get|list|update`.
#include <memory>

#include "cli/commands/command_set.h"
#include "cli/commands/tenants.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// TenantFlags holds what the tenant commands' flags write to.
struct TenantFlags {
  std::string id;
  std::string display_name;
  std::string state;
  std::string industry;
  bool benchmark_opt_in = false;
  int minimum_sample_size = 0;
  std::string etag;
  int limit = 100;
};

// FieldOptions are the flags shared by create and update.
struct FieldOptions {
  CLI::Option* name;
  CLI::Option* industry;
  CLI::Option* opt_in;
  CLI::Option* sample;
};

FieldOptions AddFieldOptions(CLI::App* command, TenantFlags& flags) {
  return {command->add_option("--name", flags.display_name, "display name, 1 to 200 characters"),
          command->add_option("--industry", flags.industry, "industry label for the industry benchmark"),
          command->add_option("--benchmark-opt-in", flags.benchmark_opt_in,
                              "true: contribute to (and read) the industry benchmark"),
          command->add_option("--minimum-sample-size", flags.minimum_sample_size,
                              "smallest segment that reports a score (1 to 100000)")};
}

TenantFields ToFields(const FieldOptions& options, const TenantFlags& flags) {
  TenantFields fields;
  fields.display_name = IfGiven(options.name, flags.display_name);
  fields.industry = IfGiven(options.industry, flags.industry);
  fields.benchmark_opt_in = IfGiven(options.opt_in, flags.benchmark_opt_in);
  fields.minimum_sample_size = IfGiven(options.sample, flags.minimum_sample_size);
  fields.etag = flags.etag;
  return fields;
}

absl::StatusOr<Table> OneTenant(absl::StatusOr<nps::v1::Tenant> tenant) {
  if (!tenant.ok()) return tenant.status();
  return TenantTable({*tenant});
}

}  // namespace

void AddTenantCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<TenantFlags>();
  CLI::App* tenants = app.add_subcommand("tenants", "tenants (create and list: operator credential)");
  tenants->require_subcommand(1);

  CLI::App* create = tenants->add_subcommand("create", "register a tenant");
  const FieldOptions create_options = AddFieldOptions(create, *flags);
  create_options.name->required();
  commands.Add(create, [flags, create_options](const Connection& connection) {
    return OneTenant(CreateTenant(connection, ToFields(create_options, *flags)));
  });

  CLI::App* get = tenants->add_subcommand("get", "show one tenant");
  get->add_option("id", flags->id, "tenant id")->required();
  commands.Add(get, [flags](const Connection& connection) { return OneTenant(GetTenant(connection, flags->id)); });

  CLI::App* list = tenants->add_subcommand("list", "list tenants, oldest first");
  list->add_option("--limit", flags->limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::Tenant> tenants, ListTenants(connection, flags->limit));
    return TenantTable(tenants);
  });

  CLI::App* update = tenants->add_subcommand("update", "change the given fields of a tenant");
  update->add_option("id", flags->id, "tenant id")->required();
  const FieldOptions update_options = AddFieldOptions(update, *flags);
  CLI::Option* state = update->add_option("--state", flags->state, "active or suspended (operator only)");
  update->add_option("--etag", flags->etag, "fail with ABORTED unless the tenant still has this etag");
  commands.Add(update, [flags, update_options, state](const Connection& connection) {
    TenantFields fields = ToFields(update_options, *flags);
    fields.state = IfGiven(state, flags->state);
    return OneTenant(UpdateTenant(connection, flags->id, fields));
  });
}

}  // namespace npsd::cli
