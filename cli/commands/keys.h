// keys.h — npsctl's API key calls (TenantService).
//
//   absl::StatusOr<CreatedKey> key = CreateKey(connection, tenant_id, "ingest bot", {"ingest"}, "");
//   std::cout << key->secret;  // the bearer token, shown this once
//
// The operator may manage any tenant's keys, a tenant admin key only its own tenant's.
#ifndef NPSD_CLI_COMMANDS_KEYS_H_
#define NPSD_CLI_COMMANDS_KEYS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/tenant_service.pb.h"

namespace npsd::cli {

// CreatedKey is a new API key and its secret, shown once.
struct CreatedKey {
  nps::v1::ApiKey key;
  std::string secret;
};

// CreateKey issues a key with `scopes` (labels such as "ingest", "read", "campaigns",
// "privacy", "admin"); `expire_time` is RFC 3339 or empty for none.
absl::StatusOr<CreatedKey> CreateKey(const Connection& connection, const std::string& tenant_id,
                                     const std::string& display_name, const std::vector<std::string>& scopes,
                                     const std::string& expire_time);

// ListKeys reads up to `limit` keys of a tenant (0: all), never their secrets.
absl::StatusOr<std::vector<nps::v1::ApiKey>> ListKeys(const Connection& connection, const std::string& tenant_id,
                                                      int limit);

// RevokeKey revokes a key at once.
absl::StatusOr<nps::v1::ApiKey> RevokeKey(const Connection& connection, const std::string& tenant_id,
                                          const std::string& key_id);

// KeyTable shows keys, one per row; `secret` adds a column with the new key's secret.
Table KeyTable(const std::vector<nps::v1::ApiKey>& keys, const std::string& secret = "");

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_KEYS_H_
