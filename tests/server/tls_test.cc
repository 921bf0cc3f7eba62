// tls_test.cc — TLS and mTLS handshakes against a real npsd with a throwaway PKI.
//
// A certificate authority, a server certificate for 127.0.0.1, and client certificates
// (good, expired, from another CA) are made at test time; each case runs a health check
// over a fresh channel and expects it to succeed or the handshake to fail.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "server/health_probe.h"
#include "server/npsd_server.h"
#include "tests/server/server_fixture.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

constexpr absl::Duration kProbeTimeout = absl::Seconds(5);

// Pki is the throwaway certificates of one test program.
struct Pki {
  TestCertificate ca = TestCertificate::Authority("npsd test CA");
  TestCertificate other_ca = TestCertificate::Authority("another CA");
  TestCertificate server = TestCertificate::Server(ca);
  TestCertificate client = TestCertificate::Client(ca, "app");
  TestCertificate expired_client = TestCertificate::Client(ca, "old app", absl::Hours(-48), absl::Hours(-24));
  TestCertificate foreign_client = TestCertificate::Client(other_ca, "app");
};

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char folder[] = "/tmp/npsd-tls-XXXXXX";
    ASSERT_NE(mkdtemp(folder), nullptr);
    folder_ = folder;
    pki_ = new Pki();
    Write("server.crt", pki_->server.certificate_pem);
    Write("server.key", pki_->server.private_key_pem);
    Write("ca.crt", pki_->ca.certificate_pem);
    Write("master.key", kMasterKeyHex);
  }

  static void TearDownTestSuite() {
    delete pki_;
    std::filesystem::remove_all(folder_);
  }

  static void Write(const std::string& name, const std::string& contents) {
    std::ofstream(folder_ / name) << contents;
  }

  // Start serves npsd with TLS, and requires client certificates when `mutual`; with
  // `health_port`, also the plaintext health listener.
  void Start(bool mutual, bool health_port = false) {
    server::ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    if (health_port) config.health_listen = "127.0.0.1:0";
    config.database_url = MigratedAppUrl();
    config.master_key_file = (folder_ / "master.key").string();
    config.tls_cert_file = (folder_ / "server.crt").string();
    config.tls_key_file = (folder_ / "server.key").string();
    if (mutual) config.tls_client_ca_file = (folder_ / "ca.crt").string();
    config.pool_size = 1;
    config.ingest_writers = 1;
    config.retention_interval = absl::ZeroDuration();
    auto server = server::NpsdServer::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(server).value();
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
    server_.reset();
  }

  // Probe runs a health check with `credentials` over a new channel.
  absl::StatusOr<std::string> Probe(const std::shared_ptr<grpc::ChannelCredentials>& credentials) const {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // no connection shared across cases
    auto channel = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server_->port()), credentials, args);
    return server::CheckHealth(channel, "", kProbeTimeout);
  }

  // ExpectRefused checks that a probe with `credentials` fails in the handshake: the
  // channel never connects, so the call is UNAVAILABLE.
  void ExpectRefused(const std::shared_ptr<grpc::ChannelCredentials>& credentials, const char* why) const {
    EXPECT_EQ(Probe(credentials).status().code(), absl::StatusCode::kUnavailable) << why;
  }

  // Tls returns TLS credentials trusting `root`, presenting `client` when given.
  static std::shared_ptr<grpc::ChannelCredentials> Tls(const TestCertificate& root,
                                                       const TestCertificate* client = nullptr) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = root.certificate_pem;
    if (client != nullptr) {
      options.pem_cert_chain = client->certificate_pem;
      options.pem_private_key = client->private_key_pem;
    }
    return grpc::SslCredentials(options);
  }

  static inline std::filesystem::path folder_;
  static inline Pki* pki_ = nullptr;
  std::unique_ptr<server::NpsdServer> server_;
};

TEST_F(TlsTest, TlsServesClientsThatTrustItsCa) {
  Start(/*mutual=*/false);
  absl::StatusOr<std::string> health = Probe(Tls(pki_->ca));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, "SERVING");
}

TEST_F(TlsTest, TlsRefusesPlaintextAndUntrustedServerCertificates) {
  Start(/*mutual=*/false);
  ExpectRefused(grpc::InsecureChannelCredentials(), "plaintext");
  ExpectRefused(Tls(pki_->other_ca), "server certificate from an untrusted CA");
}

TEST_F(TlsTest, MutualTlsAcceptsAGoodClientCertificate) {
  Start(/*mutual=*/true);
  absl::StatusOr<std::string> health = Probe(Tls(pki_->ca, &pki_->client));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, "SERVING");
}

TEST_F(TlsTest, MutualTlsRefusesMissingExpiredAndForeignClientCertificates) {
  Start(/*mutual=*/true);
  ExpectRefused(Tls(pki_->ca), "no client certificate");
  ExpectRefused(Tls(pki_->ca, &pki_->expired_client), "expired client certificate");
  ExpectRefused(Tls(pki_->ca, &pki_->foreign_client), "client certificate from another CA");
  ExpectRefused(grpc::InsecureChannelCredentials(), "plaintext");
  EXPECT_TRUE(Probe(Tls(pki_->ca, &pki_->client)).ok()) << "the server still serves good clients";
}

TEST_F(TlsTest, PlaintextHealthPortAnswersProbesWhileTheMainPortRequiresClientCertificates) {
  Start(/*mutual=*/true, /*health_port=*/true);
  ExpectRefused(grpc::InsecureChannelCredentials(), "plaintext on the main port");
  const std::string health_address = absl::StrCat("127.0.0.1:", server_->health_port());
  absl::StatusOr<std::string> health =
      server::CheckHealth(grpc::CreateChannel(health_address, grpc::InsecureChannelCredentials()), "", kProbeTimeout);
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, "SERVING");
  // The image's HEALTHCHECK: `npsd health` against the health port.
  const int probe = std::system(absl::StrCat(NPSD_BINARY, " health --address ", health_address, " >/dev/null").c_str());
  ASSERT_TRUE(WIFEXITED(probe));
  EXPECT_EQ(WEXITSTATUS(probe), 0);
}

}  // namespace
}  // namespace npsd::testing
