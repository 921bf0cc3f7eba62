// campaigns_cli.cc — `npsctl campaigns create|get|list|update|activate|pause|close`.
#include <functional>
#include <memory>

#include "cli/commands/campaigns.h"
#include "cli/commands/command_set.h"
#include "domain/status_macros.h"

namespace npsd::cli {
namespace {

// SpecFlags collects one command's campaign definition flags; only the flags given on
// the command line become part of the spec.
struct SpecFlags {
  CampaignSpec lists;  // channels, questions, follow_ups, labels
  std::vector<std::function<void(CampaignSpec&)>> appliers;

  CampaignSpec ToSpec() const {
    CampaignSpec spec = lists;
    for (const auto& apply : appliers) apply(spec);
    return spec;
  }
};

// CampaignFlags holds what the campaign commands' flags write to.
struct CampaignFlags {
  std::string id;
  std::string file;
  std::string etag;
  SpecFlags create_spec;
  SpecFlags update_spec;
  CampaignFilter filter;
};

// AddSpecOption adds flag `name` that sets `field` of the spec when given.
template <typename T>
void AddSpecOption(CLI::App* command, SpecFlags& flags, const char* name, std::optional<T> CampaignSpec::*field,
                   const char* help) {
  auto value = std::make_shared<T>();
  CLI::Option* option = command->add_option(name, *value, help);
  flags.appliers.push_back([option, value, field](CampaignSpec& spec) { spec.*field = IfGiven(option, *value); });
}

void AddSpecOptions(CLI::App* command, SpecFlags& flags) {
  AddSpecOption(command, flags, "--name", &CampaignSpec::name, "campaign name");
  AddSpecOption(command, flags, "--touchpoint", &CampaignSpec::touchpoint, "touchpoint code, e.g. post-purchase");
  AddSpecOption(command, flags, "--default-locale", &CampaignSpec::default_locale,
                "locale used for answers in a locale without question (default: the first question's)");
  AddSpecOption(command, flags, "--region", &CampaignSpec::region_code, "default region code of responses");
  AddSpecOption(command, flags, "--brand", &CampaignSpec::brand_code, "default brand code of responses");
  AddSpecOption(command, flags, "--business-unit", &CampaignSpec::business_unit_code,
                "default business unit code of responses");
  AddSpecOption(command, flags, "--start", &CampaignSpec::start_time, "RFC 3339; earlier answers are refused");
  AddSpecOption(command, flags, "--end", &CampaignSpec::end_time, "RFC 3339; later answers are refused");
  AddSpecOption(command, flags, "--late-window-days", &CampaignSpec::late_window_days,
                "days late answers are accepted after the close, 0-365");
  AddSpecOption(command, flags, "--fatigue-days", &CampaignSpec::fatigue_days,
                "days before a person may be surveyed again, 0-3650");
  AddSpecOption(command, flags, "--sampling-percent", &CampaignSpec::sampling_percent,
                "share of contact-center triggers offered a survey, 0-100");
  command->add_option("--channel", flags.lists.channels, "email, sms, web, in_app, voice_post_call, chat (repeat)");
  command->add_option("--question", flags.lists.questions, "LOCALE=NPS question (repeat per locale)");
  command->add_option("--follow-up", flags.lists.follow_ups, "LOCALE=open follow-up question (repeat)");
  command->add_option("--label", flags.lists.labels, "KEY=VALUE label (repeat)");
}

absl::StatusOr<Table> OneCampaign(absl::StatusOr<nps::v1::Campaign> campaign) {
  if (!campaign.ok()) return campaign.status();
  return CampaignTable({*campaign});
}

void AddCreate(CLI::App* campaigns, std::shared_ptr<CampaignFlags> flags, CommandSet& commands) {
  CLI::App* create = campaigns->add_subcommand("create", "create a DRAFT campaign from flags and/or --file");
  create->add_option("--file", flags->file, "nps.v1.Campaign as JSON (*.json) or protobuf text format");
  AddSpecOptions(create, flags->create_spec);
  AddSpecOption(create, flags->create_spec, "--previous", &CampaignSpec::previous_campaign_id,
                "id of the campaign this one is a new version of");
  commands.Add(create, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    nps::v1::Campaign base;
    if (!flags->file.empty()) {
      NPSD_ASSIGN_OR_RETURN(base, LoadCampaignFile(flags->file));
    }
    return OneCampaign(CreateCampaign(connection, std::move(base), flags->create_spec.ToSpec()));
  });
}

void AddList(CLI::App* campaigns, std::shared_ptr<CampaignFlags> flags, CommandSet& commands) {
  CLI::App* list = campaigns->add_subcommand("list", "list campaigns, oldest first");
  list->add_option("--state", flags->filter.state, "draft, active, paused or closed");
  list->add_option("--channel", flags->filter.channel, "only campaigns using this channel");
  list->add_option("--label", flags->filter.label, "KEY or KEY=VALUE");
  list->add_option("--name-contains", flags->filter.name_contains, "text in the name (any case)");
  list->add_option("--limit", flags->filter.limit, "at most this many (0: all)")->capture_default_str();
  commands.Add(list, [flags](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(std::vector<nps::v1::Campaign> campaigns, ListCampaigns(connection, flags->filter));
    return CampaignTable(campaigns);
  });
}

void AddTransition(CLI::App* campaigns, std::shared_ptr<CampaignFlags> flags, CommandSet& commands,
                   const char* name, const char* help, Transition transition) {
  CLI::App* command = campaigns->add_subcommand(name, help);
  command->add_option("id", flags->id, "campaign id")->required();
  command->add_option("--etag", flags->etag, "fail with ABORTED unless the campaign still has this etag");
  commands.Add(command, [flags, transition](const Connection& connection) {
    return OneCampaign(TransitionCampaign(connection, flags->id, transition, flags->etag));
  });
}

}  // namespace

void AddCampaignCommands(CLI::App& app, CommandSet& commands) {
  auto flags = std::make_shared<CampaignFlags>();
  CLI::App* campaigns = app.add_subcommand("campaigns", "NPS survey campaigns and their lifecycle");
  campaigns->require_subcommand(1);
  AddCreate(campaigns, flags, commands);

  CLI::App* get = campaigns->add_subcommand("get", "show one campaign");
  get->add_option("id", flags->id, "campaign id")->required();
  commands.Add(get, [flags](const Connection& connection) { return OneCampaign(GetCampaign(connection, flags->id)); });

  AddList(campaigns, flags, commands);

  CLI::App* update = campaigns->add_subcommand("update", "change the given fields (structure: DRAFT only)");
  update->add_option("id", flags->id, "campaign id")->required();
  update->add_option("--etag", flags->etag, "fail with ABORTED unless the campaign still has this etag");
  AddSpecOptions(update, flags->update_spec);
  commands.Add(update, [flags](const Connection& connection) {
    return OneCampaign(UpdateCampaign(connection, flags->id, flags->update_spec.ToSpec(), flags->etag));
  });

  AddTransition(campaigns, flags, commands, "activate", "DRAFT or PAUSED -> ACTIVE", Transition::kActivate);
  AddTransition(campaigns, flags, commands, "pause", "ACTIVE -> PAUSED", Transition::kPause);
  AddTransition(campaigns, flags, commands, "close", "ACTIVE or PAUSED -> CLOSED", Transition::kClose);
}

}  // namespace npsd::cli
