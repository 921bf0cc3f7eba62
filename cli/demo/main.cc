// main.cc — npsd_demo_data, the data behind `make demo`.
//
//   npsd_demo_data catalogue                       # kind|code|parent|name, parents first
//   npsd_demo_data responses --count 100000 --campaign purchase=ID --campaign support=ID
//       --campaign app=ID --out responses.csv
//
// The responses file has the `npsctl responses import` layout; the same --seed and --end
// give the same file (and the same idempotency keys).
#include <fstream>
#include <iostream>

#include "CLI/CLI.hpp"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli/demo/demo_catalogue.h"
#include "cli/demo/response_generator.h"

namespace {

using npsd::cli::demo::GeneratorOptions;

constexpr int64_t kMaxResponses = 1000000;

void PrintCatalogue() {
  for (const npsd::cli::demo::DemoUnit& unit : npsd::cli::demo::DemoUnits()) {
    std::cout << unit.kind << '|' << unit.code << '|' << unit.parent_code << '|' << unit.name << '\n';
  }
}

int WriteResponses(GeneratorOptions options, const std::vector<std::string>& campaigns, const std::string& end,
                   const std::string& out) {
  std::string error;
  if (end.empty()) {
    options.end = absl::Now();
  } else if (!absl::ParseTime(absl::RFC3339_full, end, &options.end, &error)) {
    std::cerr << "npsd_demo_data: --end must be an RFC 3339 time\n";
    return 2;
  }
  for (const std::string& campaign : campaigns) {
    const std::pair<std::string, std::string> pair = absl::StrSplit(campaign, absl::MaxSplits('=', 1));
    options.campaign_ids[pair.first] = pair.second;
  }
  for (const char* kind : {"purchase", "support", "app"}) {
    if (options.campaign_ids.count(kind) == 0) {
      std::cerr << "npsd_demo_data: --campaign " << kind << "=ID is required\n";
      return 2;
    }
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) {
    std::cerr << "npsd_demo_data: cannot create " << out << "\n";
    return 1;
  }
  const npsd::cli::demo::ResponseGenerator generator(options);
  file << generator.HeaderLine();
  for (int64_t i = 0; i < options.count; ++i) file << generator.RowLine(i);
  file.close();
  return file ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"npsd_demo_data: the synthetic catalogue and responses of `make demo`"};
  app.require_subcommand(1);
  app.add_subcommand("catalogue", "print the demo catalogue, parents first: kind|code|parent|name");
  CLI::App* responses = app.add_subcommand("responses", "write synthetic responses as CSV");
  GeneratorOptions options;
  std::vector<std::string> campaigns;
  std::string out, end;
  responses->add_option("--count", options.count, "number of responses")
      ->check(CLI::Range(int64_t{1}, kMaxResponses))->capture_default_str();
  responses->add_option("--campaign", campaigns, "KIND=ID for purchase, support and app")->required();
  responses->add_option("--seed", options.seed, "random seed")->capture_default_str();
  responses->add_option("--days", options.days, "days of history")->check(CLI::Range(1, 3650))->capture_default_str();
  responses->add_option("--end", end, "RFC 3339 time before the newest answer (default: now)");
  responses->add_option("--out", out, "CSV file to write")->required();
  CLI11_PARSE(app, argc, argv);
  if (!responses->parsed()) {
    PrintCatalogue();
    return 0;
  }
  return WriteResponses(options, campaigns, end, out);
}
