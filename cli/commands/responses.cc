// responses.cc — response reads, counts and their tables.
#include "cli/commands/responses.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/client/rpc_status.h"
#include "cli/commands/paging.h"
#include "cli/output/proto_format.h"
#include "domain/status_macros.h"
#include "nps/v1/response_service.grpc.pb.h"

namespace npsd::cli {
namespace {

absl::Status ApplyEnums(const ResponseFilter& filter, nps::v1::ListResponsesRequest& request) {
  if (!filter.category.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::NpsCategory category,
                          ParseEnumLabel<nps::v1::NpsCategory>(filter.category, "", nps::v1::NpsCategory_Parse,
                                                               "--category (promoter, passive or detractor)"));
    request.set_category(category);
  }
  if (!filter.channel.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::Channel channel,
                          ParseEnumLabel<nps::v1::Channel>(filter.channel, "", nps::v1::Channel_Parse, "--channel"));
    request.set_channel(channel);
  }
  if (!filter.comment.empty()) {
    NPSD_ASSIGN_OR_RETURN(nps::v1::CommentFilter comment,
                          ParseEnumLabel<nps::v1::CommentFilter>(filter.comment + "_comment", "",
                                                                 nps::v1::CommentFilter_Parse,
                                                                 "--comment (with or without)"));
    request.set_comment(comment);
  }
  return absl::OkStatus();
}

absl::StatusOr<nps::v1::ListResponsesRequest> ToRequest(const ResponseFilter& filter) {
  nps::v1::ListResponsesRequest request;
  request.set_campaign_id(filter.campaign_id);
  if (!filter.answered_after.empty()) {
    NPSD_ASSIGN_OR_RETURN(*request.mutable_answered_after(), ParseTimestamp(filter.answered_after, "--after"));
  }
  if (!filter.answered_before.empty()) {
    NPSD_ASSIGN_OR_RETURN(*request.mutable_answered_before(), ParseTimestamp(filter.answered_before, "--before"));
  }
  request.mutable_scope()->set_region_code(filter.region_code);
  request.mutable_scope()->set_brand_code(filter.brand_code);
  request.mutable_scope()->set_business_unit_code(filter.business_unit_code);
  request.set_agent_id(filter.agent_id);
  request.set_queue(filter.queue);
  NPSD_RETURN_IF_ERROR(ApplyEnums(filter, request));
  return request;
}

// ForEachPage calls `visit` with each page of responses, up to `limit` (0: all).
template <typename Visit>
absl::Status ForEachPage(const Connection& connection, const ResponseFilter& filter, int limit, Visit visit) {
  NPSD_ASSIGN_OR_RETURN(nps::v1::ListResponsesRequest request, ToRequest(filter));
  auto stub = nps::v1::ResponseService::NewStub(connection.channel());
  int64_t seen = 0;
  do {
    request.set_page_size(limit > 0 ? static_cast<int>(std::min<int64_t>(kMaxPageSize, limit - seen)) : kMaxPageSize);
    nps::v1::ListResponsesResponse response;
    NPSD_RETURN_IF_ERROR(FromGrpcStatus(stub->ListResponses(connection.NewContext().get(), request, &response)));
    seen += response.responses_size();
    visit(response);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (limit <= 0 || seen < limit));
  return absl::OkStatus();
}

// DimensionKey returns the value of a response along one dimension.
using DimensionKey = std::string (*)(const nps::v1::Response&);

std::string Month(const nps::v1::Response& r) { return FormatTimestamp(r.answered_at()).substr(0, 7); }

absl::StatusOr<DimensionKey> KeyOf(const std::string& dimension) {
  static const std::map<std::string, DimensionKey> kKeys = {
      {"region", [](const nps::v1::Response& r) { return r.scope().region_code(); }},
      {"brand", [](const nps::v1::Response& r) { return r.scope().brand_code(); }},
      {"business_unit", [](const nps::v1::Response& r) { return r.scope().business_unit_code(); }},
      {"channel", [](const nps::v1::Response& r) { return EnumLabel(nps::v1::Channel_Name(r.channel()), ""); }},
      {"campaign", [](const nps::v1::Response& r) { return r.campaign_id(); }},
      {"queue", [](const nps::v1::Response& r) { return r.contact_center().queue(); }},
      {"agent", [](const nps::v1::Response& r) { return r.contact_center().agent_id(); }},
      {"locale", [](const nps::v1::Response& r) { return r.locale(); }},
      {"year", [](const nps::v1::Response& r) { return Month(r).substr(0, 4); }},
      {"month", Month},
  };
  const auto it = kKeys.find(dimension);
  if (it == kKeys.end()) {
    return absl::InvalidArgumentError(
        "--by: one of region, brand, business_unit, channel, campaign, queue, agent, locale, year, month");
  }
  return it->second;
}

void Count(const nps::v1::Response& response, ResponseCounts& counts) {
  ++counts.responses;
  if (response.category() == nps::v1::PROMOTER) ++counts.promoters;
  if (response.category() == nps::v1::PASSIVE) ++counts.passives;
  if (response.category() == nps::v1::DETRACTOR) ++counts.detractors;
}

}  // namespace

double ResponseCounts::Nps() const {
  if (responses == 0) return 0;
  return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(responses);
}

absl::StatusOr<nps::v1::Response> GetResponse(const Connection& connection, const std::string& id) {
  nps::v1::GetResponseRequest request;
  request.set_response_id(id);
  nps::v1::Response response;
  NPSD_RETURN_IF_ERROR(FromGrpcStatus(nps::v1::ResponseService::NewStub(connection.channel())
                                          ->GetResponse(connection.NewContext().get(), request, &response)));
  return response;
}

absl::StatusOr<std::vector<nps::v1::Response>> ListResponses(const Connection& connection,
                                                             const ResponseFilter& filter) {
  std::vector<nps::v1::Response> responses;
  NPSD_RETURN_IF_ERROR(ForEachPage(connection, filter, filter.limit, [&](nps::v1::ListResponsesResponse& page) {
    for (nps::v1::Response& response : *page.mutable_responses()) responses.push_back(std::move(response));
  }));
  return responses;
}

absl::StatusOr<std::vector<CountRow>> CountResponses(const Connection& connection, const ResponseFilter& filter,
                                                     const std::vector<std::string>& dimensions) {
  std::vector<DimensionKey> keys;
  for (const std::string& dimension : dimensions) {
    NPSD_ASSIGN_OR_RETURN(DimensionKey key, KeyOf(dimension));
    keys.push_back(key);
  }
  ResponseCounts total;
  std::vector<std::map<std::string, ResponseCounts>> groups(keys.size());
  NPSD_RETURN_IF_ERROR(ForEachPage(connection, filter, 0, [&](const nps::v1::ListResponsesResponse& page) {
    for (const nps::v1::Response& response : page.responses()) {
      Count(response, total);
      for (size_t i = 0; i < keys.size(); ++i) {
        const std::string value = keys[i](response);
        Count(response, groups[i][value.empty() ? "(none)" : value]);
      }
    }
  }));
  std::vector<CountRow> rows = {{"all", "", total}};
  for (size_t i = 0; i < keys.size(); ++i) {
    for (const auto& [value, counts] : groups[i]) rows.push_back({dimensions[i], value, counts});
  }
  return rows;
}

Table ResponseTable(const std::vector<nps::v1::Response>& responses) {
  Table table({"id", "campaign_id", "score", "category", "answered_at", "channel", "region_code", "brand_code",
               "business_unit_code", "locale", "agent_id", "queue", "has_subject", "idempotency_key", "comment"});
  for (const nps::v1::Response& r : responses) {
    table.AddRow({r.id(), r.campaign_id(), absl::StrCat(r.score()), EnumLabel(nps::v1::NpsCategory_Name(r.category()), ""),
                  FormatTimestamp(r.answered_at()), EnumLabel(nps::v1::Channel_Name(r.channel()), ""),
                  r.scope().region_code(), r.scope().brand_code(), r.scope().business_unit_code(), r.locale(),
                  r.contact_center().agent_id(), r.contact_center().queue(), r.has_subject() ? "true" : "false",
                  r.idempotency_key(), r.comment()});
  }
  return table;
}

Table CountsTable(const std::vector<CountRow>& rows) {
  Table table({"dimension", "value", "responses", "promoters", "passives", "detractors", "nps"});
  for (const CountRow& row : rows) {
    const ResponseCounts& counts = row.counts;
    table.AddRow({row.dimension, row.value, absl::StrCat(counts.responses), absl::StrCat(counts.promoters),
                  absl::StrCat(counts.passives), absl::StrCat(counts.detractors), absl::StrFormat("%.1f", counts.Nps())});
  }
  return table;
}

}  // namespace npsd::cli
