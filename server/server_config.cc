// server_config.cc — settings validation.
#include "server/server_config.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace npsd::server {

absl::StatusOr<std::string> ReadOperatorToken(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::InvalidArgumentError("cannot read the operator key file");
  std::stringstream contents;
  contents << file.rdbuf();
  std::string token(absl::StripAsciiWhitespace(contents.str()));
  if (token.size() < 32) {
    return absl::InvalidArgumentError("the operator key must be at least 32 characters");
  }
  return token;
}

absl::StatusOr<crypto::MasterKey> LoadMasterKey(const ServerConfig& config) {
  absl::StatusOr<crypto::MasterKey> key = config.master_key_file.empty()
                                              ? crypto::MasterKey::FromEnvironment("NPSD_MASTER_KEY")
                                              : crypto::MasterKey::FromFile(config.master_key_file);
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a master key is required (--master-key-file or NPSD_MASTER_KEY: 64 hex digits): ", key.status().message()));
  }
  return key;
}

absl::Status ValidateServerConfig(const ServerConfig& config) {
  if (config.database_url.empty()) {
    return absl::InvalidArgumentError("--database-url (NPSD_DATABASE_URL) is required");
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert-file and --tls-key-file go together");
  }
  if (!config.tls_client_ca_file.empty() && config.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca-file (mTLS) requires a server certificate");
  }
  if (config.tls_cert_file.empty() && !config.insecure) {
    return absl::InvalidArgumentError(
        "no TLS certificate given: pass --tls-cert-file/--tls-key-file, or --insecure for local plaintext");
  }
  if (config.ingest_writers < 1 || config.ingest_max_batch < 1) {
    return absl::InvalidArgumentError("--ingest-writers and --ingest-max-batch must be >= 1");
  }
  if (config.pool_size < 1 || config.max_threads < 2) {
    return absl::InvalidArgumentError("--pool-size must be >= 1 and --max-threads >= 2");
  }
  if (config.max_deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--max-deadline-seconds must be positive");
  }
  if (config.retention_interval < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--retention-interval-seconds must not be negative");
  }
  if (config.jwt_leeway < absl::ZeroDuration() || config.jwt_leeway > absl::Minutes(5)) {
    return absl::InvalidArgumentError("--jwt-leeway-seconds must be between 0 and 300");
  }
  return absl::OkStatus();
}

}  // namespace npsd::server
