// scale_out_test.cc — two npsd replicas behind PgBouncer in transaction mode.
//
// Both replicas share one database through PgBouncer (pool_mode = transaction), as in
// the scale-out deployment: the same responses pushed to both commit once, what one
// replica writes the other reads, and tenant isolation holds over shared server
// connections.

#include <cstdlib>
#include <set>
#include <thread>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "server/npsd_server.h"
#include "tests/server/server_fixture.h"
#include "tests/support/ingestion_setup.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

std::unique_ptr<server::NpsdServer> StartReplica(const std::string& database_url, const std::string& operator_key,
                                                 const std::string& master_key) {
  server::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.database_url = database_url;
  config.operator_key_file = operator_key;
  config.master_key_file = master_key;
  config.insecure = true;
  config.pool_size = 4;
  config.credential_cache_ttl = absl::ZeroDuration();
  config.ingest_prepared_statements = false;  // Debian's PgBouncer 1.18 does not keep them
  auto server = server::NpsdServer::Start(config);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? std::move(server).value() : nullptr;
}

TEST(ScaleOutTest, TwoReplicasBehindPgBouncerCommitEachResponseOnceAndShareWhatTheyWrite) {
  const char* pgbouncer = std::getenv("NPSD_TEST_PGBOUNCER_URL");
  ASSERT_NE(pgbouncer, nullptr) << "run through `make test`, which starts PgBouncer";
  MigratedAppUrl();
  const std::string operator_key = WriteTempFile(kOperatorToken);
  const std::string master_key = WriteTempFile(kMasterKeyHex);
  auto first = StartReplica(pgbouncer, operator_key, master_key);
  auto second = StartReplica(pgbouncer, operator_key, master_key);
  std::remove(operator_key.c_str());
  std::remove(master_key.c_str());
  ASSERT_TRUE(first != nullptr && second != nullptr);
  const auto channel_of = [](const server::NpsdServer& server) {
    return grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.port()), grpc::InsecureChannelCredentials());
  };
  auto tenant = CreateIngestionTenant(channel_of(*first), kOperatorToken);
  ASSERT_TRUE(tenant.ok()) << tenant.status();
  auto other = CreateIngestionTenant(channel_of(*second), kOperatorToken);
  ASSERT_TRUE(other.ok()) << other.status();

  // The same 200 keys pushed through both replicas at once, interleaved with another
  // tenant's traffic on the same PgBouncer server connections.
  constexpr int kItems = 200;
  std::vector<std::thread> clients;
  std::vector<std::set<std::string>> ids(3);
  int replica = 0;
  for (const server::NpsdServer* server : {first.get(), second.get(), first.get()}) {
    const IngestionTenant& owner = replica == 2 ? *other : *tenant;
    clients.emplace_back([&, server, owner, replica] {
      auto stub = nps::v1::ResponseService::NewStub(channel_of(*server));
      for (int i = 0; i < kItems; ++i) {
        nps::v1::SubmitResponseRequest request;
        request.mutable_response()->set_campaign_id(owner.campaign_id);
        request.mutable_response()->set_score(i % 11);
        request.mutable_response()->set_channel(nps::v1::WEB);
        request.mutable_response()->set_idempotency_key(absl::StrCat("replica-", i));
        nps::v1::SubmitResponseResult result;
        if (stub->SubmitResponse(BearerContext(owner.token).get(), request, &result).ok()) {
          ids[replica].insert(result.response_id());
        }
      }
    });
    ++replica;
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(ids[0].size(), static_cast<size_t>(kItems));
  EXPECT_EQ(ids[0], ids[1]) << "both replicas must answer with the ids committed once";
  EXPECT_EQ(ids[2].size(), static_cast<size_t>(kItems));
  const auto count = [](const std::string& tenant_id) {
    return SuperuserQuery(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = '", tenant_id, "'"))[0][0]
        .as<int64_t>();
  };
  EXPECT_EQ(count(tenant->tenant_id), kItems);
  EXPECT_EQ(count(other->tenant_id), kItems);

  // What the first replica wrote, the second reads; the other tenant reads nothing of it.
  auto reader = nps::v1::ResponseService::NewStub(channel_of(*second));
  nps::v1::GetResponseRequest get;
  get.set_response_id(*ids[0].begin());
  nps::v1::Response stored;
  EXPECT_TRUE(reader->GetResponse(BearerContext(tenant->token).get(), get, &stored).ok());
  EXPECT_EQ(reader->GetResponse(BearerContext(other->token).get(), get, &stored).error_code(),
            grpc::StatusCode::NOT_FOUND);
  first->Shutdown(absl::Seconds(1));
  second->Shutdown(absl::Seconds(1));
}

}  // namespace
}  // namespace npsd::testing
