// method_policy_test.cc — authorization decisions and tenant targeting.
#include "auth/method_policy.h"

#include <gtest/gtest.h>

namespace npsd::auth {
namespace {

using domain::Scope;

constexpr char kOwnTenant[] = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
constexpr char kOtherTenant[] = "9b2d8c1e-0a4f-4e3b-8c7d-6e5f4a3b2c1d";

Principal TenantPrincipal(domain::ScopeSet scopes) {
  return Principal{Principal::Kind::kTenant, kOwnTenant, scopes, "key"};
}

TEST(AuthorizeTest, ScopeMatrix) {
  const MethodPolicy policies[] = {MethodPolicy::OperatorOnly(),
                                   MethodPolicy::OperatorOrScope(Scope::kAdmin),
                                   MethodPolicy::TenantScope(Scope::kIngest)};
  // expected[policy][principal]: operator, admin key, ingest key, read key
  const bool expected[3][4] = {{true, false, false, false},
                               {true, true, false, false},
                               {false, false, true, false}};
  const Principal principals[] = {Principal::Operator(), TenantPrincipal({Scope::kAdmin}),
                                  TenantPrincipal({Scope::kIngest}), TenantPrincipal({Scope::kRead})};
  for (int p = 0; p < 3; ++p) {
    for (int c = 0; c < 4; ++c) {
      const absl::Status status = Authorize(principals[c], policies[p]);
      EXPECT_EQ(status.ok(), expected[p][c]) << "policy " << p << " principal " << c;
      if (!status.ok()) {
        EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
      }
    }
  }
}

TEST(TargetTenantTest, TenantsReachOnlyThemselves) {
  const Principal tenant = TenantPrincipal({Scope::kAdmin});
  EXPECT_EQ(*TargetTenant(tenant, "tenant_id", kOwnTenant), kOwnTenant);
  EXPECT_EQ(TargetTenant(tenant, "tenant_id", kOtherTenant).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(TargetTenant(tenant, "tenant_id", "not-a-uuid").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*TargetTenant(Principal::Operator(), "tenant_id", kOtherTenant), kOtherTenant);
}

}  // namespace
}  // namespace npsd::auth
