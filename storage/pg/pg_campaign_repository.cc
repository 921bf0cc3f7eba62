// pg_campaign_repository.cc — campaigns in PostgreSQL.
#include "storage/pg/pg_campaign_repository.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/org_unit_checks.h"
#include "storage/pg/transaction.h"

namespace npsd::storage::pg {
namespace {

using domain::Campaign;

constexpr char kColumns[] =
    "campaign_id::text, name, labels, touchpoint, channels, default_locale, question_locales,"
    " question_texts, follow_up_texts, coalesce(region_code, ''), coalesce(brand_code, ''),"
    " coalesce(business_unit_code, ''), npsd.to_micros(start_time), npsd.to_micros(end_time),"
    " late_window_days, fatigue_days, sampling_percent, state,"
    " coalesce(previous_campaign_id::text, ''), campaign_version, version,"
    " npsd.to_micros(create_time), npsd.to_micros(update_time), npsd.to_micros(close_time)";

Campaign CampaignFromRow(const pqxx::row& row) {
  Campaign campaign;
  campaign.id = row[0].as<std::string>();
  campaign.name = row[1].as<std::string>();
  for (const std::string& label : TextArrayField(row[2])) {
    const size_t equals = label.find('=');
    campaign.labels[label.substr(0, equals)] = equals == std::string::npos ? "" : label.substr(equals + 1);
  }
  campaign.touchpoint = row[3].as<std::string>();
  for (const std::string& name : TextArrayField(row[4])) {
    if (auto channel = domain::ParseChannel(name)) campaign.channels.push_back(*channel);
  }
  campaign.default_locale = row[5].as<std::string>();
  const std::vector<std::string> locales = TextArrayField(row[6]);
  const std::vector<std::string> texts = TextArrayField(row[7]);
  const std::vector<std::string> follow_ups = TextArrayField(row[8]);
  for (size_t i = 0; i < locales.size() && i < texts.size() && i < follow_ups.size(); ++i) {
    campaign.questions.push_back({locales[i], texts[i], follow_ups[i]});
  }
  campaign.default_scope = {row[9].as<std::string>(), row[10].as<std::string>(), row[11].as<std::string>()};
  campaign.start_time = OptionalTimeField(row[12]);
  campaign.end_time = OptionalTimeField(row[13]);
  campaign.late_window_days = row[14].as<int32_t>();
  campaign.fatigue_days = row[15].as<int32_t>();
  campaign.sampling_percent = row[16].as<double>();
  campaign.state = domain::ParseCampaignState(row[17].as<std::string>()).value_or(domain::CampaignState::kDraft);
  campaign.previous_campaign_id = row[18].as<std::string>();
  campaign.campaign_version = row[19].as<int32_t>();
  campaign.version = row[20].as<int64_t>();
  campaign.create_time = TimeField(row[21]);
  campaign.update_time = TimeField(row[22]);
  campaign.close_time = OptionalTimeField(row[23]);
  return campaign;
}

std::optional<std::string> NullIfEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// StoredArrays holds a campaign's array columns rendered as text[] literals.
struct StoredArrays {
  std::string labels, channels, locales, texts, follow_ups;
};

StoredArrays ArraysOf(const Campaign& campaign) {
  std::vector<std::string> labels, channels, locales, texts, follow_ups;
  for (const auto& [key, value] : campaign.labels) labels.push_back(key + "=" + value);
  for (domain::Channel channel : campaign.channels) channels.emplace_back(domain::ChannelName(channel));
  for (const auto& question : campaign.questions) {
    locales.push_back(question.locale);
    texts.push_back(question.nps_question);
    follow_ups.push_back(question.follow_up_question);
  }
  return {TextArrayLiteral(labels), TextArrayLiteral(channels), TextArrayLiteral(locales),
          TextArrayLiteral(texts), TextArrayLiteral(follow_ups)};
}

// CheckScopeCodes checks that the default-scope codes exist and are not archived.
absl::Status CheckScopeCodes(pqxx::work& txn, const domain::OrgScope& scope) {
  if (!scope.region_code.empty()) {
    NPSD_RETURN_IF_ERROR(CheckOrgCode(txn, "REGION", scope.region_code, false,
                                      "campaign.default_scope.region_code"));
  }
  if (!scope.brand_code.empty()) {
    NPSD_RETURN_IF_ERROR(CheckOrgCode(txn, "BRAND", scope.brand_code, false,
                                      "campaign.default_scope.brand_code"));
  }
  if (!scope.business_unit_code.empty()) {
    NPSD_RETURN_IF_ERROR(CheckOrgCode(txn, "BUSINESS_UNIT", scope.business_unit_code, false,
                                      "campaign.default_scope.business_unit_code"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Campaign> InsertCampaign(pqxx::work& txn, const std::string& tenant_id,
                                        const Campaign& campaign, int32_t campaign_version) {
  const StoredArrays arrays = ArraysOf(campaign);
  const pqxx::result rows = txn.exec_params(
      std::string("INSERT INTO npsd.campaigns (tenant_id, name, labels, touchpoint, channels,"
                  " default_locale, question_locales, question_texts, follow_up_texts, region_code,"
                  " brand_code, business_unit_code, start_time, end_time, late_window_days,"
                  " fatigue_days, sampling_percent, previous_campaign_id, campaign_version)"
                  " VALUES ($1::uuid, $2, $3::text[], $4, $5::text[], $6, $7::text[], $8::text[],"
                  " $9::text[], $10, $11, $12, npsd.from_micros($13), npsd.from_micros($14), $15,"
                  " $16, $17, $18::uuid, $19) RETURNING ") + kColumns,
      tenant_id, campaign.name, arrays.labels, campaign.touchpoint, arrays.channels,
      campaign.default_locale, arrays.locales, arrays.texts, arrays.follow_ups,
      NullIfEmpty(campaign.default_scope.region_code), NullIfEmpty(campaign.default_scope.brand_code),
      NullIfEmpty(campaign.default_scope.business_unit_code), OptionalMicros(campaign.start_time),
      OptionalMicros(campaign.end_time), campaign.late_window_days, campaign.fatigue_days,
      campaign.sampling_percent, NullIfEmpty(campaign.previous_campaign_id), campaign_version);
  return CampaignFromRow(rows[0]);
}

Campaign WriteCampaign(pqxx::work& txn, const Campaign& campaign) {
  const StoredArrays arrays = ArraysOf(campaign);
  const pqxx::result rows = txn.exec_params(
      std::string("UPDATE npsd.campaigns SET name = $2, labels = $3::text[], touchpoint = $4,"
                  " channels = $5::text[], default_locale = $6, question_locales = $7::text[],"
                  " question_texts = $8::text[], follow_up_texts = $9::text[], region_code = $10,"
                  " brand_code = $11, business_unit_code = $12, start_time = npsd.from_micros($13),"
                  " end_time = npsd.from_micros($14), late_window_days = $15, fatigue_days = $16,"
                  " sampling_percent = $17, state = $18, close_time = npsd.from_micros($19),"
                  " version = version + 1, update_time = clock_timestamp()"
                  " WHERE campaign_id = $1::uuid RETURNING ") + kColumns,
      campaign.id, campaign.name, arrays.labels, campaign.touchpoint, arrays.channels,
      campaign.default_locale, arrays.locales, arrays.texts, arrays.follow_ups,
      NullIfEmpty(campaign.default_scope.region_code), NullIfEmpty(campaign.default_scope.brand_code),
      NullIfEmpty(campaign.default_scope.business_unit_code), OptionalMicros(campaign.start_time),
      OptionalMicros(campaign.end_time), campaign.late_window_days, campaign.fatigue_days,
      campaign.sampling_percent, domain::CampaignStateName(campaign.state),
      OptionalMicros(campaign.close_time));
  return CampaignFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<Campaign> SelectCampaign(pqxx::work& txn, const std::string& campaign_id, bool lock) {
  const pqxx::result rows = txn.exec_params(
      std::string("SELECT ") + kColumns + " FROM npsd.campaigns WHERE campaign_id = $1::uuid" +
          (lock ? " FOR UPDATE" : ""),
      campaign_id);
  if (rows.empty()) return absl::NotFoundError("campaign not found");
  return CampaignFromRow(rows[0]);
}

std::string SelectCampaignsSql(const std::string& source) {
  return absl::StrCat("SELECT ", kColumns, " FROM ", source);
}

std::map<std::string, Campaign> CampaignsById(const pqxx::result& rows) {
  std::map<std::string, Campaign> campaigns;
  for (const auto& row : rows) {
    Campaign campaign = CampaignFromRow(row);
    campaigns.emplace(campaign.id, std::move(campaign));
  }
  return campaigns;
}

absl::StatusOr<Campaign> PgCampaignRepository::CreateCampaign(const std::string& tenant_id,
                                                              const Campaign& campaign,
                                                              absl::Time deadline) {
  return RunTransaction<Campaign>(pool_, TenantScope(tenant_id, deadline),
                                  [&](pqxx::work& txn) -> absl::StatusOr<Campaign> {
    NPSD_RETURN_IF_ERROR(CheckScopeCodes(txn, campaign.default_scope));
    int32_t campaign_version = 1;
    if (!campaign.previous_campaign_id.empty()) {
      absl::StatusOr<Campaign> previous = SelectCampaign(txn, campaign.previous_campaign_id, false);
      if (absl::IsNotFound(previous.status())) {
        return domain::InvalidField("campaign.previous_campaign_id", "names no campaign of this tenant");
      }
      NPSD_RETURN_IF_ERROR(previous.status());
      campaign_version = previous->campaign_version + 1;
    }
    return InsertCampaign(txn, tenant_id, campaign, campaign_version);
  });
}

absl::StatusOr<Campaign> PgCampaignRepository::GetCampaign(const std::string& tenant_id,
                                                           const std::string& campaign_id,
                                                           absl::Time deadline) {
  return RunTransaction<Campaign>(pool_, TenantScope(tenant_id, deadline), [&](pqxx::work& txn) {
    return SelectCampaign(txn, campaign_id, false);
  });
}

absl::StatusOr<Page<Campaign>> PgCampaignRepository::ListCampaigns(const std::string& tenant_id,
                                                                   const CampaignFilter& filter,
                                                                   const PageRequest& page,
                                                                   absl::Time deadline) {
  return RunTransaction<Page<Campaign>>(pool_, TenantScope(tenant_id, deadline),
                                        [&](pqxx::work& txn) -> absl::StatusOr<Page<Campaign>> {
    const bool has_cursor = page.after.has_value();
    const pqxx::result rows = txn.exec_params(
        std::string("SELECT ") + kColumns +
            " FROM npsd.campaigns WHERE ($1 = '' OR state = $1)"
            " AND ($2 = '' OR $2 = ANY (channels))"
            " AND ($3 = '' OR ($4 AND labels @> ARRAY[$3 || '=' || $5])"
            "      OR (NOT $4 AND EXISTS (SELECT FROM unnest(labels) l WHERE split_part(l, '=', 1) = $3)))"
            " AND ($6 = '' OR name ILIKE '%' || $6 || '%')"
            " AND (NOT $7 OR (create_time, campaign_id) > (npsd.from_micros($8), $9::uuid))"
            " ORDER BY create_time, campaign_id LIMIT $10",
        filter.state ? domain::CampaignStateName(*filter.state) : "",
        filter.channel ? domain::ChannelName(*filter.channel) : "", filter.label_key,
        filter.label_value.has_value(), filter.label_value.value_or(""), EscapeLike(filter.name_contains),
        has_cursor, CursorMicros(page),
        CursorId(page), page.size + 1);
    std::vector<Campaign> campaigns;
    for (const auto& row : rows) campaigns.push_back(CampaignFromRow(row));
    return MakePage(std::move(campaigns), page.size, [](const Campaign& last) {
      return domain::PageCursor{last.create_time, last.id};
    });
  });
}

absl::StatusOr<Campaign> PgCampaignRepository::UpdateCampaign(const std::string& tenant_id,
                                                              const std::string& campaign_id,
                                                              const domain::CampaignPatch& patch,
                                                              absl::Time deadline) {
  return RunTransaction<Campaign>(pool_, TenantScope(tenant_id, deadline),
                                  [&](pqxx::work& txn) -> absl::StatusOr<Campaign> {
    NPSD_ASSIGN_OR_RETURN(Campaign campaign, SelectCampaign(txn, campaign_id, true));
    NPSD_RETURN_IF_ERROR(domain::ApplyCampaignPatch(patch, campaign));
    domain::OrgScope changed;
    if (patch.region_code) changed.region_code = *patch.region_code;
    if (patch.brand_code) changed.brand_code = *patch.brand_code;
    if (patch.business_unit_code) changed.business_unit_code = *patch.business_unit_code;
    NPSD_RETURN_IF_ERROR(CheckScopeCodes(txn, changed));
    return WriteCampaign(txn, campaign);
  });
}

absl::StatusOr<Campaign> PgCampaignRepository::TransitionCampaign(
    const std::string& tenant_id, const std::string& campaign_id, domain::CampaignAction action,
    std::optional<int64_t> expected_version, absl::Time now, absl::Time deadline) {
  return RunTransaction<Campaign>(pool_, TenantScope(tenant_id, deadline),
                                  [&](pqxx::work& txn) -> absl::StatusOr<Campaign> {
    NPSD_ASSIGN_OR_RETURN(Campaign campaign, SelectCampaign(txn, campaign_id, true));
    if (expected_version && *expected_version != campaign.version) {
      return absl::AbortedError("the campaign was changed since it was read (stale etag)");
    }
    NPSD_ASSIGN_OR_RETURN(campaign.state, domain::NextState(campaign.state, action));
    if (action == domain::CampaignAction::kActivate) {
      NPSD_RETURN_IF_ERROR(domain::CheckActivation(campaign, now));
    }
    if (action == domain::CampaignAction::kClose) campaign.close_time = now;
    return WriteCampaign(txn, campaign);
  });
}

}  // namespace npsd::storage::pg
