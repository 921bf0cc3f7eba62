// eligibility.cc — the eligibility call, its table and `npsctl eligibility check`.
#include "cli/commands/eligibility.h"

#include <memory>

#include "cli/client/rpc_status.h"
#include "cli/commands/command_set.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/response_service.grpc.pb.h"

namespace npsd::cli {

absl::StatusOr<nps::v1::CheckEligibilityResponse> CheckEligibility(const Connection& connection,
                                                                   const EligibilityQuery& query) {
  nps::v1::CheckEligibilityRequest request;
  request.set_campaign_id(query.campaign_id);
  request.mutable_subject()->set_external_id(query.external_id);
  request.mutable_subject()->set_email(query.email);
  request.mutable_subject()->set_phone(query.phone);
  request.set_interaction_id(query.interaction_id);
  nps::v1::CheckEligibilityResponse answer;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::ResponseService::NewStub(connection.channel())
                                          ->CheckEligibility(connection.NewContext().get(), request, &answer)));
  return answer;
}

Table EligibilityTable(const nps::v1::CheckEligibilityResponse& answer) {
  Table table({"eligible", "reason", "eligible_after"});
  table.AddRow({answer.eligible() ? "true" : "false",
                EnumLabel(nps::v1::CheckEligibilityResponse_Reason_Name(answer.reason()), ""),
                FormatTimestamp(answer.eligible_after())});
  return table;
}

void AddEligibilityCommands(CLI::App& app, CommandSet& commands) {
  auto query = std::make_shared<EligibilityQuery>();
  CLI::App* eligibility = app.add_subcommand("eligibility", "survey eligibility (sampling, fatigue, suppression)");
  eligibility->require_subcommand(1);
  CLI::App* check = eligibility->add_subcommand("check", "should this person be offered the campaign's survey now?");
  check->add_option("--campaign", query->campaign_id, "campaign id")->required();
  check->add_option("--external-id", query->external_id, "the tenant's customer id");
  check->add_option("--email", query->email, "the person's e-mail address");
  check->add_option("--phone", query->phone, "the person's phone number (E.164)");
  check->add_option("--interaction", query->interaction_id, "interaction id (same id, same sampling decision)");
  commands.Add(check, [query](const Connection& connection) -> absl::StatusOr<Table> {
    NPSD_ASSIGN_OR_RETURN(nps::v1::CheckEligibilityResponse answer, CheckEligibility(connection, *query));
    return EligibilityTable(answer);
  });
}

}  // namespace npsd::cli
