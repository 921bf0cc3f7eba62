// responses.h — npsctl's ResponseService reads: get, list and count.
//
//   ResponseFilter filter;
//   filter.campaign_id = campaign;
//   filter.region_code = "FR";  // regions include their descendants
//   absl::StatusOr<std::vector<CountRow>> counts = CountResponses(connection, filter, {"brand", "month"});
//
// Needs a tenant key with the `read` scope. Imports are in cli/import/importer.h.
#ifndef NPSD_CLI_COMMANDS_RESPONSES_H_
#define NPSD_CLI_COMMANDS_RESPONSES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/response_service.pb.h"

namespace npsd::cli {

// ResponseFilter selects responses; empty fields do not filter.
struct ResponseFilter {
  std::string campaign_id;
  std::string answered_after;   // RFC 3339, inclusive
  std::string answered_before;  // RFC 3339, exclusive
  std::string category;         // promoter | passive | detractor
  std::string region_code;
  std::string brand_code;
  std::string business_unit_code;
  std::string channel;
  std::string agent_id;
  std::string queue;
  std::string comment;          // with | without
  int limit = 100;              // 0: all
};

// ResponseCounts is the NPS of the responses a filter selects.
struct ResponseCounts {
  int64_t responses = 0;
  int64_t promoters = 0;
  int64_t passives = 0;
  int64_t detractors = 0;

  // Nps returns %promoters - %detractors, from -100 to 100 (0 without responses).
  double Nps() const;
};

// CountRow holds the counts of the responses whose `dimension` has `value` ("(none)"
// for responses without one, e.g. no queue); the total has dimension "all" and no value.
struct CountRow {
  std::string dimension;
  std::string value;
  ResponseCounts counts;
};

// GetResponse reads one response.
absl::StatusOr<nps::v1::Response> GetResponse(const Connection& connection, const std::string& id);

// ListResponses reads responses, most recently answered first.
absl::StatusOr<std::vector<nps::v1::Response>> ListResponses(const Connection& connection,
                                                             const ResponseFilter& filter);

// CountResponses pages once through every response the filter selects (its limit is
// ignored) and counts the categories in total, then per value of each of `dimensions`:
// region, brand, business_unit, channel, campaign, queue, agent, locale, year, month
// (UTC). Unknown dimensions are INVALID_ARGUMENT before any call.
absl::StatusOr<std::vector<CountRow>> CountResponses(const Connection& connection, const ResponseFilter& filter,
                                                     const std::vector<std::string>& dimensions);

// ResponseTable shows responses, one per row (the comment last).
Table ResponseTable(const std::vector<nps::v1::Response>& responses);

// CountsTable shows counts and NPS, one row per group.
Table CountsTable(const std::vector<CountRow>& rows);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_RESPONSES_H_
