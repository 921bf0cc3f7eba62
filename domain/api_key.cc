// api_key.cc — API key lifecycle and validation.
#include "domain/api_key.h"

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/text.h"

namespace npsd::domain {

ApiKeyState ApiKeyStateAt(const ApiKey& key, absl::Time now) {
  if (key.revoke_time.has_value() && *key.revoke_time <= now) return ApiKeyState::kRevoked;
  if (key.expire_time.has_value() && *key.expire_time <= now) return ApiKeyState::kExpired;
  return ApiKeyState::kActive;
}

absl::Status ValidateNewApiKey(const NewApiKey& key, absl::Time now) {
  FieldViolations violations;
  CheckText("api_key.display_name", key.display_name, TextRule{}, violations);
  if (key.scopes.empty()) violations.Add("api_key.scopes", "must name at least one scope");
  ScopeSet seen;
  for (size_t i = 0; i < key.scopes.size(); ++i) {
    if (seen.Has(key.scopes[i])) {
      violations.Add(absl::StrCat("api_key.scopes[", i, "]"), "is a duplicate");
    }
    seen.Add(key.scopes[i]);
  }
  if (key.expire_time.has_value() && *key.expire_time <= now) {
    violations.Add("api_key.expire_time", "must be in the future");
  }
  return violations.ToStatus();
}

}  // namespace npsd::domain
