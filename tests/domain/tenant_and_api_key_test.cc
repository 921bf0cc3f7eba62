// tenant_and_api_key_test.cc — tenant patches and API key rules.
#include <gtest/gtest.h>

#include "domain/api_key.h"
#include "domain/field_violation.h"
#include "domain/tenant.h"

namespace npsd::domain {
namespace {

Tenant ValidTenant() {
  Tenant tenant;
  tenant.id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  tenant.display_name = "Acme";
  tenant.version = 4;
  return tenant;
}

TEST(TenantTest, NewTenantValidationNamesFields) {
  Tenant tenant = ValidTenant();
  EXPECT_TRUE(ValidateNewTenant(tenant).ok());
  tenant.display_name = "";
  tenant.industry = "Retail Banking";
  tenant.minimum_sample_size = 0;
  std::vector<std::string> fields;
  for (const auto& violation : FieldViolationsOf(ValidateNewTenant(tenant))) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"tenant.display_name", "tenant.industry",
                                              "tenant.minimum_sample_size"}));
}

TEST(TenantTest, BenchmarkOptInRequiresAnIndustry) {
  Tenant tenant = ValidTenant();
  TenantPatch patch;
  patch.benchmark_opt_in = true;
  EXPECT_EQ(ApplyTenantPatch(patch, tenant).code(), absl::StatusCode::kInvalidArgument);
  patch.industry = "retail";
  Tenant fresh = ValidTenant();
  EXPECT_TRUE(ApplyTenantPatch(patch, fresh).ok());
  EXPECT_TRUE(fresh.benchmark_opt_in);
  EXPECT_EQ(fresh.industry, "retail");
}

TEST(TenantTest, StaleVersionIsAbortedAndLeavesTenantUnchanged) {
  Tenant tenant = ValidTenant();
  TenantPatch patch;
  patch.display_name = "Renamed";
  patch.expected_version = 3;
  EXPECT_EQ(ApplyTenantPatch(patch, tenant).code(), absl::StatusCode::kAborted);
  EXPECT_EQ(tenant.display_name, "Acme");
  patch.expected_version = 4;
  EXPECT_TRUE(ApplyTenantPatch(patch, tenant).ok());
  EXPECT_EQ(tenant.display_name, "Renamed");
}

TEST(ApiKeyTest, StateFollowsRevocationThenExpiry) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  ApiKey key;
  EXPECT_EQ(ApiKeyStateAt(key, now), ApiKeyState::kActive);
  key.expire_time = now + absl::Hours(1);
  EXPECT_EQ(ApiKeyStateAt(key, now), ApiKeyState::kActive);
  EXPECT_EQ(ApiKeyStateAt(key, now + absl::Hours(1)), ApiKeyState::kExpired);
  key.revoke_time = now - absl::Seconds(1);
  EXPECT_EQ(ApiKeyStateAt(key, now), ApiKeyState::kRevoked);
}

TEST(ApiKeyTest, NewKeyNeedsNameScopesAndFutureExpiry) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  NewApiKey key{"ingest from genesys", {Scope::kIngest}, now + absl::Hours(24)};
  EXPECT_TRUE(ValidateNewApiKey(key, now).ok());
  key.scopes = {Scope::kRead, Scope::kRead};
  key.expire_time = now;
  std::vector<std::string> fields;
  for (const auto& violation : FieldViolationsOf(ValidateNewApiKey(key, now))) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"api_key.scopes[1]", "api_key.expire_time"}));
  key.scopes.clear();
  EXPECT_EQ(FieldViolationsOf(ValidateNewApiKey(key, now))[0].field, "api_key.scopes");
}

TEST(ScopeTest, NamesRoundTrip) {
  for (Scope scope : kAllScopes) EXPECT_EQ(ParseScope(ScopeName(scope)), scope);
  EXPECT_FALSE(ParseScope("root").has_value());
  ScopeSet set{Scope::kAdmin, Scope::kIngest};
  EXPECT_EQ(set.Names(), (std::vector<std::string>{"ingest", "admin"}));
}

}  // namespace
}  // namespace npsd::domain
