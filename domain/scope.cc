// scope.cc — scope names and sets.
#include "domain/scope.h"

namespace npsd::domain {

const char* ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kIngest:
      return "ingest";
    case Scope::kRead:
      return "read";
    case Scope::kCampaigns:
      return "campaigns";
    case Scope::kPrivacy:
      return "privacy";
    case Scope::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::optional<Scope> ParseScope(const std::string& name) {
  for (Scope scope : kAllScopes) {
    if (name == ScopeName(scope)) return scope;
  }
  return std::nullopt;
}

ScopeSet::ScopeSet(std::initializer_list<Scope> scopes) {
  for (Scope scope : scopes) Add(scope);
}

std::vector<Scope> ScopeSet::Scopes() const {
  std::vector<Scope> result;
  for (Scope scope : kAllScopes) {
    if (Has(scope)) result.push_back(scope);
  }
  return result;
}

std::vector<std::string> ScopeSet::Names() const {
  std::vector<std::string> result;
  for (Scope scope : Scopes()) result.emplace_back(ScopeName(scope));
  return result;
}

}  // namespace npsd::domain
