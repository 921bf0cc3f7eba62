// personal_data_removal.cc — anonymization and deletion of responses.
#include "storage/pg/personal_data_removal.h"

#include "absl/strings/str_cat.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/rollup_update.h"

namespace npsd::storage::pg {

std::string HasPersonalDataSql(const std::string& keys_parameter) {
  return absl::StrCat(
      "(r.subject_id IS NOT NULL OR r.comment_ciphertext IS NOT NULL OR r.interaction_id <> ''"
      " OR r.idempotency_key IS NOT NULL OR r.payload_sha256 IS NOT NULL"
      " OR EXISTS (SELECT FROM unnest(r.attributes) AS a WHERE split_part(a, '=', 1) = ANY (",
      keys_parameter, "::text[])))");
}

int64_t RemovePersonalData(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& response_ids,
                           const std::vector<std::string>& personal_attribute_keys) {
  if (response_ids.empty()) return 0;
  const pqxx::result result = txn.exec_params(
      "UPDATE npsd.responses SET subject_id = NULL, comment_ciphertext = NULL, interaction_id = '',"
      " idempotency_key = NULL, payload_sha256 = NULL,"
      " attributes = ARRAY(SELECT a FROM unnest(attributes) WITH ORDINALITY AS u(a, n)"
      "                    WHERE split_part(a, '=', 1) <> ALL ($3::text[]) ORDER BY n)"
      " WHERE tenant_id = $1::uuid AND response_id = ANY ($2::uuid[])",
      tenant_id, TextArrayLiteral(response_ids), TextArrayLiteral(personal_attribute_keys));
  return result.affected_rows();
}

int64_t DeleteResponses(pqxx::work& txn, const std::string& tenant_id, const std::vector<std::string>& response_ids) {
  if (response_ids.empty()) return 0;
  std::vector<std::string> locked;
  for (const auto& row : txn.exec_params(
           "SELECT response_id::text FROM npsd.responses WHERE tenant_id = $1::uuid AND response_id = ANY ($2::uuid[])"
           " ORDER BY response_id FOR UPDATE",
           tenant_id, TextArrayLiteral(response_ids))) {
    locked.push_back(row[0].as<std::string>());
  }
  if (locked.empty()) return 0;
  const std::string time_zone =
      txn.exec_params1("SELECT reporting_time_zone FROM npsd.tenants WHERE tenant_id = $1::uuid", tenant_id)[0]
          .as<std::string>();
  UpdateRollups(txn, tenant_id, time_zone, locked, RollupDirection::kRemove);
  return txn
      .exec_params("DELETE FROM npsd.responses WHERE tenant_id = $1::uuid AND response_id = ANY ($2::uuid[])",
                   tenant_id, TextArrayLiteral(locked))
      .affected_rows();
}

}  // namespace npsd::storage::pg
