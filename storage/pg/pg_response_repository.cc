// pg_response_repository.cc — reading responses and eligibility facts.
#include "storage/pg/pg_response_repository.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/last_surveyed.h"
#include "storage/pg/pg_campaign_repository.h"
#include "storage/pg/response_rows.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

// Columns appends the subject's id and wrapped key to the common response columns.
const std::string& Columns() {
  static const std::string* const columns =
      new std::string(std::string(kResponseColumns) + ", coalesce(r.subject_id::text, ''), s.wrapped_key");
  return *columns;
}
constexpr char kFrom[] =
    " FROM npsd.responses r LEFT JOIN npsd.subjects s ON s.tenant_id = r.tenant_id AND s.subject_id = r.subject_id";

// ResponseReader turns rows into responses, unwrapping each subject's key once.
class ResponseReader {
 public:
  ResponseReader(const privacy::PersonalDataCipher& cipher, std::string tenant_id)
      : cipher_(cipher), tenant_id_(std::move(tenant_id)) {}

  absl::StatusOr<StoredResponse> Read(const pqxx::row& row) {
    const std::string subject_id = row[kResponseColumnCount].as<std::string>();
    std::string data_key;
    if (!subject_id.empty() && !row[10].is_null()) {
      NPSD_ASSIGN_OR_RETURN(data_key, DataKey(subject_id, BytesField(row[kResponseColumnCount + 1])));
    }
    NPSD_ASSIGN_OR_RETURN(StoredResponse response, ReadResponseRow(row, cipher_, tenant_id_, data_key));
    response.has_subject = !subject_id.empty();
    return response;
  }

 private:
  absl::StatusOr<std::string> DataKey(const std::string& subject_id, const std::string& wrapped) {
    auto found = keys_.find(subject_id);
    if (found != keys_.end()) return found->second;
    NPSD_ASSIGN_OR_RETURN(std::string key, cipher_.UnwrapSubjectKey(tenant_id_, subject_id, wrapped));
    return keys_[subject_id] = key;
  }

  const privacy::PersonalDataCipher& cipher_;
  const std::string tenant_id_;
  std::map<std::string, std::string> keys_;
};

const char* CategoryCondition(const std::optional<domain::NpsCategory>& category) {
  if (!category) return "";
  switch (*category) {
    case domain::NpsCategory::kPromoter:
      return " AND r.score >= 9";
    case domain::NpsCategory::kPassive:
      return " AND r.score BETWEEN 7 AND 8";
    case domain::NpsCategory::kDetractor:
      return " AND r.score <= 6";
  }
  return "";
}

}  // namespace

absl::StatusOr<StoredResponse> PgResponseRepository::GetResponse(const std::string& tenant_id,
                                                                 const std::string& response_id,
                                                                 absl::Time deadline) {
  return RunTransaction<StoredResponse>(pool_, TenantScope(tenant_id, deadline),
                                        [&](pqxx::work& txn) -> absl::StatusOr<StoredResponse> {
    const pqxx::result rows = txn.exec_params(
        "SELECT " + Columns() + kFrom + " WHERE r.response_id = $1::uuid", response_id);
    if (rows.empty()) return absl::NotFoundError("response not found");
    ResponseReader reader(cipher_, tenant_id);
    return reader.Read(rows[0]);
  });
}

absl::StatusOr<Page<StoredResponse>> PgResponseRepository::ListResponses(const std::string& tenant_id,
                                                                         const ResponseFilter& filter,
                                                                         const PageRequest& page,
                                                                         absl::Time deadline) {
  return RunTransaction<Page<StoredResponse>>(pool_, TenantScope(tenant_id, deadline),
                                              [&](pqxx::work& txn) -> absl::StatusOr<Page<StoredResponse>> {
    const auto micros = [](const std::optional<absl::Time>& time) { return OptionalMicros(time); };
    const std::optional<bool>& has_comment = filter.has_comment;
    const pqxx::result rows = txn.exec_params(
        "SELECT " + Columns() + kFrom +
            " WHERE ($1 = '' OR r.campaign_id = $1::uuid)"
            " AND ($2::bigint IS NULL OR r.answered_at >= npsd.from_micros($2))"
            " AND ($3::bigint IS NULL OR r.answered_at < npsd.from_micros($3))"
            " AND ($4 = '' OR r.region_code IN (SELECT npsd.org_descendants('REGION', $4)))"
            " AND ($5 = '' OR r.brand_code = $5)"
            " AND ($6 = '' OR r.business_unit_code IN (SELECT npsd.org_descendants('BUSINESS_UNIT', $6)))"
            " AND ($7 = '' OR r.channel = $7) AND ($8 = '' OR r.agent_id = $8) AND ($9 = '' OR r.queue = $9)"
            " AND ($10::boolean IS NULL OR (r.comment_ciphertext IS NOT NULL) = $10)"
            " AND ($11::bigint IS NULL OR (r.answered_at, r.response_id) < (npsd.from_micros($11), $12::uuid))" +
            CategoryCondition(filter.category) + " ORDER BY r.answered_at DESC, r.response_id DESC LIMIT $13",
        filter.campaign_id, micros(filter.answered_after), micros(filter.answered_before), filter.scope.region_code,
        filter.scope.brand_code, filter.scope.business_unit_code,
        filter.channel ? domain::ChannelName(*filter.channel) : "", filter.agent_id, filter.queue, has_comment,
        CursorMicros(page),
        CursorId(page), page.size + 1);
    ResponseReader reader(cipher_, tenant_id);
    std::vector<StoredResponse> responses;
    for (const auto& row : rows) {
      NPSD_ASSIGN_OR_RETURN(StoredResponse response, reader.Read(row));
      responses.push_back(std::move(response));
    }
    return MakePage(std::move(responses), page.size, [](const StoredResponse& last) {
      return domain::PageCursor{last.answered_at, last.id};
    });
  });
}

absl::StatusOr<domain::EligibilityFacts> PgResponseRepository::GetEligibilityFacts(
    const std::string& tenant_id, const std::string& campaign_id,
    const std::vector<domain::NormalizedIdentifier>& identifiers, absl::Time deadline) {
  std::vector<std::string> kinds, hashes;
  for (const domain::NormalizedIdentifier& identifier : identifiers) {
    NPSD_ASSIGN_OR_RETURN(std::string hash, cipher_.LookupHash(tenant_id, identifier));
    kinds.emplace_back(domain::IdentifierKindName(identifier.kind));
    hashes.push_back(ByteaText(hash));
  }
  return RunTransaction<domain::EligibilityFacts>(pool_, TenantScope(tenant_id, deadline),
                                                  [&](pqxx::work& txn) -> absl::StatusOr<domain::EligibilityFacts> {
    domain::EligibilityFacts facts;
    NPSD_ASSIGN_OR_RETURN(facts.campaign, SelectCampaign(txn, campaign_id, false));
    const pqxx::row row = txn.exec_params1(
        absl::StrCat("WITH wanted AS (SELECT * FROM unnest($1::text[], $2::bytea[]) AS w(kind, lookup_hash))"
                     " SELECT EXISTS (SELECT FROM npsd.suppressed_identifiers x JOIN wanted USING (kind, lookup_hash)),"
                     "        coalesce(bool_or(s.restricted), false), npsd.to_micros(max(",
                     LastSurveyedSql("s"),
                     "))"
                     " FROM npsd.subject_identifiers i JOIN wanted USING (kind, lookup_hash)"
                     " JOIN npsd.subjects s ON s.tenant_id = i.tenant_id AND s.subject_id = i.subject_id"),
        TextArrayLiteral(kinds), TextArrayLiteral(hashes));
    facts.suppressed = row[0].as<bool>();
    facts.restricted = row[1].as<bool>();
    facts.last_surveyed = OptionalTimeField(row[2]);
    return facts;
  });
}

}  // namespace npsd::storage::pg
