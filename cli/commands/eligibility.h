// eligibility.h — `npsctl eligibility check`: should this person be surveyed now?
//
//   EligibilityQuery query;
//   query.campaign_id = campaign;
//   query.interaction_id = "call-8812";
//   absl::StatusOr<nps::v1::CheckEligibilityResponse> answer = CheckEligibility(connection, query);
//
// Needs a tenant key with the `read` scope.
#ifndef NPSD_CLI_COMMANDS_ELIGIBILITY_H_
#define NPSD_CLI_COMMANDS_ELIGIBILITY_H_

#include <string>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/response_service.pb.h"

namespace npsd::cli {

// EligibilityQuery names the campaign, optionally the person and the interaction.
struct EligibilityQuery {
  std::string campaign_id;
  std::string external_id;
  std::string email;
  std::string phone;
  std::string interaction_id;
};

// CheckEligibility asks npsd for the decision.
absl::StatusOr<nps::v1::CheckEligibilityResponse> CheckEligibility(const Connection& connection,
                                                                   const EligibilityQuery& query);

// EligibilityTable shows the decision, its reason and, for fatigue, when it ends.
Table EligibilityTable(const nps::v1::CheckEligibilityResponse& answer);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_ELIGIBILITY_H_
