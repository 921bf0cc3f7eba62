// uuid.cc — UUID syntax checks.
#include "domain/uuid.h"

#include <cstdint>

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

// UuidDigits returns the values of the 32 hex digits of a UUID written in 8-4-4-4-12
// form, in order, or nullopt when `text` is not one.
std::optional<std::array<uint8_t, 32>> UuidDigits(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::array<uint8_t, 32> digits{};
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    const int value = HexDigitValue(text[i]);
    if (value < 0) return std::nullopt;
    digits[count++] = static_cast<uint8_t>(value);
  }
  return digits;
}

}  // namespace

std::optional<std::string> CanonicalUuid(const std::string& text) {
  static constexpr char kLowerHex[] = "0123456789abcdef";
  const std::optional<std::array<uint8_t, 32>> digits = UuidDigits(text);
  if (!digits.has_value()) return std::nullopt;
  std::string canonical;
  canonical.reserve(36);
  for (size_t d = 0; d < digits->size(); ++d) {
    if (d == 8 || d == 12 || d == 16 || d == 20) canonical.push_back('-');
    canonical.push_back(kLowerHex[(*digits)[d]]);
  }
  return canonical;
}

std::optional<std::array<char, 16>> UuidBytes(std::string_view text) {
  const std::optional<std::array<uint8_t, 32>> digits = UuidDigits(text);
  if (!digits.has_value()) return std::nullopt;
  std::array<char, 16> bytes{};
  for (size_t b = 0; b < bytes.size(); ++b) {
    bytes[b] = static_cast<char>((*digits)[2 * b] << 4 | (*digits)[2 * b + 1]);
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
