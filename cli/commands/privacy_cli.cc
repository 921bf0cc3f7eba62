// privacy_cli.cc — `npsctl privacy request create|get|list|export`.
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/commands/command_set.h"
#include "cli/commands/privacy.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// PrivacyFlags holds what the privacy commands' flags write to.
struct PrivacyFlags {
  std::string id;
  std::string out;
  PrivacyRequestSpec spec;
  PrivacyRequestFilter filter;
};

absl::StatusOr<Table> OneRequest(absl::StatusOr<nps::v1::DataSubjectRequest> request) {
  if (!request.ok()) return request.status();
  return PrivacyRequestTable({*request});
}

void AddCreate(CLI::App* requests, std::shared_ptr<PrivacyFlags> flags, CommandSet& commands) {
  CLI::App* create = requests->add_subcommand("create", "record a data-subject request and carry it out");
  PrivacyRequestSpec& spec = flags->spec;
  create->add_option("--type", spec.type, "access, rectification, erasure or restriction")->required();
  create->add_option("--external-id", *spec.identifiers.mutable_external_id(), "the person's customer id");
  create->add_option("--email", *spec.identifiers.mutable_email(), "the person's e-mail address");
  create->add_option("--phone", *spec.identifiers.mutable_phone(), "the person's phone number");
  create->add_option("--new-external-id", *spec.rectified_identifiers.mutable_external_id(),
                     "rectification: the corrected customer id");
  create->add_option("--new-email", *spec.rectified_identifiers.mutable_email(), "rectification: the corrected e-mail");
  create->add_option("--new-phone", *spec.rectified_identifiers.mutable_phone(), "rectification: the corrected phone");
  create->add_flag("--lift", spec.lift_restriction, "restriction: lift the person's restriction");
  create->add_flag("--dry-run", spec.dry_run, "report what would happen, change nothing");
  create->add_option("--reason", spec.reason, "why (e.g. a ticket number); no personal data");
  commands.Add(create,
               [flags](const Connection& connection) { return OneRequest(CreatePrivacyRequest(connection, flags->spec)); });
}

void AddList(CLI::App* requests, std::shared_ptr<PrivacyFlags> flags, CommandSet& commands) {
  CLI::App* list = requests->add_subcommand("list", "list requests, most recently received first");
  list->add_option("--type", flags->filter.type, "only this type");
  list->add_option("--status", flags->filter.status, "only this status, e.g. completed or rejected");
  list->add_flag("--overdue", flags->filter.overdue_only, "only requests past their due time");
  list->add_option("--limit", flags->filter.limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::DataSubjectRequest> requests,
                          ListPrivacyRequests(connection, flags->filter));
    return PrivacyRequestTable(requests);
  });
}

void AddExport(CLI::App* requests, std::shared_ptr<PrivacyFlags> flags, CommandSet& commands) {
  CLI::App* command = requests->add_subcommand("export", "download the answer to a completed access request");
  command->add_option("id", flags->id, "request id")->required();
  command->add_option("--out", flags->out, "file to write the JSON document to (mode 0600)")->required();
  commands.Add(command, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(int64_t bytes, ExportPrivacyRequest(connection, flags->id, flags->out));
    Table table({"request_id", "bytes", "file"});
    table.AddRow({flags->id, absl::StrCat(bytes), flags->out});
    return table;
  });
}

}  // namespace

void AddPrivacyCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<PrivacyFlags>();
  CLI::App* privacy = app.add_subcommand("privacy", "data-subject requests (GDPR articles 15 to 18)");
  privacy->require_subcommand(1);
  CLI::App* requests = privacy->add_subcommand("request", "access, rectification, erasure, restriction");
  requests->require_subcommand(1);
  AddCreate(requests, flags, commands);
  CLI::App* get = requests->add_subcommand("get", "show one request");
  get->add_option("id", flags->id, "request id")->required();
  commands.Add(get, [flags](const Connection& connection) { return OneRequest(GetPrivacyRequest(connection, flags->id)); });
  AddList(requests, flags, commands);
  AddExport(requests, flags, commands);
}

}  // namespace npsd::cli
