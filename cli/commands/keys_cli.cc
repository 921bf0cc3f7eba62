// keys_cli.cc — `npsctl keys create|list|revoke`.
#include <memory>

#include "cli/commands/command_set.h"
#include "cli/commands/keys.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// KeyFlags holds what the key commands' flags write to.
struct KeyFlags {
  std::string tenant_id;
  std::string key_id;
  std::string display_name;
  std::vector<std::string> scopes;
  std::string expires;
  int limit = 100;
};

}  // namespace

void AddKeyCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<KeyFlags>();
  CLI::App* keys = app.add_subcommand("keys", "API keys of a tenant");
  keys->require_subcommand(1);

  CLI::App* create = keys->add_subcommand("create", "issue a key; its secret is printed once");
  create->add_option("--tenant", flags->tenant_id, "tenant id")->required();
  create->add_option("--name", flags->display_name, "what the key is for")->required();
  create->add_option("--scopes", flags->scopes, "ingest, read, campaigns, privacy, admin (comma-separated)")
      ->required()
      ->delimiter(',');
  create->add_option("--expires", flags->expires, "RFC 3339 time after which the key stops working");
  commands.Add(create, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(CreatedKey created,
                          CreateKey(connection, flags->tenant_id, flags->display_name, flags->scopes, flags->expires));
    return KeyTable({created.key}, created.secret);
  });

  CLI::App* list = keys->add_subcommand("list", "list the tenant's keys (never their secrets)");
  list->add_option("--tenant", flags->tenant_id, "tenant id")->required();
  list->add_option("--limit", flags->limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::ApiKey> keys, ListKeys(connection, flags->tenant_id, flags->limit));
    return KeyTable(keys);
  });

  CLI::App* revoke = keys->add_subcommand("revoke", "revoke a key at once");
  revoke->add_option("--tenant", flags->tenant_id, "tenant id")->required();
  revoke->add_option("key_id", flags->key_id, "key id")->required();
  commands.Add(revoke, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::ApiKey key, RevokeKey(connection, flags->tenant_id, flags->key_id));
    return KeyTable({key});
  });
}

}  // namespace npsd::cli
