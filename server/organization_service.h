// organization_service.h — the nps.v1.OrganizationService gRPC service.
//
// A tenant key with the `campaigns` scope manages its tenant's catalogue of regions,
// brands and business units; the `read` scope reads it. The tenant is always the
// caller's own (from its credential); the operator credential may not call it.
#ifndef NPSD_SERVER_ORGANIZATION_SERVICE_H_
#define NPSD_SERVER_ORGANIZATION_SERVICE_H_

#include "nps/v1/organization_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/org_unit_repository.h"

namespace npsd::server {

// OrganizationService implements nps.v1.OrganizationService on the repository.
class OrganizationService final : public nps::v1::OrganizationService::Service {
 public:
  // OrganizationService uses the given runner and repository, which must outlive it.
  OrganizationService(CallRunner& runner, storage::OrgUnitRepository& units);

  grpc::Status CreateOrgUnit(grpc::ServerContext* context, const nps::v1::CreateOrgUnitRequest* request,
                             nps::v1::OrgUnit* response) override;
  grpc::Status GetOrgUnit(grpc::ServerContext* context, const nps::v1::GetOrgUnitRequest* request,
                          nps::v1::OrgUnit* response) override;
  grpc::Status ListOrgUnits(grpc::ServerContext* context, const nps::v1::ListOrgUnitsRequest* request,
                            nps::v1::ListOrgUnitsResponse* response) override;
  grpc::Status UpdateOrgUnit(grpc::ServerContext* context, const nps::v1::UpdateOrgUnitRequest* request,
                             nps::v1::OrgUnit* response) override;
  grpc::Status ArchiveOrgUnit(grpc::ServerContext* context, const nps::v1::ArchiveOrgUnitRequest* request,
                              nps::v1::OrgUnit* response) override;
  grpc::Status UnarchiveOrgUnit(grpc::ServerContext* context,
                                const nps::v1::UnarchiveOrgUnitRequest* request,
                                nps::v1::OrgUnit* response) override;

 private:
  // SetArchived is the body shared by ArchiveOrgUnit and UnarchiveOrgUnit.
  absl::Status SetArchived(const CallContext& call, const std::string& id, const std::string& etag,
                           bool archived, nps::v1::OrgUnit* response);

  CallRunner& runner_;
  storage::OrgUnitRepository& units_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_ORGANIZATION_SERVICE_H_
