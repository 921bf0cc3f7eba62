// main.cc — the npsd command: `serve` (default), `migrate`, `health` and `retention run`.
//
// Every flag has an environment fallback (NPSD_*), so containers can be configured
// either way; `npsd --help` lists them.
#include <csignal>
#include <cstdio>
#include <iostream>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/access_log.h"
#include "server/health_probe.h"
#include "server/npsd_server.h"
#include "server/retention_job.h"
#include "storage/pg/migrator.h"

namespace {

using npsd::server::LogEvent;
using npsd::server::RateLimits;

void AddServeOptions(CLI::App& serve, npsd::server::ServerConfig& config, double& max_deadline_seconds,
                     double& shutdown_grace_seconds, double& credential_cache_seconds) {
  serve.add_option("--listen", config.listen_address, "host:port to serve gRPC on")
      ->envname("NPSD_LISTEN")->capture_default_str();
  serve.add_option("--health-listen", config.health_listen,
                   "host:port of a plaintext port serving only grpc.health.v1.Health, for probes when"
                   " --listen serves TLS (empty: none)")
      ->envname("NPSD_HEALTH_LISTEN");
  serve.add_option("--metrics-listen", config.metrics_listen,
                   "host:port serving Prometheus metrics at /metrics (empty: disabled)")
      ->envname("NPSD_METRICS_LISTEN");
  serve.add_option("--database-url", config.database_url,
                   "libpq URL of the unprivileged runtime role (member of npsd_runtime)")
      ->envname("NPSD_DATABASE_URL");
  serve.add_option("--migration-database-url", config.migration_database_url,
                   "libpq URL of the schema owner role; when set, pending migrations run at start-up")
      ->envname("NPSD_MIGRATION_DATABASE_URL");
  serve.add_option("--pool-size", config.pool_size, "maximum database connections")
      ->envname("NPSD_POOL_SIZE")->capture_default_str();
  serve.add_option("--max-threads", config.max_threads, "maximum gRPC worker threads")
      ->envname("NPSD_MAX_THREADS")->capture_default_str();
  serve.add_option("--operator-key-file", config.operator_key_file,
                   "file holding the operator credential (TenantService only); none: no operator")
      ->envname("NPSD_OPERATOR_KEY_FILE");
  serve.add_option("--master-key-file", config.master_key_file,
                   "file holding the 256-bit master key (64 hex digits) protecting personal data;"
                   " default: the NPSD_MASTER_KEY environment variable")
      ->envname("NPSD_MASTER_KEY_FILE");
  serve.add_option("--ingest-writers", config.ingest_writers, "group-commit writer threads (database connections)")
      ->envname("NPSD_INGEST_WRITERS")->capture_default_str();
  serve.add_option("--ingest-max-batch", config.ingest_max_batch, "responses per ingestion transaction at most")
      ->envname("NPSD_INGEST_MAX_BATCH")->capture_default_str();
  serve.add_option("--ingest-prepared-statements", config.ingest_prepared_statements,
                   "prepare the ingestion writers' statements once per connection; false behind a pooler"
                   " in transaction mode that does not keep prepared statements (PgBouncer before 1.21)")
      ->envname("NPSD_INGEST_PREPARED_STATEMENTS")->capture_default_str();
  serve.add_option("--tls-cert-file", config.tls_cert_file, "PEM server certificate chain")
      ->envname("NPSD_TLS_CERT_FILE");
  serve.add_option("--tls-key-file", config.tls_key_file, "PEM server private key")
      ->envname("NPSD_TLS_KEY_FILE");
  serve.add_option("--tls-client-ca-file", config.tls_client_ca_file,
                   "PEM CA bundle; when set, clients must present a certificate it signed (mTLS)")
      ->envname("NPSD_TLS_CLIENT_CA_FILE");
  serve.add_flag("--insecure", config.insecure, "serve plaintext without TLS (local development only)")
      ->envname("NPSD_INSECURE");
  RateLimits& limits = config.rate_limits;
  serve.add_option("--tenant-rate-limit", limits.tenant_rate, "calls per second per tenant (0: unlimited)")
      ->envname("NPSD_TENANT_RATE_LIMIT")->capture_default_str();
  serve.add_option("--tenant-burst", limits.tenant_burst, "calls a tenant may burst above its rate")
      ->envname("NPSD_TENANT_BURST")->capture_default_str();
  serve.add_option("--key-rate-limit", limits.key_rate, "calls per second per credential (0: unlimited)")
      ->envname("NPSD_KEY_RATE_LIMIT")->capture_default_str();
  serve.add_option("--key-burst", limits.key_burst, "calls a credential may burst above its rate")
      ->envname("NPSD_KEY_BURST")->capture_default_str();
  serve.add_option("--max-streams-per-tenant", limits.max_streams_per_tenant,
                   "concurrent ingestion streams per tenant (0: unlimited)")
      ->envname("NPSD_MAX_STREAMS_PER_TENANT")->capture_default_str();
  serve.add_option("--credential-cache-seconds", credential_cache_seconds,
                   "how long a verified credential is remembered (revocation takes effect within it; 0: never)")
      ->envname("NPSD_CREDENTIAL_CACHE_SECONDS")->capture_default_str();
  serve.add_option("--max-deadline-seconds", max_deadline_seconds,
                   "cap on every call's deadline, in seconds")
      ->envname("NPSD_MAX_DEADLINE_SECONDS")->capture_default_str();
  serve.add_option("--shutdown-grace-seconds", shutdown_grace_seconds,
                   "on SIGTERM/SIGINT, how long calls in flight may take to finish")
      ->envname("NPSD_SHUTDOWN_GRACE_SECONDS")->capture_default_str();
}

// AddJwtOptions adds the settings of JWT bearer tokens from SSO issuers.
void AddJwtOptions(CLI::App& serve, npsd::server::ServerConfig& config, double& jwt_leeway_seconds) {
  serve.add_option("--jwt-issuer-config", config.jwt_issuer_config_file,
                   "JSON file listing trusted JWT issuers: [{\"issuer\", \"audience\", \"jwks_file\","
                   " \"tenant_claim\"}]; none: JWTs are not accepted")
      ->envname("NPSD_JWT_ISSUER_CONFIG");
  serve.add_option("--jwt-leeway-seconds", jwt_leeway_seconds, "clock skew allowed on JWT exp, nbf and iat")
      ->envname("NPSD_JWT_LEEWAY_SECONDS")->capture_default_str();
}

// Serve runs the server until SIGTERM or SIGINT, then shuts it down gracefully.
int Serve(const npsd::server::ServerConfig& config, double shutdown_grace_seconds) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  // Blocked before any thread starts, so every thread inherits the mask and the
  // signals wait for sigwait below.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = npsd::server::NpsdServer::Start(config);
  if (!server.ok()) {
    LogEvent("error", absl::StrCat("npsd cannot start: ", server.status().ToString()));
    return 1;
  }
  LogEvent("info", absl::StrCat("npsd serving on port ", (*server)->port()));
  if ((*server)->health_port() != 0) LogEvent("info", absl::StrCat("health on port ", (*server)->health_port()));
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  LogEvent("info", "shutting down");
  (*server)->Shutdown(absl::Seconds(shutdown_grace_seconds));
  (*server)->Wait();
  LogEvent("info", "stopped");
  return 0;
}

int MigrateCommand(const std::string& owner_url) {
  auto report = npsd::storage::pg::Migrate(owner_url, npsd::storage::pg::EmbeddedMigrations());
  if (!report.ok()) {
    std::cerr << "migration failed: " << report.status() << "\n";
    return 1;
  }
  std::cout << "applied " << report->applied << " migration(s); schema version "
            << report->schema_version << "\n";
  return 0;
}

// RetentionCommand applies retention policies once (all tenants, or `tenant_id`).
int RetentionCommand(const std::string& database_url, const std::string& tenant_id) {
  auto report = npsd::server::RunRetentionOnce(database_url, tenant_id);
  if (!report.ok()) {
    std::cerr << "retention failed: " << report.status().message() << "\n";
    return 1;
  }
  std::cout << npsd::server::FormatRetentionReport(*report) << "\n";
  return report->tenants_failed == 0 ? 0 : 1;
}

int HealthCommand(const std::string& address) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto status = npsd::server::CheckHealth(channel, "", absl::Seconds(3));
  if (!status.ok()) {
    std::cerr << status.status().message() << "\n";
    return 1;
  }
  std::cout << *status << "\n";
  return *status == "SERVING" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's Abseil checks every mutex acquisition for lock-order cycles through one
  // global graph; on the ingestion path that costs more than the work it guards.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{"npsd: multi-tenant Net Promoter Score backend (gRPC + PostgreSQL)"};
  app.require_subcommand(0, 1);
  npsd::server::ServerConfig config;
  double max_deadline_seconds = 30;
  double shutdown_grace_seconds = 20;
  double credential_cache_seconds = 5;
  CLI::App* serve = app.add_subcommand("serve", "serve the gRPC API (the default)");
  AddServeOptions(*serve, config, max_deadline_seconds, shutdown_grace_seconds, credential_cache_seconds);
  double retention_interval_seconds = 3600;
  serve->add_option("--retention-interval-seconds", retention_interval_seconds,
                    "how often the retention job applies retention policies, in seconds (0: never)")
      ->envname("NPSD_RETENTION_INTERVAL_SECONDS")->capture_default_str();
  double jwt_leeway_seconds = 60;
  AddJwtOptions(*serve, config, jwt_leeway_seconds);

  std::string owner_url;
  CLI::App* migrate = app.add_subcommand("migrate", "apply pending schema migrations and exit");
  migrate->add_option("--migration-database-url", owner_url, "libpq URL of the schema owner role")
      ->envname("NPSD_MIGRATION_DATABASE_URL")->required();

  std::string health_address = "localhost:50051";
  CLI::App* health = app.add_subcommand("health", "exit 0 when npsd answers SERVING (plaintext)");
  health->add_option("--address", health_address,
                     "host:port of npsd's --health-listen port, or of a plaintext --listen port")
      ->capture_default_str();

  std::string retention_url, retention_tenant;
  CLI::App* retention = app.add_subcommand("retention", "data retention");
  retention->require_subcommand(1);
  CLI::App* retention_run = retention->add_subcommand("run", "apply retention policies now and exit");
  retention_run->add_option("--database-url", retention_url, "libpq URL of the runtime role")
      ->envname("NPSD_DATABASE_URL")->required();
  retention_run->add_option("--tenant", retention_tenant, "only this tenant's policy (default: every tenant)");

  CLI11_PARSE(app, argc, argv);
  if (migrate->parsed()) return MigrateCommand(owner_url);
  if (health->parsed()) return HealthCommand(health_address);
  if (retention_run->parsed()) return RetentionCommand(retention_url, retention_tenant);
  config.retention_interval = absl::Seconds(retention_interval_seconds);
  config.max_deadline = absl::Seconds(max_deadline_seconds);
  config.credential_cache_ttl = absl::Seconds(credential_cache_seconds);
  config.jwt_leeway = absl::Seconds(jwt_leeway_seconds);
  return Serve(config, shutdown_grace_seconds);
}
