// privacy_config.cc — privacy settings and retention policy reads.
#include "storage/pg/privacy_config.h"

#include "storage/pg/field_conversions.h"

namespace npsd::storage::pg {

absl::StatusOr<domain::PrivacySettings> SelectPrivacySettings(pqxx::work& txn, const std::string& tenant_id) {
  const pqxx::result rows = txn.exec_params(
      "SELECT erasure_keeps_scores, personal_attribute_keys FROM npsd.tenants WHERE tenant_id = $1::uuid",
      tenant_id);
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  domain::PrivacySettings settings;
  settings.erasure_mode = rows[0][0].as<bool>() ? domain::ErasureMode::kKeepAnonymousScores
                                                : domain::ErasureMode::kDeleteResponses;
  settings.personal_attribute_keys = TextArrayField(rows[0][1]);
  return settings;
}

domain::RetentionPolicy SelectRetentionPolicy(pqxx::work& txn, const std::string& tenant_id) {
  domain::RetentionPolicy policy;
  const pqxx::result rows = txn.exec_params(
      "SELECT personal_data_days, delete_after_days, legal_hold, npsd.to_micros(update_time)"
      " FROM npsd.retention_policies WHERE tenant_id = $1::uuid",
      tenant_id);
  if (rows.empty()) return policy;
  policy.default_rule = {rows[0][0].as<int32_t>(), rows[0][1].as<int32_t>()};
  policy.legal_hold = rows[0][2].as<bool>();
  policy.update_time = TimeField(rows[0][3]);
  for (const auto& row : txn.exec_params(
           "SELECT campaign_id::text, personal_data_days, delete_after_days, legal_hold"
           " FROM npsd.retention_overrides WHERE tenant_id = $1::uuid ORDER BY campaign_id",
           tenant_id)) {
    policy.campaign_overrides.push_back(
        {row[0].as<std::string>(), {row[1].as<int32_t>(), row[2].as<int32_t>()}, row[3].as<bool>()});
  }
  return policy;
}

}  // namespace npsd::storage::pg
