// server_config.h — npsd's settings: command-line flags with environment fallbacks.
//
//   npsd serve --listen=localhost:50051 --database-url=postgresql://npsd_app@db/npsd ...
//   NPSD_DATABASE_URL=... npsd serve
//
// `npsd --help` and `npsd <command> --help` describe every setting.
#ifndef NPSD_SERVER_SERVER_CONFIG_H_
#define NPSD_SERVER_SERVER_CONFIG_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "crypto/key_hierarchy.h"
#include "server/rate_limiter.h"

namespace npsd::server {

// ServerConfig holds the settings of `npsd serve`.
struct ServerConfig {
  std::string listen_address = "localhost:50051";
  std::string metrics_listen;          // host:port of /metrics; empty: no metrics endpoint
  std::string health_listen;           // host:port of the plaintext health-only port; empty: none
  std::string database_url;            // the unprivileged runtime role
  std::string migration_database_url;  // the schema owner; empty: no migration at start-up
  int pool_size = 16;
  int max_threads = 64;                // gRPC sync server threads (resource quota)
  std::string operator_key_file;       // empty: no operator credential
  std::string master_key_file;         // empty: the NPSD_MASTER_KEY environment variable
  int ingest_writers = 2;              // group-commit writer threads (connections)
  int ingest_max_batch = 500;          // responses per ingestion transaction at most
  bool ingest_prepared_statements = true;  // off behind PgBouncer < 1.21 in transaction mode
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;      // set: clients must present a certificate it signed
  bool insecure = false;               // plaintext; local development only
  absl::Duration max_deadline = absl::Seconds(30);
  absl::Duration retention_interval = absl::Hours(1);  // retention job period; 0: no job
  RateLimits rate_limits;              // per tenant and credential; see rate_limiter.h
  absl::Duration credential_cache_ttl = absl::Seconds(5);  // revocation takes effect within it
  std::string jwt_issuer_config_file;  // empty: JWT bearer tokens are not accepted
  absl::Duration jwt_leeway = absl::Seconds(60);  // clock skew allowed on JWT exp/nbf/iat
};

// ReadOperatorToken reads the operator credential from `path` (surrounding whitespace
// removed); INVALID_ARGUMENT when unreadable or shorter than 32 characters.
absl::StatusOr<std::string> ReadOperatorToken(const std::string& path);

// LoadMasterKey reads the master key that protects personal data: from
// `master_key_file` when set, else from the NPSD_MASTER_KEY environment variable.
absl::StatusOr<crypto::MasterKey> LoadMasterKey(const ServerConfig& config);

// ValidateServerConfig checks that the settings are consistent (TLS files in pairs,
// plaintext only when asked for, positive sizes, a JWT leeway of 0 to 5 minutes)
// before anything starts.
absl::Status ValidateServerConfig(const ServerConfig& config);

}  // namespace npsd::server

#endif  // NPSD_SERVER_SERVER_CONFIG_H_
