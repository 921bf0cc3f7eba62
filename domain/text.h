// text.h — checks for the free-text and identifier fields of requests.
//
//   FieldViolations violations;
//   CheckText("tenant.display_name", name, TextRule{}, violations);
//
// Lengths count Unicode code points, not bytes. Messages never echo the text.
#ifndef NPSD_DOMAIN_TEXT_H_
#define NPSD_DOMAIN_TEXT_H_

#include <cstddef>
#include <string>

#include "domain/field_violation.h"

namespace npsd::domain {

// IsValidUtf8 is true when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(const std::string& text);

// CodePointCount returns the number of code points of valid UTF-8 `text`.
size_t CodePointCount(const std::string& text);

// TextRule says what a text field may hold.
struct TextRule {
  bool required = true;        // empty is a violation
  size_t max_chars = 200;      // in code points
  bool allow_newlines = false;  // multi-line text (comments) may hold \n, \r and \t
};

// CheckText records a violation of `field` when `text` breaks `rule`: invalid UTF-8,
// control characters, empty when required, or too long.
void CheckText(const std::string& field, const std::string& text, const TextRule& rule,
               FieldViolations& violations);

// CheckCode records a violation of `field` unless `code` is 1 to `max_chars` characters
// of [A-Za-z0-9_.-] (codes of the catalogue, labels, industry names).
void CheckCode(const std::string& field, const std::string& code, size_t max_chars,
               FieldViolations& violations);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_TEXT_H_
