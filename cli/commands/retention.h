// retention.h — npsctl's retention calls (PrivacyService): the policy and its preview.
//
//   absl::StatusOr<nps::v1::RetentionPreview> preview = PreviewRetention(connection);
//
// Retention itself runs inside npsd (its retention job) or with `npsd retention run` on
// a host that reaches the database: the API offers no call that runs it.
#ifndef NPSD_CLI_COMMANDS_RETENTION_H_
#define NPSD_CLI_COMMANDS_RETENTION_H_

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/privacy_service.pb.h"

namespace npsd::cli {

// PreviewRetention says what a retention run now would change.
absl::StatusOr<nps::v1::RetentionPreview> PreviewRetention(const Connection& connection);

// GetRetentionPolicy reads the tenant's retention policy.
absl::StatusOr<nps::v1::RetentionPolicy> GetRetentionPolicy(const Connection& connection);

// RetentionPreviewTable shows the preview as one row.
Table RetentionPreviewTable(const nps::v1::RetentionPreview& preview);

// RetentionPolicyTable shows the default rule and each campaign override, one per row.
Table RetentionPolicyTable(const nps::v1::RetentionPolicy& policy);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_RETENTION_H_
