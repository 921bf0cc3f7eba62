// tenant_keys.h — the keys derived for each tenant, derived once and remembered.
//
// Every stored comment, identifier and lookup hash starts from one of a tenant's two
// derived keys. Deriving them (HKDF, with OpenSSL looking HMAC up by name each time)
// cost more than the rest of a response's cryptography together: 15 % of the writers'
// CPU, measured. The keys are a function of the master key, which is in memory anyway,
// so remembering them changes nothing an attacker of the process could learn; they are
// wiped when forgotten.
#ifndef NPSD_PRIVACY_TENANT_KEYS_H_
#define NPSD_PRIVACY_TENANT_KEYS_H_

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "crypto/key_hierarchy.h"

namespace npsd::privacy {

// TenantKeys are one tenant's derived keys; their memory is wiped on destruction.
struct TenantKeys {
  TenantKeys(std::string wrapping_key, std::string lookup_key);
  TenantKeys(const TenantKeys&) = delete;
  TenantKeys& operator=(const TenantKeys&) = delete;
  ~TenantKeys();

  std::string wrapping;  // wraps the tenant's data keys, seals anonymous comments
  std::string lookup;    // keys the tenant's identifier lookup hashes
};

// TenantKeyRing derives tenants' keys from a master key and remembers them; thread-safe.
class TenantKeyRing {
 public:
  // TenantKeyRing derives from `master`, remembering at most `max_tenants` tenants
  // (beyond that it forgets them all and starts over).
  explicit TenantKeyRing(const crypto::MasterKey& master, size_t max_tenants = 4096)
      : master_(master), max_tenants_(max_tenants) {}

  // For returns `tenant_id`'s keys (INVALID_ARGUMENT for an empty id).
  absl::StatusOr<std::shared_ptr<const TenantKeys>> For(const std::string& tenant_id) const;

 private:
  const crypto::MasterKey& master_;
  const size_t max_tenants_;
  mutable absl::Mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const TenantKeys>> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace npsd::privacy

#endif  // NPSD_PRIVACY_TENANT_KEYS_H_
