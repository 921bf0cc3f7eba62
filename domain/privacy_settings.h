// privacy_settings.h — a tenant's choices about personal data in responses.
//
// Two settings shape how a person's responses are treated once their personal data
// must go (an ERASURE request, or the retention policy):
//   * erasure_mode: erasure either keeps each response as an anonymous score (it stays
//     in the NPS rollups) or deletes it (it leaves the rollups too);
//   * personal_attribute_keys: the custom response attributes that hold personal data
//     (say "customer_name"); they are removed with the rest of the personal data.
//
//   PrivacySettings settings{ErasureMode::kDeleteResponses, {"customer_name"}};
//   NPSD_RETURN_IF_ERROR(ValidatePrivacySettings(settings));
#ifndef NPSD_DOMAIN_PRIVACY_SETTINGS_H_
#define NPSD_DOMAIN_PRIVACY_SETTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace npsd::domain {

// kMaxPersonalAttributeKeys bounds the personal attribute keys of a tenant.
inline constexpr size_t kMaxPersonalAttributeKeys = 100;

// ErasureMode says what erasing a person does to their responses.
enum class ErasureMode { kKeepAnonymousScores, kDeleteResponses };

// ErasureModeName returns the mode's name ("KEEP_ANONYMOUS_SCORES", "DELETE_RESPONSES").
const char* ErasureModeName(ErasureMode mode);

// PrivacySettings are a tenant's privacy settings.
struct PrivacySettings {
  ErasureMode erasure_mode = ErasureMode::kKeepAnonymousScores;
  std::vector<std::string> personal_attribute_keys;  // attribute keys, as in responses
};

// ValidatePrivacySettings checks the attribute keys (attribute key syntax: 1-64
// characters of [A-Za-z0-9_.-], no duplicates, at most kMaxPersonalAttributeKeys);
// field paths start with "settings.".
absl::Status ValidatePrivacySettings(const PrivacySettings& settings);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_PRIVACY_SETTINGS_H_
