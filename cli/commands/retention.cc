// retention.cc — retention calls, their tables and `npsctl retention preview|run|policy`.
#include "cli/commands/retention.h"

#include "absl/strings/str_cat.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/command_set.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/privacy_service.grpc.pb.h"

namespace npsd::cli {
namespace {

std::string Days(int32_t days) { return days == 0 ? "no limit" : absl::StrCat(days); }

}  // namespace

absl::StatusOr<nps::v1::RetentionPreview> PreviewRetention(const Connection& connection) {
  nps::v1::RetentionPreview preview;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::PrivacyService::NewStub(connection.channel())
                                          ->PreviewRetention(connection.NewContext().get(), {}, &preview)));
  return preview;
}

absl::StatusOr<nps::v1::RetentionRun> RunRetention(const Connection& connection) {
  nps::v1::RetentionRun run;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::PrivacyService::NewStub(connection.channel())
                                          ->RunRetention(connection.NewContext().get(), {}, &run)));
  return run;
}

absl::StatusOr<nps::v1::RetentionPolicy> GetRetentionPolicy(const Connection& connection) {
  nps::v1::RetentionPolicy policy;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::PrivacyService::NewStub(connection.channel())
                                          ->GetRetentionPolicy(connection.NewContext().get(), {}, &policy)));
  return policy;
}

Table RetentionPreviewTable(const nps::v1::RetentionPreview& preview) {
  Table table({"as_of", "responses_to_delete", "responses_to_anonymize", "subjects_to_delete"});
  table.AddRow({FormatTimestamp(preview.as_of()), absl::StrCat(preview.responses_to_delete()),
                absl::StrCat(preview.responses_to_anonymize()), absl::StrCat(preview.subjects_to_delete())});
  return table;
}

Table RetentionRunTable(const nps::v1::RetentionRun& run) {
  Table table({"as_of", "responses_deleted", "responses_anonymized", "subjects_deleted"});
  table.AddRow({FormatTimestamp(run.as_of()), absl::StrCat(run.responses_deleted()),
                absl::StrCat(run.responses_anonymized()), absl::StrCat(run.subjects_deleted())});
  return table;
}

Table RetentionPolicyTable(const nps::v1::RetentionPolicy& policy) {
  Table table({"scope", "personal_data_days", "delete_after_days", "legal_hold"});
  table.AddRow({"default", Days(policy.default_rule().personal_data_days()),
                Days(policy.default_rule().delete_after_days()), policy.legal_hold() ? "true" : "false"});
  for (const nps::v1::CampaignRetention& campaign : policy.campaign_overrides()) {
    table.AddRow({absl::StrCat("campaign ", campaign.campaign_id()), Days(campaign.rule().personal_data_days()),
                  Days(campaign.rule().delete_after_days()), campaign.legal_hold() ? "true" : "false"});
  }
  return table;
}

void AddRetentionCommands(CLI::App& app, CommandSet& commands) {
  CLI::App* retention = app.add_subcommand("retention", "retention policy, its preview, and runs now");
  retention->require_subcommand(1);
  CLI::App* preview = retention->add_subcommand("preview", "what a retention run now would change");
  commands.Add(preview, [](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::RetentionPreview result, PreviewRetention(connection));
    return RetentionPreviewTable(result);
  });
  CLI::App* run = retention->add_subcommand(
      "run", "apply the tenant's retention policy now and show what it changed (run again after a timeout)");
  commands.Add(run, [](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::RetentionRun result, RunRetention(connection));
    return RetentionRunTable(result);
  });
  CLI::App* policy = retention->add_subcommand("policy", "show the tenant's retention policy");
  commands.Add(policy, [](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::RetentionPolicy result, GetRetentionPolicy(connection));
    return RetentionPolicyTable(result);
  });
}

}  // namespace npsd::cli
