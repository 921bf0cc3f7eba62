// ingestion_setup.h — a tenant ready to ingest, created through the public API.
//
// Used by tests and the benchmark that drive a running npsd from outside:
//   IngestionTenant tenant = CreateIngestionTenant(channel, operator_token).value();
#ifndef NPSD_TESTS_SUPPORT_INGESTION_SETUP_H_
#define NPSD_TESTS_SUPPORT_INGESTION_SETUP_H_

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/statusor.h"

namespace npsd::testing {

// IngestionTenant is a tenant, a key with the ingest, read and campaigns scopes, and an
// ACTIVE campaign on the WEB and VOICE_POST_CALL channels.
struct IngestionTenant {
  std::string tenant_id;
  std::string token;
  std::string campaign_id;
};

// CreateIngestionTenant creates it as the operator `operator_token` on `channel`.
absl::StatusOr<IngestionTenant> CreateIngestionTenant(const std::shared_ptr<grpc::Channel>& channel,
                                                      const std::string& operator_token);

// BearerContext returns a client context carrying `token` with a `timeout` deadline.
std::unique_ptr<grpc::ClientContext> BearerContext(const std::string& token,
                                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_INGESTION_SETUP_H_
