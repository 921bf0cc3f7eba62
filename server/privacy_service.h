// privacy_service.h — the nps.v1.PrivacyService gRPC service.
//
// Data-subject requests, privacy settings, retention policies and on-demand retention
// runs of the caller's tenant, for keys with the `privacy` scope. Requests are validated here (identifiers
// normalized, never echoed in errors) and carried out by the PrivacyRepository; an
// ACCESS export is rendered as JSON and streamed in chunks of kExportChunkBytes.
#ifndef NPSD_SERVER_PRIVACY_SERVICE_H_
#define NPSD_SERVER_PRIVACY_SERVICE_H_

#include <functional>

#include "nps/v1/privacy_service.grpc.pb.h"
#include "server/call_runner.h"
#include "storage/privacy_repository.h"

namespace npsd::server {

// PrivacyService implements nps.v1.PrivacyService for the caller's tenant.
class PrivacyService final : public nps::v1::PrivacyService::Service {
 public:
  // kExportChunkBytes bounds the data of one DataExportChunk.
  static constexpr size_t kExportChunkBytes = 32 * 1024;

  // PrivacyService uses the given runner and repository, which must outlive it, and
  // reads the time from `clock`.
  PrivacyService(CallRunner& runner, storage::PrivacyRepository& privacy,
                 std::function<absl::Time()> clock = absl::Now);

  grpc::Status CreateDataSubjectRequest(grpc::ServerContext* context,
                                        const nps::v1::CreateDataSubjectRequestRequest* request,
                                        nps::v1::DataSubjectRequest* response) override;
  grpc::Status GetDataSubjectRequest(grpc::ServerContext* context,
                                     const nps::v1::GetDataSubjectRequestRequest* request,
                                     nps::v1::DataSubjectRequest* response) override;
  grpc::Status ListDataSubjectRequests(grpc::ServerContext* context,
                                       const nps::v1::ListDataSubjectRequestsRequest* request,
                                       nps::v1::ListDataSubjectRequestsResponse* response) override;
  grpc::Status ExportDataSubjectData(grpc::ServerContext* context,
                                     const nps::v1::ExportDataSubjectDataRequest* request,
                                     grpc::ServerWriter<nps::v1::DataExportChunk>* writer) override;
  grpc::Status GetPrivacySettings(grpc::ServerContext* context, const nps::v1::GetPrivacySettingsRequest* request,
                                  nps::v1::PrivacySettings* response) override;
  grpc::Status SetPrivacySettings(grpc::ServerContext* context, const nps::v1::SetPrivacySettingsRequest* request,
                                  nps::v1::PrivacySettings* response) override;
  grpc::Status GetRetentionPolicy(grpc::ServerContext* context, const nps::v1::GetRetentionPolicyRequest* request,
                                  nps::v1::RetentionPolicy* response) override;
  grpc::Status SetRetentionPolicy(grpc::ServerContext* context, const nps::v1::SetRetentionPolicyRequest* request,
                                  nps::v1::RetentionPolicy* response) override;
  grpc::Status PreviewRetention(grpc::ServerContext* context, const nps::v1::PreviewRetentionRequest* request,
                                nps::v1::RetentionPreview* response) override;
  grpc::Status RunRetention(grpc::ServerContext* context, const nps::v1::RunRetentionRequest* request,
                            nps::v1::RetentionRun* response) override;

 private:
  CallRunner& runner_;
  storage::PrivacyRepository& privacy_;
  const std::function<absl::Time()> clock_;
};

}  // namespace npsd::server

#endif  // NPSD_SERVER_PRIVACY_SERVICE_H_
