// responses_cli.cc — `npsctl responses import|get|list|count`.
#include <memory>

#include "cli/commands/command_set.h"
#include "cli/commands/responses.h"
#include "cli/import/importer.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// ResponseFlags holds what the response commands' flags write to.
struct ResponseFlags {
  std::string id;
  ResponseFilter filter;
  ImportOptions import;
  bool no_progress = false;
  std::vector<std::string> dimensions;
};

void AddFilterOptions(CLI::App* command, ResponseFilter& filter) {
  command->add_option("--campaign", filter.campaign_id, "only this campaign");
  command->add_option("--after", filter.answered_after, "answered at or after this RFC 3339 time");
  command->add_option("--before", filter.answered_before, "answered before this RFC 3339 time");
  command->add_option("--category", filter.category, "promoter, passive or detractor");
  command->add_option("--region", filter.region_code, "region code (includes its sub-regions)");
  command->add_option("--brand", filter.brand_code, "brand code");
  command->add_option("--business-unit", filter.business_unit_code, "business unit code");
  command->add_option("--channel", filter.channel, "channel");
  command->add_option("--agent", filter.agent_id, "contact-center agent id");
  command->add_option("--queue", filter.queue, "contact-center queue");
  command->add_option("--comment", filter.comment, "with or without a comment");
}

void AddImport(CLI::App* responses, std::shared_ptr<ResponseFlags> flags, CommandSet& commands) {
  CLI::App* import = responses->add_subcommand(
      "import", "stream a CSV file of responses (columns: see docs/DEPLOYMENT.md or cli/import/response_columns.h)");
  ImportOptions& options = flags->import;
  import->add_option("file", options.csv_path, "CSV file with a header row")->required()->check(CLI::ExistingFile);
  import->add_option("--campaign", options.campaign_id, "campaign of rows without a campaign_id column or cell");
  import->add_option("--key-prefix", options.key_prefix,
                     "idempotency key prefix of rows without an idempotency_key (default: the file's name)");
  import->add_option("--errors", options.error_report_path, "error report file (default: FILE.errors.csv)");
  import->add_option("--window", options.window, "rows in flight at most")->capture_default_str();
  import->add_flag("--no-progress", flags->no_progress, "no progress bar");
  commands.Add(import, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    ImportOptions options = flags->import;
    options.progress = !flags->no_progress;
    NPSD_ASSIGN_OR_RETURN(ImportSummary summary, ImportResponses(connection, options));
    return ImportSummaryTable(summary);
  });
}

}  // namespace

void AddResponseCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<ResponseFlags>();
  CLI::App* responses = app.add_subcommand("responses", "NPS responses: import, read, count");
  responses->require_subcommand(1);
  AddImport(responses, flags, commands);

  CLI::App* get = responses->add_subcommand("get", "show one response");
  get->add_option("id", flags->id, "response id")->required();
  commands.Add(get, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Response response, GetResponse(connection, flags->id));
    return ResponseTable({response});
  });

  CLI::App* list = responses->add_subcommand("list", "list responses, most recently answered first");
  AddFilterOptions(list, flags->filter);
  list->add_option("--limit", flags->filter.limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::Response> responses, ListResponses(connection, flags->filter));
    return ResponseTable(responses);
  });

  CLI::App* count = responses->add_subcommand("count", "NPS and category counts of the selected responses");
  AddFilterOptions(count, flags->filter);
  count->add_option("--by", flags->dimensions,
                    "also per region, brand, business_unit, channel, campaign, queue, agent, locale, year, month")
      ->delimiter(',');
  commands.Add(count, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<CountRow> rows, CountResponses(connection, flags->filter, flags->dimensions));
    return CountsTable(rows);
  });
}

}  // namespace npsd::cli
