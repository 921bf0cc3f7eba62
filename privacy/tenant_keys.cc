// tenant_keys.cc — derive once per tenant, wipe when forgotten.
#include "privacy/tenant_keys.h"

#include <openssl/crypto.h>

#include "domain/status_macros.h"

namespace npsd::privacy {

TenantKeys::TenantKeys(std::string wrapping_key, std::string lookup_key)
    : wrapping(std::move(wrapping_key)), lookup(std::move(lookup_key)) {}

TenantKeys::~TenantKeys() {
  OPENSSL_cleanse(wrapping.data(), wrapping.size());
  OPENSSL_cleanse(lookup.data(), lookup.size());
}

absl::StatusOr<std::shared_ptr<const TenantKeys>> TenantKeyRing::For(const std::string& tenant_id) const {
  {
    absl::MutexLock lock(&mutex_);
    const auto found = keys_.find(tenant_id);
    if (found != keys_.end()) return found->second;
  }
  NPSD_ASSIGN_OR_RETURN(std::string wrapping, crypto::DeriveTenantKey(master_, tenant_id));
  NPSD_ASSIGN_OR_RETURN(std::string lookup, crypto::DeriveTenantLookupKey(master_, tenant_id));
  auto keys = std::make_shared<const TenantKeys>(std::move(wrapping), std::move(lookup));
  absl::MutexLock lock(&mutex_);
  if (keys_.size() >= max_tenants_) keys_.clear();
  keys_.emplace(tenant_id, keys);
  return keys;
}

}  // namespace npsd::privacy
