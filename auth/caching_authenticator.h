// caching_authenticator.h — remembers successful authentications for a short time.
//
// A decorator over any Authenticator: the first call with a credential is checked by
// the wrapped authenticator (a database read for API keys); for the next `ttl` the same
// credential is answered from memory. The cost is a bounded delay — at most `ttl` —
// before a revocation, an expiry or a tenant suspension takes effect. Failures are never
// cached, an entry never outlives the principal's own `expires` (a JWT's `exp`), and
// entries are keyed by the SHA-256 of the header, never the credential.
#ifndef NPSD_AUTH_CACHING_AUTHENTICATOR_H_
#define NPSD_AUTH_CACHING_AUTHENTICATOR_H_

#include <functional>
#include <string>
#include <unordered_map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "auth/authenticator.h"

namespace npsd::auth {

// CachingAuthenticator caches the principals `inner` returns.
class CachingAuthenticator final : public Authenticator {
 public:
  // CachingAuthenticator wraps `inner` (which must outlive it); at most `max_entries`
  // credentials are remembered at once. A zero `ttl` disables caching.
  CachingAuthenticator(Authenticator& inner, absl::Duration ttl, size_t max_entries = 10000,
                       std::function<absl::Time()> clock = absl::Now);

  absl::StatusOr<Principal> Authenticate(const std::optional<std::string>& authorization,
                                         absl::Time deadline) override;

 private:
  struct Entry {
    Principal principal;
    absl::Time expires;
  };

  Authenticator& inner_;
  const absl::Duration ttl_;
  const size_t max_entries_;
  const std::function<absl::Time()> clock_;
  absl::Mutex mutex_;
  std::unordered_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace npsd::auth

#endif  // NPSD_AUTH_CACHING_AUTHENTICATOR_H_
