// npsd_server.cc — wiring of the repositories, authentication and services.
#include "server/npsd_server.h"

#include <fstream>
#include <sstream>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "auth/authenticator.h"
#include "auth/caching_authenticator.h"
#include "auth/jwt_verifier.h"
#include "domain/status_macros.h"
#include "server/access_log.h"
#include "server/audit_service.h"
#include "server/benchmark_service.h"
#include "server/call_runner.h"
#include "server/callback_poller_keepalive.h"
#include "server/counting_response_sink.h"
#include "server/health_listener.h"
#include "server/health_service.h"
#include "server/health_state.h"
#include "server/metrics.h"
#include "server/response_service.h"
#include "server/campaign_service.h"
#include "server/organization_service.h"
#include "server/privacy_service.h"
#include "server/retention_job.h"
#include "server/tenant_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/migrator.h"
#include "storage/pg/pg_api_key_repository.h"
#include "storage/pg/pg_audit_repository.h"
#include "storage/pg/pg_benchmark_repository.h"
#include "storage/pg/pg_campaign_repository.h"
#include "storage/pg/pg_response_repository.h"
#include "storage/pg/response_writer.h"
#include "storage/pg/pg_org_unit_repository.h"
#include "storage/pg/pg_privacy_repository.h"
#include "storage/pg/pg_tenant_repository.h"
#include "storage/pg/retention_runner.h"
#include "storage/pg/transaction.h"

namespace npsd::server {
namespace {

constexpr absl::Duration kHealthInterval = absl::Seconds(2);
// Well under the second after which an idle callback thread stops polling.
constexpr absl::Duration kCallbackKeepalivePeriod = absl::Milliseconds(250);
constexpr int kMaxMessageBytes = 4 * 1024 * 1024;

storage::pg::ResponseWriter::Options WriterOptions(const ServerConfig& config, Metrics& metrics) {
  storage::pg::ResponseWriter::Options options;
  options.report = [&metrics](const storage::pg::ResponseWriter::BatchReport& batch) {
    metrics.RecordIngestBatch(batch.items, batch.written, batch.commit);
  };
  options.database_url = config.database_url;
  options.writer_threads = config.ingest_writers;
  options.max_batch = config.ingest_max_batch;
  options.prepared_statements = config.ingest_prepared_statements;
  return options;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerConfig& config) {
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  NPSD_ASSIGN_OR_RETURN(pair.private_key, ReadFile(config.tls_key_file));
  NPSD_ASSIGN_OR_RETURN(pair.cert_chain, ReadFile(config.tls_cert_file));
  options.pem_key_cert_pairs.push_back(std::move(pair));
  if (!config.tls_client_ca_file.empty()) {
    NPSD_ASSIGN_OR_RETURN(options.pem_root_certs, ReadFile(config.tls_client_ca_file));
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

class NpsdServerImpl final : public NpsdServer {
 public:
  NpsdServerImpl(const ServerConfig& config, std::optional<std::string> operator_token, crypto::MasterKey master_key,
                 std::unique_ptr<auth::JwtVerifier> jwt_verifier)
      : health_({nps::v1::TenantService::service_full_name(), nps::v1::AuditService::service_full_name(),
                 nps::v1::BenchmarkService::service_full_name(), nps::v1::CampaignService::service_full_name(),
                 nps::v1::ResponseService::service_full_name(), nps::v1::OrganizationService::service_full_name(),
                 nps::v1::PrivacyService::service_full_name()}),
        cipher_(std::move(master_key)),
        pool_(config.database_url, config.pool_size),
        tenants_(pool_),
        keys_(pool_),
        audit_(pool_),
        benchmarks_(pool_),
        campaigns_(pool_),
        responses_(pool_, cipher_),
        privacy_(pool_, cipher_),
        retention_runner_(pool_, {config.database_url}),
        writer_(WriterOptions(config, metrics_), cipher_),
        counted_writer_(writer_, metrics_),
        org_units_(pool_),
        jwt_verifier_(std::move(jwt_verifier)),
        authenticator_(std::move(operator_token), keys_, jwt_verifier_.get(), &tenants_),
        cached_authenticator_(authenticator_, config.credential_cache_ttl),
        limiter_(config.rate_limits),
        runner_(cached_authenticator_, limiter_, metrics_, config.max_deadline),
        tenant_service_(runner_, tenants_, keys_),
        audit_service_(runner_, audit_),
        benchmark_service_(runner_, benchmarks_),
        campaign_service_(runner_, campaigns_),
        response_service_(runner_, counted_writer_, responses_),
        organization_service_(runner_, org_units_),
        privacy_service_(runner_, privacy_) {}

  ~NpsdServerImpl() override {
    Shutdown(absl::ZeroDuration());
    Wait();
  }

  absl::Status Build(const ServerConfig& config) {
    if (!config.metrics_listen.empty()) NPSD_RETURN_IF_ERROR(metrics_.Serve(config.metrics_listen));
    NPSD_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials, Credentials(config));
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    grpc::ResourceQuota quota("npsd");
    quota.SetMaxThreads(config.max_threads);
    builder.SetResourceQuota(quota);
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    builder.AddListeningPort(config.listen_address, credentials, &port_);
    builder.RegisterService(&tenant_service_);
    builder.RegisterService(&audit_service_);
    builder.RegisterService(&benchmark_service_);
    builder.RegisterService(&campaign_service_);
    builder.RegisterService(&response_service_);
    builder.RegisterService(&organization_service_);
    builder.RegisterService(&privacy_service_);
    builder.RegisterService(&health_service_);
    server_ = builder.BuildAndStart();
    if (server_ == nullptr || port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen_address));
    }
    keepalive_ = std::make_unique<CallbackPollerKeepalive>(server_->InProcessChannel(grpc::ChannelArguments()),
                                                           kCallbackKeepalivePeriod);
    UpdateHealth();
    if (!config.health_listen.empty()) {
      NPSD_ASSIGN_OR_RETURN(health_listener_,
                            StartHealthListener(config.health_listen, listener_health_service_, health_port_));
    }
    health_thread_ = std::thread([this] { WatchHealth(); });
    if (config.retention_interval > absl::ZeroDuration()) {
      retention_job_ = std::make_unique<RetentionJob>(retention_runner_, config.retention_interval);
      retention_job_->Start();
    }
    return absl::OkStatus();
  }

  int port() const override { return port_; }

  int health_port() const override { return health_port_; }

  void Shutdown(absl::Duration grace) override {
    if (stopping_.HasBeenNotified()) return;
    stopping_.Notify();
    keepalive_.reset();
    health_.Shutdown();
    if (server_ != nullptr) server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    // Probes see NOT_SERVING on the health port for as long as the main port drains.
    if (health_listener_ != nullptr) health_listener_->Shutdown(absl::ToChronoTime(absl::Now()));
  }

  void Wait() override {
    if (server_ != nullptr) server_->Wait();
    if (health_listener_ != nullptr) health_listener_->Wait();
    if (health_thread_.joinable()) health_thread_.join();
    if (retention_job_ != nullptr) retention_job_->Stop();
  }

 private:
  // UpdateHealth reports SERVING exactly when a trivial transaction succeeds.
  void UpdateHealth() {
    const absl::Status status = storage::pg::RunTransaction(
        pool_, storage::pg::TransactionScope{"", false, absl::Now() + absl::Seconds(2)},
        [](pqxx::work& txn) {
          txn.exec("SELECT 1");
          return absl::OkStatus();
        });
    const bool serving = status.ok();
    const storage::pg::ConnectionPool::Stats pool = pool_.GetStats();
    metrics_.SetPool(pool.open, pool.idle);
    metrics_.SetIngestQueue(writer_.queued());
    if (serving != last_serving_) {
      LogEvent(serving ? "info" : "warning", serving ? "database reachable: SERVING"
                                                     : "database unreachable: NOT_SERVING");
      last_serving_ = serving;
    }
    health_.Set(serving);
  }

  void WatchHealth() {
    while (!stopping_.WaitForNotificationWithTimeout(kHealthInterval)) UpdateHealth();
  }

  HealthState health_;  // read by both health services; outlives both servers
  HealthService health_service_{health_};           // on the main port
  HealthService listener_health_service_{health_};  // on the health listener
  Metrics metrics_;
  privacy::PersonalDataCipher cipher_;
  storage::pg::ConnectionPool pool_;
  storage::pg::PgTenantRepository tenants_;
  storage::pg::PgApiKeyRepository keys_;
  storage::pg::PgAuditRepository audit_;
  storage::pg::PgBenchmarkRepository benchmarks_;
  storage::pg::PgCampaignRepository campaigns_;
  storage::pg::PgResponseRepository responses_;
  storage::pg::PgPrivacyRepository privacy_;
  storage::pg::RetentionRunner retention_runner_;
  storage::pg::ResponseWriter writer_;
  CountingResponseSink counted_writer_;
  storage::pg::PgOrgUnitRepository org_units_;
  std::unique_ptr<auth::JwtVerifier> jwt_verifier_;  // null when no issuer is configured
  auth::CredentialAuthenticator authenticator_;
  auth::CachingAuthenticator cached_authenticator_;
  RateLimiter limiter_;
  CallRunner runner_;
  TenantService tenant_service_;
  AuditService audit_service_;
  BenchmarkService benchmark_service_;
  CampaignService campaign_service_;
  ResponseService response_service_;
  OrganizationService organization_service_;
  PrivacyService privacy_service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<CallbackPollerKeepalive> keepalive_;  // calls server_ in-process
  int port_ = 0;
  std::unique_ptr<grpc::Server> health_listener_;  // unset without config.health_listen
  int health_port_ = 0;
  absl::Notification stopping_;
  std::optional<bool> last_serving_;
  std::thread health_thread_;
  std::unique_ptr<RetentionJob> retention_job_;  // unset when the interval is 0
};

}  // namespace

absl::StatusOr<std::unique_ptr<NpsdServer>> NpsdServer::Start(const ServerConfig& config) {
  NPSD_RETURN_IF_ERROR(ValidateServerConfig(config));
  std::optional<std::string> operator_token;
  if (!config.operator_key_file.empty()) {
    NPSD_ASSIGN_OR_RETURN(operator_token, ReadOperatorToken(config.operator_key_file));
  }
  if (!config.migration_database_url.empty()) {
    NPSD_ASSIGN_OR_RETURN(storage::pg::MigrationReport report,
                          storage::pg::Migrate(config.migration_database_url,
                                               storage::pg::EmbeddedMigrations()));
    LogEvent("info", absl::StrCat("migrations applied: ", report.applied,
                                  ", schema version ", report.schema_version));
  }
  NPSD_ASSIGN_OR_RETURN(crypto::MasterKey master_key, LoadMasterKey(config));
  std::unique_ptr<auth::JwtVerifier> jwt_verifier;
  if (!config.jwt_issuer_config_file.empty()) {
    NPSD_ASSIGN_OR_RETURN(jwt_verifier, auth::LoadJwtVerifier(config.jwt_issuer_config_file, config.jwt_leeway));
  }
  auto server = std::make_unique<NpsdServerImpl>(config, std::move(operator_token), std::move(master_key),
                                                 std::move(jwt_verifier));
  NPSD_RETURN_IF_ERROR(server->Build(config));
  return server;
}

}  // namespace npsd::server
