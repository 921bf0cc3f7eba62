// tenant_keys_test.cc — remembered tenant keys are the derived keys, per tenant.
#include "privacy/tenant_keys.h"

#include <gtest/gtest.h>

namespace npsd::privacy {
namespace {

constexpr char kMasterKeyHex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kTenantA[] = "11111111-1111-4111-8111-111111111111";
constexpr char kTenantB[] = "22222222-2222-4222-8222-222222222222";

TEST(TenantKeyRingTest, RemembersExactlyTheDerivedKeysOfEachTenant) {
  const crypto::MasterKey master = crypto::MasterKey::Parse(kMasterKeyHex).value();
  TenantKeyRing ring(master, /*max_tenants=*/1);
  for (int round = 0; round < 2; ++round) {  // the second round evicts and derives again
    for (const char* tenant : {kTenantA, kTenantB}) {
      absl::StatusOr<std::shared_ptr<const TenantKeys>> keys = ring.For(tenant);
      ASSERT_TRUE(keys.ok()) << keys.status();
      EXPECT_EQ((*keys)->wrapping, crypto::DeriveTenantKey(master, tenant).value());
      EXPECT_EQ((*keys)->lookup, crypto::DeriveTenantLookupKey(master, tenant).value());
      EXPECT_NE((*keys)->wrapping, (*keys)->lookup);
    }
  }
  EXPECT_EQ(ring.For(kTenantA).value(), ring.For(kTenantA).value()) << "the keys were derived again instead of remembered";
  EXPECT_NE(ring.For(kTenantA).value()->wrapping, ring.For(kTenantB).value()->wrapping);
}

TEST(TenantKeyRingTest, AnEmptyTenantIdIsRefused) {
  const crypto::MasterKey master = crypto::MasterKey::Parse(kMasterKeyHex).value();
  TenantKeyRing ring(master);
  EXPECT_EQ(ring.For("").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace npsd::privacy
