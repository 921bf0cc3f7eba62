// audit_service.h — the nps.v1.AuditService gRPC service (scope `admin`).
#ifndef NPSD_SERVER_AUDIT_SERVICE_H_
#define NPSD_SERVER_AUDIT_SERVICE_H_

#include "nps/v1/audit_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/audit_repository.h"

namespace npsd::server {

// AuditService lists the caller's tenant's audit trail.
class AuditService final : public nps::v1::AuditService::Service {
 public:
  // AuditService uses the given runner and repository, which must outlive it.
  AuditService(CallRunner& runner, storage::AuditRepository& audit) : runner_(runner), audit_(audit) {}

  grpc::Status ListAuditEvents(grpc::ServerContext* context, const nps::v1::ListAuditEventsRequest* request,
                               nps::v1::ListAuditEventsResponse* response) override;

 private:
  CallRunner& runner_;
  storage::AuditRepository& audit_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_AUDIT_SERVICE_H_
