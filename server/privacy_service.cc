// privacy_service.cc — PrivacyService handlers.
#include "server/privacy_service.h"

#include <utility>

#include "domain/status_macros.h"
#include "domain/uuid.h"
#include "server/privacy_proto.h"
#include "server/paging.h"

namespace npsd::server {
namespace {

using auth::MethodPolicy;
using domain::Scope;

const RpcMethod kCreateDataSubjectRequest{"/nps.v1.PrivacyService/CreateDataSubjectRequest",
                                          MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kGetDataSubjectRequest{"/nps.v1.PrivacyService/GetDataSubjectRequest",
                                       MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kListDataSubjectRequests{"/nps.v1.PrivacyService/ListDataSubjectRequests",
                                         MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kExportDataSubjectData{"/nps.v1.PrivacyService/ExportDataSubjectData",
                                       MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kGetPrivacySettings{"/nps.v1.PrivacyService/GetPrivacySettings",
                                    MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kSetPrivacySettings{"/nps.v1.PrivacyService/SetPrivacySettings",
                                    MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kGetRetentionPolicy{"/nps.v1.PrivacyService/GetRetentionPolicy",
                                    MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kSetRetentionPolicy{"/nps.v1.PrivacyService/SetRetentionPolicy",
                                    MethodPolicy::TenantScope(Scope::kPrivacy)};
const RpcMethod kPreviewRetention{"/nps.v1.PrivacyService/PreviewRetention",
                                  MethodPolicy::TenantScope(Scope::kPrivacy)};
// Running retention deletes exactly what the policy set with `privacy` says: the same
// scope as setting it, and no operator (the tenant comes from the credential).
const RpcMethod kRunRetention{"/nps.v1.PrivacyService/RunRetention", MethodPolicy::TenantScope(Scope::kPrivacy)};

}  // namespace

PrivacyService::PrivacyService(CallRunner& runner, storage::PrivacyRepository& privacy,
                               std::function<absl::Time()> clock)
    : runner_(runner), privacy_(privacy), clock_(std::move(clock)) {}

grpc::Status PrivacyService::CreateDataSubjectRequest(grpc::ServerContext* context,
                                                      const nps::v1::CreateDataSubjectRequestRequest* request,
                                                      nps::v1::DataSubjectRequest* response) {
  return runner_.Run(context, kCreateDataSubjectRequest, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::ValidDataSubjectRequest valid,
                          domain::ValidateDataSubjectRequest(DataSubjectRequestInputFromProto(*request)));
    const absl::Time now = clock_();
    NPSD_ASSIGN_OR_RETURN(domain::DataSubjectRequest created,
                          privacy_.CreateDataSubjectRequest(call.principal.tenant_id, valid,
                                                            call.principal.credential_id, now, call.deadline));
    *response = ToProto(created, now);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::GetDataSubjectRequest(grpc::ServerContext* context,
                                                   const nps::v1::GetDataSubjectRequestRequest* request,
                                                   nps::v1::DataSubjectRequest* response) {
  return runner_.Run(context, kGetDataSubjectRequest, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("request_id", request->request_id()));
    NPSD_ASSIGN_OR_RETURN(domain::DataSubjectRequest found,
                          privacy_.GetDataSubjectRequest(call.principal.tenant_id, id, call.deadline));
    *response = ToProto(found, clock_());
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::ListDataSubjectRequests(grpc::ServerContext* context,
                                                     const nps::v1::ListDataSubjectRequestsRequest* request,
                                                     nps::v1::ListDataSubjectRequestsResponse* response) {
  return runner_.Run(context, kListDataSubjectRequests, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::DataSubjectRequestFilter filter, DataSubjectRequestFilterFromProto(*request));
    NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
                          PageRequestOf(request->page_size(), request->page_token(), filter.Key()));
    const absl::Time now = clock_();
    NPSD_ASSIGN_OR_RETURN(storage::Page<domain::DataSubjectRequest> result,
                          privacy_.ListDataSubjectRequests(call.principal.tenant_id, filter, page, now, call.deadline));
    for (const domain::DataSubjectRequest& found : result.items) *response->add_requests() = ToProto(found, now);
    response->set_next_page_token(NextPageToken(result.next, filter.Key()));
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::ExportDataSubjectData(grpc::ServerContext* context,
                                                   const nps::v1::ExportDataSubjectDataRequest* request,
                                                   grpc::ServerWriter<nps::v1::DataExportChunk>* writer) {
  return runner_.Run(context, kExportDataSubjectData, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(std::string id, domain::ParseIdField("request_id", request->request_id()));
    const absl::Time now = clock_();
    NPSD_ASSIGN_OR_RETURN(storage::SubjectDataExport data,
                          privacy_.ExportSubjectData(call.principal.tenant_id, id, call.principal.credential_id, now,
                                                     call.deadline));
    NPSD_ASSIGN_OR_RETURN(std::string document, ExportDocument(data, now));
    for (const nps::v1::DataExportChunk& chunk : SplitDocument(document, kExportChunkBytes)) {
      if (!writer->Write(chunk)) return absl::CancelledError("the client stopped reading the export");
    }
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::GetPrivacySettings(grpc::ServerContext* context,
                                                const nps::v1::GetPrivacySettingsRequest* request,
                                                nps::v1::PrivacySettings* response) {
  return runner_.Run(context, kGetPrivacySettings, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings settings,
                          privacy_.GetPrivacySettings(call.principal.tenant_id, call.deadline));
    *response = ToProto(settings);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::SetPrivacySettings(grpc::ServerContext* context,
                                                const nps::v1::SetPrivacySettingsRequest* request,
                                                nps::v1::PrivacySettings* response) {
  return runner_.Run(context, kSetPrivacySettings, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings settings, PrivacySettingsFromProto(request->settings()));
    NPSD_RETURN_IF_ERROR(domain::ValidatePrivacySettings(settings));
    NPSD_ASSIGN_OR_RETURN(domain::PrivacySettings stored,
                          privacy_.SetPrivacySettings(call.principal.tenant_id, settings,
                                                      call.principal.credential_id, call.deadline));
    *response = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::GetRetentionPolicy(grpc::ServerContext* context,
                                                const nps::v1::GetRetentionPolicyRequest* request,
                                                nps::v1::RetentionPolicy* response) {
  return runner_.Run(context, kGetRetentionPolicy, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(domain::RetentionPolicy policy,
                          privacy_.GetRetentionPolicy(call.principal.tenant_id, call.deadline));
    *response = ToProto(policy);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::SetRetentionPolicy(grpc::ServerContext* context,
                                                const nps::v1::SetRetentionPolicyRequest* request,
                                                nps::v1::RetentionPolicy* response) {
  return runner_.Run(context, kSetRetentionPolicy, [&](const CallContext& call) -> absl::Status {
    domain::RetentionPolicy policy = RetentionPolicyFromProto(request->policy());
    NPSD_RETURN_IF_ERROR(domain::ValidateRetentionPolicy(policy));
    NPSD_ASSIGN_OR_RETURN(domain::RetentionPolicy stored,
                          privacy_.SetRetentionPolicy(call.principal.tenant_id, policy, call.principal.credential_id,
                                                      call.deadline));
    *response = ToProto(stored);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::PreviewRetention(grpc::ServerContext* context,
                                              const nps::v1::PreviewRetentionRequest* request,
                                              nps::v1::RetentionPreview* response) {
  return runner_.Run(context, kPreviewRetention, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::RetentionPreview preview,
                          privacy_.PreviewRetention(call.principal.tenant_id, clock_(), call.deadline));
    *response = ToProto(preview);
    return absl::OkStatus();
  });
}

grpc::Status PrivacyService::RunRetention(grpc::ServerContext* context, const nps::v1::RunRetentionRequest* request,
                                          nps::v1::RetentionRun* response) {
  return runner_.Run(context, kRunRetention, [&](const CallContext& call) -> absl::Status {
    NPSD_ASSIGN_OR_RETURN(storage::RetentionRun run,
                          privacy_.RunRetention(call.principal.tenant_id, call.principal.credential_id, clock_(),
                                                call.deadline, [context] { return context->IsCancelled(); }));
    *response = ToProto(run);
    return absl::OkStatus();
  });
}

}  // namespace npsd::server
