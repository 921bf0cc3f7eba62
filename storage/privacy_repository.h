// privacy_repository.h — data-subject requests, privacy settings and retention policies.
//
// Every method acts within the tenant `tenant_id` only and records what it changed in
// the tenant's audit trail (npsd.audit_events) in the same transaction. Identifiers
// arrive normalized (domain::ValidateDataSubjectRequest) and are never stored or
// returned in clear text by the request records.
#ifndef NPSD_STORAGE_PRIVACY_REPOSITORY_H_
#define NPSD_STORAGE_PRIVACY_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/data_subject_request.h"
#include "domain/identity.h"
#include "domain/privacy_settings.h"
#include "domain/retention.h"
#include "storage/page.h"
#include "storage/response_repository.h"

namespace npsd::storage {

// DataSubjectRequestFilter narrows a request list; unset members match everything.
struct DataSubjectRequestFilter {
  std::optional<domain::DataSubjectRequestType> type;
  std::optional<domain::DataSubjectRequestStatus> status;
  bool overdue_only = false;  // only requests past their due time and not terminal

  // Key is a canonical text of the filter, bound into page tokens.
  std::string Key() const {
    return absl::StrCat("data-subject-requests|", type ? domain::DataSubjectRequestTypeName(*type) : "", "|",
                        status ? domain::DataSubjectRequestStatusName(*status) : "", "|", overdue_only ? "1" : "");
  }
};

// ExportedIdentifier is one identifier of a person, decrypted.
struct ExportedIdentifier {
  domain::IdentifierKind kind = domain::IdentifierKind::kExternalId;
  std::string value;
};

// ExportedSubject is everything stored about one subject record of a person.
struct ExportedSubject {
  std::string subject_id;
  bool restricted = false;
  absl::Time create_time;
  std::optional<absl::Time> last_surveyed_time;
  std::vector<ExportedIdentifier> identifiers;  // by kind, then value
  std::vector<StoredResponse> responses;        // oldest answer first
};

// SubjectDataExport answers an ACCESS request: the person's subjects (one, or several
// when their identifiers were first seen apart) and every request naming them.
struct SubjectDataExport {
  std::string request_id;
  absl::Time export_time;
  std::vector<ExportedSubject> subjects;                // by subject id
  std::vector<domain::DataSubjectRequest> requests;  // oldest first
};

// RetentionPreview is what a retention run at `as_of` would do to a tenant.
struct RetentionPreview {
  absl::Time as_of;
  int64_t responses_to_delete = 0;
  int64_t responses_to_anonymize = 0;  // lose their personal data, keep their score
  int64_t subjects_to_delete = 0;      // people with no response left, with identifiers
};

// RetentionRun is what a retention run with the policy evaluated at `as_of` did.
struct RetentionRun {
  absl::Time as_of;
  int64_t responses_deleted = 0;
  int64_t responses_anonymized = 0;  // lost their personal data, kept their score
  int64_t subjects_deleted = 0;      // people with no response left, with identifiers
};

// PrivacyRepository carries out data-subject requests and keeps privacy settings.
class PrivacyRepository {
 public:
  virtual ~PrivacyRepository() = default;

  // CreateDataSubjectRequest records `request` as RECEIVED at `now` on behalf of the
  // credential `actor`, executes it and returns it in its final status. A failure while
  // executing is recorded (FAILED) and returned as the request, not as an error; errors
  // are returned only when the request could not be recorded at all.
  virtual absl::StatusOr<domain::DataSubjectRequest> CreateDataSubjectRequest(
      const std::string& tenant_id, const domain::ValidDataSubjectRequest& request, const std::string& actor,
      absl::Time now, absl::Time deadline) = 0;

  // GetDataSubjectRequest returns one request, or NOT_FOUND.
  virtual absl::StatusOr<domain::DataSubjectRequest> GetDataSubjectRequest(const std::string& tenant_id,
                                                                           const std::string& request_id,
                                                                           absl::Time deadline) = 0;

  // ListDataSubjectRequests pages through matching requests, most recent first;
  // `now` decides which are overdue.
  virtual absl::StatusOr<Page<domain::DataSubjectRequest>> ListDataSubjectRequests(
      const std::string& tenant_id, const DataSubjectRequestFilter& filter, const PageRequest& page, absl::Time now,
      absl::Time deadline) = 0;

  // ExportSubjectData gathers, decrypted, everything stored about the person named by
  // the ACCESS request `request_id`: NOT_FOUND for an unknown request,
  // FAILED_PRECONDITION unless it is an ACCESS request that COMPLETED without dry_run.
  virtual absl::StatusOr<SubjectDataExport> ExportSubjectData(const std::string& tenant_id,
                                                              const std::string& request_id,
                                                              const std::string& actor, absl::Time now,
                                                              absl::Time deadline) = 0;

  // GetPrivacySettings returns the tenant's privacy settings.
  virtual absl::StatusOr<domain::PrivacySettings> GetPrivacySettings(const std::string& tenant_id,
                                                                     absl::Time deadline) = 0;

  // SetPrivacySettings replaces the tenant's validated privacy settings.
  virtual absl::StatusOr<domain::PrivacySettings> SetPrivacySettings(const std::string& tenant_id,
                                                                     const domain::PrivacySettings& settings,
                                                                     const std::string& actor,
                                                                     absl::Time deadline) = 0;

  // GetRetentionPolicy returns the tenant's policy (no limits until one is set).
  virtual absl::StatusOr<domain::RetentionPolicy> GetRetentionPolicy(const std::string& tenant_id,
                                                                     absl::Time deadline) = 0;

  // SetRetentionPolicy replaces the tenant's validated policy; an override naming no
  // campaign of the tenant is INVALID_ARGUMENT on its campaign_id.
  virtual absl::StatusOr<domain::RetentionPolicy> SetRetentionPolicy(const std::string& tenant_id,
                                                                     const domain::RetentionPolicy& policy,
                                                                     const std::string& actor,
                                                                     absl::Time deadline) = 0;

  // PreviewRetention counts what a retention run at `now` would change; it changes nothing.
  virtual absl::StatusOr<RetentionPreview> PreviewRetention(const std::string& tenant_id, absl::Time now,
                                                            absl::Time deadline) = 0;

  // RunRetention applies the tenant's policy as evaluated at `now` on behalf of the
  // credential `actor`, in batches committed one by one. Before each batch it stops
  // with DEADLINE_EXCEEDED once `deadline` has passed, or CANCELLED once `cancelled`
  // returns true; the batches committed stay. A run that started is audited
  // (`retention.run`, with its counts and outcome) however it ends. NOT_FOUND when the
  // tenant is not visible.
  virtual absl::StatusOr<RetentionRun> RunRetention(const std::string& tenant_id, const std::string& actor,
                                                    absl::Time now, absl::Time deadline,
                                                    const std::function<bool()>& cancelled) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_PRIVACY_REPOSITORY_H_
