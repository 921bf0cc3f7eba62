// privacy_settings.cc — privacy settings validation.
#include "domain/privacy_settings.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/text.h"

namespace npsd::domain {

const char* ErasureModeName(ErasureMode mode) {
  switch (mode) {
    case ErasureMode::kKeepAnonymousScores:
      return "KEEP_ANONYMOUS_SCORES";
    case ErasureMode::kDeleteResponses:
      return "DELETE_RESPONSES";
  }
  return "UNKNOWN";
}

absl::Status ValidatePrivacySettings(const PrivacySettings& settings) {
  FieldViolations violations;
  const std::vector<std::string>& keys = settings.personal_attribute_keys;
  if (keys.size() > kMaxPersonalAttributeKeys) {
    violations.Add("settings.personal_attribute_keys",
                   absl::StrCat("must hold at most ", kMaxPersonalAttributeKeys, " keys"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string field = absl::StrCat("settings.personal_attribute_keys[", i, "]");
    CheckCode(field, keys[i], 64, violations);
    if (!seen.insert(keys[i]).second) violations.Add(field, "is listed twice");
  }
  return violations.ToStatus();
}

}  // namespace npsd::domain
