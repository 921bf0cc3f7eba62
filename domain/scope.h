// scope.h — the permissions an API key can carry.
//
// A key holds a set of scopes; each RPC requires one (see auth/method_policy.h).
//   ScopeSet scopes{Scope::kIngest, Scope::kRead};
//   scopes.Has(Scope::kRead);  // true
#ifndef NPSD_DOMAIN_SCOPE_H_
#define NPSD_DOMAIN_SCOPE_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace npsd::domain {

// Scope is one permission. The names are stable: they are stored in the database.
enum class Scope : uint8_t { kIngest, kRead, kCampaigns, kPrivacy, kAdmin };

// kAllScopes lists every scope, in declaration order.
inline constexpr Scope kAllScopes[] = {Scope::kIngest, Scope::kRead, Scope::kCampaigns,
                                       Scope::kPrivacy, Scope::kAdmin};

// ScopeName returns the stored name of a scope ("ingest", "read", ...).
const char* ScopeName(Scope scope);

// ParseScope returns the scope with the stored name `name`, or nullopt.
std::optional<Scope> ParseScope(const std::string& name);

// ScopeSet is a small set of scopes.
class ScopeSet {
 public:
  ScopeSet() = default;
  ScopeSet(std::initializer_list<Scope> scopes);

  // Add inserts `scope`; Has tests membership.
  void Add(Scope scope) { bits_ |= Bit(scope); }
  bool Has(Scope scope) const { return (bits_ & Bit(scope)) != 0; }
  bool empty() const { return bits_ == 0; }

  // Scopes lists the members in declaration order.
  std::vector<Scope> Scopes() const;
  // Names lists the members' stored names in declaration order.
  std::vector<std::string> Names() const;

  bool operator==(const ScopeSet& other) const { return bits_ == other.bits_; }

 private:
  static uint32_t Bit(Scope scope) { return 1u << static_cast<uint32_t>(scope); }
  uint32_t bits_ = 0;
};

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_SCOPE_H_
