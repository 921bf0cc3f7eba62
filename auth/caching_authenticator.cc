// caching_authenticator.cc — short-lived cache of authenticated principals.
#include "auth/caching_authenticator.h"

#include <algorithm>

#include "crypto/digest.h"

namespace npsd::auth {

CachingAuthenticator::CachingAuthenticator(Authenticator& inner, absl::Duration ttl, size_t max_entries,
                                           std::function<absl::Time()> clock)
    : inner_(inner), ttl_(ttl), max_entries_(max_entries), clock_(std::move(clock)) {}

absl::StatusOr<Principal> CachingAuthenticator::Authenticate(const std::optional<std::string>& authorization,
                                                             absl::Time deadline) {
  if (!authorization.has_value() || ttl_ <= absl::ZeroDuration()) {
    return inner_.Authenticate(authorization, deadline);
  }
  const std::string key = crypto::Sha256(*authorization);
  const absl::Time now = clock_();
  {
    absl::MutexLock lock(&mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end() && found->second.expires > now) return found->second.principal;
  }
  absl::StatusOr<Principal> principal = inner_.Authenticate(authorization, deadline);
  if (!principal.ok()) return principal;
  absl::MutexLock lock(&mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();  // bounded memory; refilled on demand
  entries_[key] = Entry{*principal, std::min(now + ttl_, principal->expires)};
  return principal;
}

}  // namespace npsd::auth
