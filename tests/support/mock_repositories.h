// mock_repositories.h — gMock doubles of the repository interfaces, for unit tests of
// the layers above storage (auth, server).
#ifndef NPSD_TESTS_SUPPORT_MOCK_REPOSITORIES_H_
#define NPSD_TESTS_SUPPORT_MOCK_REPOSITORIES_H_

#include <string>

#include <gmock/gmock.h>

#include "storage/api_key_repository.h"
#include "storage/tenant_repository.h"

namespace npsd::testing {

// MockApiKeyRepository is a gMock ApiKeyRepository.
class MockApiKeyRepository : public storage::ApiKeyRepository {
 public:
  MOCK_METHOD(absl::StatusOr<domain::ApiKey>, CreateApiKey,
              (const std::string&, const domain::NewApiKey&, const std::string&, const std::string&, absl::Time),
              (override));
  MOCK_METHOD(absl::StatusOr<storage::Page<domain::ApiKey>>, ListApiKeys,
              (const std::string&, const storage::PageRequest&, absl::Time), (override));
  MOCK_METHOD(absl::StatusOr<domain::ApiKey>, RevokeApiKey,
              (const std::string&, const std::string&, const std::string&, absl::Time), (override));
  MOCK_METHOD(absl::Status, RecordAuthenticationFailure,
              (const std::string&, const std::string&, const std::string&, absl::Time), (override));
  MOCK_METHOD(absl::StatusOr<storage::ApiKeyCredential>, FindCredential,
              (const std::string&, const std::string&, absl::Time), (override));
};

// MockTenantRepository is a gMock TenantRepository.
class MockTenantRepository : public storage::TenantRepository {
 public:
  MOCK_METHOD(absl::StatusOr<domain::Tenant>, CreateTenant, (const domain::Tenant&, absl::Time), (override));
  MOCK_METHOD(absl::StatusOr<domain::Tenant>, GetTenant, (const std::string&, absl::Time), (override));
  MOCK_METHOD(absl::StatusOr<storage::Page<domain::Tenant>>, ListAllTenants,
              (const storage::PageRequest&, absl::Time), (override));
  MOCK_METHOD(absl::StatusOr<domain::Tenant>, UpdateTenant,
              (const std::string&, const domain::TenantPatch&, const std::string&, absl::Time), (override));
};

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_MOCK_REPOSITORIES_H_
