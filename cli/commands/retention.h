// retention.h — npsctl's retention calls (PrivacyService): the policy, its preview, a run.
//
//   absl::StatusOr<nps::v1::RetentionPreview> preview = PreviewRetention(connection);
//   absl::StatusOr<nps::v1::RetentionRun> run = RunRetention(connection);
//
// Retention also runs inside npsd (its retention job) and with `npsd retention run` on a
// host that reaches the database; RunRetention applies the caller's tenant's policy now,
// over the API.
#ifndef NPSD_CLI_COMMANDS_RETENTION_H_
#define NPSD_CLI_COMMANDS_RETENTION_H_

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/privacy_service.pb.h"

namespace npsd::cli {

// PreviewRetention says what a retention run now would change.
absl::StatusOr<nps::v1::RetentionPreview> PreviewRetention(const Connection& connection);

// RunRetention applies the tenant's retention policy now and returns what it changed.
// A run cut short by the call's deadline keeps what it did: run it again to continue.
absl::StatusOr<nps::v1::RetentionRun> RunRetention(const Connection& connection);

// GetRetentionPolicy reads the tenant's retention policy.
absl::StatusOr<nps::v1::RetentionPolicy> GetRetentionPolicy(const Connection& connection);

// RetentionPreviewTable shows the preview as one row.
Table RetentionPreviewTable(const nps::v1::RetentionPreview& preview);

// RetentionRunTable shows what a run changed as one row.
Table RetentionRunTable(const nps::v1::RetentionRun& run);

// RetentionPolicyTable shows the default rule and each campaign override, one per row.
Table RetentionPolicyTable(const nps::v1::RetentionPolicy& policy);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_RETENTION_H_
