// uuid.cc — UUID syntax checks.
#include "domain/uuid.h"

#include <cctype>

#include "domain/field_violation.h"

namespace npsd::domain {

std::optional<std::string> CanonicalUuid(const std::string& text) {
  if (text.size() != 36) return std::nullopt;
  std::string canonical(text.size(), '-');
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (dash_position) {
      if (c != '-') return std::nullopt;
      continue;
    }
    if (!std::isxdigit(c)) return std::nullopt;
    canonical[i] = static_cast<char>(std::tolower(c));
  }
  return canonical;
}

absl::StatusOr<std::string> ParseIdField(const std::string& field, const std::string& text) {
  if (text.empty()) return InvalidField(field, "is required");
  std::optional<std::string> canonical = CanonicalUuid(text);
  if (!canonical.has_value()) return InvalidField(field, "must be a UUID");
  return *canonical;
}

}  // namespace npsd::domain
