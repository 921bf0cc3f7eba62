// pg_privacy_repository.h — PrivacyRepository on PostgreSQL.
//
// A data-subject request takes three transactions: the request is recorded RECEIVED
// (so it exists whatever happens next), moved to RUNNING, then executed together with
// its move to a terminal status and its audit event, atomically. When execution fails
// the request is moved to FAILED in a transaction of its own. Retention runs are
// TenantRetention's, which is safe behind PgBouncer in transaction mode.
#ifndef NPSD_STORAGE_PG_PG_PRIVACY_REPOSITORY_H_
#define NPSD_STORAGE_PG_PG_PRIVACY_REPOSITORY_H_

#include "privacy/personal_data_cipher.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/subject_lookup.h"
#include "storage/pg/tenant_retention.h"
#include "storage/privacy_repository.h"

namespace npsd::storage::pg {

// PgPrivacyRepository stores requests in npsd.data_subject_requests, settings in
// npsd.tenants and policies in npsd.retention_policies / npsd.retention_overrides.
class PgPrivacyRepository final : public PrivacyRepository {
 public:
  // PgPrivacyRepository uses `pool` and `cipher`, which must outlive it; its retention
  // runs work in batches as `retention` says.
  PgPrivacyRepository(ConnectionPool& pool, const privacy::PersonalDataCipher& cipher,
                      TenantRetention::Options retention = {})
      : pool_(pool), cipher_(cipher), retention_(pool, retention) {}

  absl::StatusOr<domain::DataSubjectRequest> CreateDataSubjectRequest(const std::string& tenant_id,
                                                                      const domain::ValidDataSubjectRequest& request,
                                                                      const std::string& actor, absl::Time now,
                                                                      absl::Time deadline) override;
  absl::StatusOr<domain::DataSubjectRequest> GetDataSubjectRequest(const std::string& tenant_id,
                                                                   const std::string& request_id,
                                                                   absl::Time deadline) override;
  absl::StatusOr<Page<domain::DataSubjectRequest>> ListDataSubjectRequests(const std::string& tenant_id,
                                                                           const DataSubjectRequestFilter& filter,
                                                                           const PageRequest& page, absl::Time now,
                                                                           absl::Time deadline) override;
  absl::StatusOr<SubjectDataExport> ExportSubjectData(const std::string& tenant_id, const std::string& request_id,
                                                      const std::string& actor, absl::Time now,
                                                      absl::Time deadline) override;
  absl::StatusOr<domain::PrivacySettings> GetPrivacySettings(const std::string& tenant_id,
                                                             absl::Time deadline) override;
  absl::StatusOr<domain::PrivacySettings> SetPrivacySettings(const std::string& tenant_id,
                                                             const domain::PrivacySettings& settings,
                                                             const std::string& actor, absl::Time deadline) override;
  absl::StatusOr<domain::RetentionPolicy> GetRetentionPolicy(const std::string& tenant_id,
                                                             absl::Time deadline) override;
  absl::StatusOr<domain::RetentionPolicy> SetRetentionPolicy(const std::string& tenant_id,
                                                             const domain::RetentionPolicy& policy,
                                                             const std::string& actor, absl::Time deadline) override;
  absl::StatusOr<RetentionPreview> PreviewRetention(const std::string& tenant_id, absl::Time now,
                                                    absl::Time deadline) override;
  absl::StatusOr<RetentionRun> RunRetention(const std::string& tenant_id, const std::string& actor, absl::Time now,
                                            absl::Time deadline, const std::function<bool()>& cancelled) override;

 private:
  // Execute runs the recorded request `request_id` to its terminal status.
  absl::StatusOr<domain::DataSubjectRequest> Execute(const std::string& tenant_id, const std::string& request_id,
                                                     const domain::ValidDataSubjectRequest& request,
                                                     const std::vector<IdentifierHash>& hashes,
                                                     const std::string& actor, absl::Time now, absl::Time deadline);

  // RecordFailure moves the request `request_id` to FAILED because of `failure`.
  absl::StatusOr<domain::DataSubjectRequest> RecordFailure(const std::string& tenant_id,
                                                           const std::string& request_id,
                                                           const absl::Status& failure, const std::string& actor,
                                                           absl::Time now);

  ConnectionPool& pool_;
  const privacy::PersonalDataCipher& cipher_;
  TenantRetention retention_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_PG_PRIVACY_REPOSITORY_H_
