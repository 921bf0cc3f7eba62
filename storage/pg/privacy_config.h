// privacy_config.h — reading a tenant's privacy settings and retention policy inside a
// transaction, for the repository, the execution of requests and the retention runner.
#ifndef NPSD_STORAGE_PG_PRIVACY_CONFIG_H_
#define NPSD_STORAGE_PG_PRIVACY_CONFIG_H_

#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "domain/privacy_settings.h"
#include "domain/retention.h"

namespace npsd::storage::pg {

// SelectPrivacySettings reads the settings of `tenant_id`; NOT_FOUND when the tenant is
// not visible in the transaction's context.
absl::StatusOr<domain::PrivacySettings> SelectPrivacySettings(pqxx::work& txn, const std::string& tenant_id);

// SelectRetentionPolicy reads the policy of `tenant_id`: no limits, no hold and no
// update_time when none was ever set.
domain::RetentionPolicy SelectRetentionPolicy(pqxx::work& txn, const std::string& tenant_id);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PRIVACY_CONFIG_H_
