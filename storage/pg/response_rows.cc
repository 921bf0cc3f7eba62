// response_rows.cc — response row decoding.
#include "storage/pg/response_rows.h"

#include "absl/strings/str_split.h"
#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

const char kResponseColumns[] =
    "r.response_id::text, r.campaign_id::text, r.score, npsd.to_micros(r.answered_at),"
    " npsd.to_micros(r.received_at), r.channel, r.region_code, r.brand_code, r.business_unit_code, r.locale,"
    " r.comment_ciphertext, r.interaction_id, r.agent_id, r.team, r.queue, r.wait_seconds, r.handle_seconds,"
    " r.wrap_up_code, r.attributes, coalesce(r.idempotency_key, '')";

absl::StatusOr<StoredResponse> ReadResponseRow(const pqxx::row& row, const privacy::PersonalDataCipher& cipher,
                                               const std::string& tenant_id, const std::string& data_key) {
  StoredResponse response;
  response.id = row[0].as<std::string>();
  response.campaign_id = row[1].as<std::string>();
  response.score = row[2].as<int32_t>();
  response.answered_at = TimeField(row[3]);
  response.received_at = TimeField(row[4]);
  response.channel = domain::ParseChannel(row[5].as<std::string>()).value_or(domain::Channel::kWeb);
  response.scope = {row[6].as<std::string>(), row[7].as<std::string>(), row[8].as<std::string>()};
  response.locale = row[9].as<std::string>();
  if (!row[10].is_null()) {
    NPSD_ASSIGN_OR_RETURN(response.comment, cipher.OpenComment(data_key, tenant_id, response.id, BytesField(row[10])));
  }
  response.contact_center = {row[11].as<std::string>(), row[12].as<std::string>(), row[13].as<std::string>(),
                             row[14].as<std::string>(), row[15].as<int32_t>(),    row[16].as<int32_t>(),
                             row[17].as<std::string>()};
  for (const std::string& pair : TextArrayField(row[18])) {
    std::pair<std::string, std::string> parts = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    response.attributes[parts.first] = parts.second;
  }
  response.idempotency_key = row[19].as<std::string>();
  return response;
}

}  // namespace npsd::storage::pg
