// privacy.h — npsctl's data-subject request calls (PrivacyService).
//
//   PrivacyRequestSpec spec;
//   spec.type = "erasure";
//   spec.identifiers.set_email("jane@example.com");
//   spec.reason = "ticket 4411";
//   absl::StatusOr<nps::v1::DataSubjectRequest> request = CreatePrivacyRequest(connection, spec);
//
// Needs a tenant key with the `privacy` scope. Identifiers are sent to npsd and never
// printed; an access export is written to a file only its owner may read.
#ifndef NPSD_CLI_COMMANDS_PRIVACY_H_
#define NPSD_CLI_COMMANDS_PRIVACY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/client/connection.h"
#include "cli/output/table.h"
#include "nps/v1/privacy_service.pb.h"

namespace npsd::cli {

// PrivacyRequestSpec describes a data-subject request to create.
struct PrivacyRequestSpec {
  std::string type;  // access | rectification | erasure | restriction
  nps::v1::SubjectIdentity identifiers;
  nps::v1::SubjectIdentity rectified_identifiers;  // rectification only
  bool lift_restriction = false;
  bool dry_run = false;
  std::string reason;  // must not hold personal data
};

// PrivacyRequestFilter selects requests to list; empty fields do not filter.
struct PrivacyRequestFilter {
  std::string type;
  std::string status;  // received | running | completed | partially_completed | failed | rejected
  bool overdue_only = false;
  int limit = 100;     // 0: all
};

// CreatePrivacyRequest records and carries out a request; it returns its final status.
absl::StatusOr<nps::v1::DataSubjectRequest> CreatePrivacyRequest(const Connection& connection,
                                                                 const PrivacyRequestSpec& spec);

// GetPrivacyRequest reads one request.
absl::StatusOr<nps::v1::DataSubjectRequest> GetPrivacyRequest(const Connection& connection, const std::string& id);

// ListPrivacyRequests reads requests, most recently received first.
absl::StatusOr<std::vector<nps::v1::DataSubjectRequest>> ListPrivacyRequests(const Connection& connection,
                                                                            const PrivacyRequestFilter& filter);

// ExportPrivacyRequest writes the JSON answer to a completed ACCESS request into `path`
// (created with mode 0600, replaced if it exists) and returns its size in bytes.
absl::StatusOr<int64_t> ExportPrivacyRequest(const Connection& connection, const std::string& id,
                                             const std::string& path);

// PrivacyRequestTable shows requests, one per row.
Table PrivacyRequestTable(const std::vector<nps::v1::DataSubjectRequest>& requests);

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_PRIVACY_H_
