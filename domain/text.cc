// text.cc — UTF-8 validation and text field rules.
#include "domain/text.h"

#include "absl/strings/str_cat.h"

namespace npsd::domain {
namespace {

// SequenceLength returns the byte length of the UTF-8 sequence starting at text[i], or 0
// when it is malformed (RFC 3629 table of well-formed byte sequences).
size_t SequenceLength(const std::string& text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

bool HasForbiddenControl(const std::string& text, bool allow_newlines) {
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) continue;
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    return true;
  }
  return false;
}

}  // namespace

bool IsValidUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

size_t CodePointCount(const std::string& text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

void CheckText(const std::string& field, const std::string& text, const TextRule& rule,
               FieldViolations& violations) {
  if (text.empty()) {
    if (rule.required) violations.Add(field, "is required");
    return;
  }
  if (!IsValidUtf8(text)) {
    violations.Add(field, "must be valid UTF-8");
  } else if (HasForbiddenControl(text, rule.allow_newlines)) {
    violations.Add(field, "must not contain control characters");
  } else if (CodePointCount(text) > rule.max_chars) {
    violations.Add(field, absl::StrCat("must be at most ", rule.max_chars, " characters"));
  }
}

void CheckCode(const std::string& field, const std::string& code, size_t max_chars,
               FieldViolations& violations) {
  if (code.empty()) {
    violations.Add(field, "is required");
    return;
  }
  if (code.size() > max_chars) {
    violations.Add(field, absl::StrCat("must be at most ", max_chars, " characters"));
    return;
  }
  for (char c : code) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!allowed) {
      violations.Add(field, "may only contain letters, digits, '_', '.' and '-'");
      return;
    }
  }
}

}  // namespace npsd::domain
