// uuid.cc — UUID syntax checks.
#include "domain/uuid.h"

#include "domain/field_violation.h"

namespace npsd::domain {

namespace {

// HexDigitValue returns the value of a hex digit of either case, or -1.
int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsDashPosition(size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::optional<std::string> CanonicalUuid(const std::string& text) {
  if (text.size() != 36) return std::nullopt;
  static constexpr char kLowerHex[] = "0123456789abcdef";
  std::string canonical(text.size(), '-');
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsDashPosition(i)) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    const int value = HexDigitValue(text[i]);
    if (value < 0) return std::nullopt;
    canonical[i] = kLowerHex[value];
  }
  return canonical;
}

std::optional<std::array<char, 16>> UuidBytes(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::array<char, 16> bytes{};
  size_t digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsDashPosition(i)) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    const int value = HexDigitValue(text[i]);
    if (value < 0) return std::nullopt;
    bytes[digits / 2] = static_cast<char>(digits % 2 == 0 ? value << 4 : bytes[digits / 2] | value);
    ++digits;
  }
  return bytes;
}

absl::StatusOr<std::string> ParseIdField(const std::string& field, const std::string& text) {
  if (text.empty()) return InvalidField(field, "is required");
  std::optional<std::string> canonical = CanonicalUuid(text);
  if (!canonical.has_value()) return InvalidField(field, "must be a UUID");
  return *canonical;
}

}  // namespace npsd::domain
