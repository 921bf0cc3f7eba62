// privacy_proto.h — conversions between nps.v1 privacy messages and the domain, and the
// JSON document of an ACCESS export.
#ifndef NPSD_SERVER_PRIVACY_PROTO_H_
#define NPSD_SERVER_PRIVACY_PROTO_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/data_subject_request.h"
#include "domain/privacy_settings.h"
#include "domain/retention.h"
#include "nps/v1/privacy_service.pb.h"
#include "storage/privacy_repository.h"

namespace npsd::server {

// DataSubjectRequestInputFromProto reads a CreateDataSubjectRequestRequest; the domain
// validates it (an unknown type is left unset and reported there).
domain::DataSubjectRequestInput DataSubjectRequestInputFromProto(
    const nps::v1::CreateDataSubjectRequestRequest& proto);

// ToProto renders a request; `now` decides whether it is overdue.
nps::v1::DataSubjectRequest ToProto(const domain::DataSubjectRequest& request, absl::Time now);

// DataSubjectRequestFilterFromProto reads the filters of a list request
// (INVALID_ARGUMENT on `type` or `status` for unknown values).
absl::StatusOr<storage::DataSubjectRequestFilter> DataSubjectRequestFilterFromProto(
    const nps::v1::ListDataSubjectRequestsRequest& request);

// ExportDocument renders an export as its JSON document (proto3 JSON of
// nps.v1.DataSubjectExport with the field names of the .proto, every field present);
// `now` decides which of the listed requests are overdue.
absl::StatusOr<std::string> ExportDocument(const storage::SubjectDataExport& data, absl::Time now);

// SplitDocument cuts `document` into chunks of at most `chunk_bytes` bytes (one empty
// chunk for an empty document); the first carries the content type, the last `last`.
std::vector<nps::v1::DataExportChunk> SplitDocument(const std::string& document, size_t chunk_bytes);

// PrivacySettingsFromProto reads settings (INVALID_ARGUMENT on
// `settings.erasure_mode` when missing or unknown); the domain validates the keys.
absl::StatusOr<domain::PrivacySettings> PrivacySettingsFromProto(const nps::v1::PrivacySettings& proto);

// ToProto renders privacy settings.
nps::v1::PrivacySettings ToProto(const domain::PrivacySettings& settings);

// RetentionPolicyFromProto reads a policy; the domain validates it.
domain::RetentionPolicy RetentionPolicyFromProto(const nps::v1::RetentionPolicy& proto);

// ToProto renders a retention policy.
nps::v1::RetentionPolicy ToProto(const domain::RetentionPolicy& policy);

// ToProto renders a retention preview.
nps::v1::RetentionPreview ToProto(const storage::RetentionPreview& preview);

// ToProto renders what a retention run did.
nps::v1::RetentionRun ToProto(const storage::RetentionRun& run);

}  // namespace npsd::server

#endif  // NPSD_SERVER_PRIVACY_PROTO_H_
