// identity.cc — identifier normalization.
#include "domain/identity.h"

#include "absl/strings/ascii.h"
#include "domain/field_violation.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace npsd::domain {
namespace {

std::string NormalizeEmail(const std::string& email, const std::string& field, FieldViolations& violations) {
  std::string value = absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
  const size_t at = value.find('@');
  const bool well_formed = at != std::string::npos && at > 0 && at + 1 < value.size() &&
                           value.find('@', at + 1) == std::string::npos && value.size() <= 254 &&
                           value.find_first_of(" \t\r\n") == std::string::npos && IsValidUtf8(value);
  if (!well_formed) violations.Add(field, "is not an e-mail address");
  return value;
}

std::string NormalizePhone(const std::string& phone, const std::string& field, FieldViolations& violations) {
  std::string digits;
  bool plus = false;
  bool valid = true;
  for (char c : absl::StripAsciiWhitespace(phone)) {
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      valid = false;
    }
  }
  if (!valid || !plus || digits.size() < 8 || digits.size() > 15 || digits[0] == '0') {
    violations.Add(field, "must be an E.164 phone number such as +33612345678");
  }
  return "+" + digits;
}

}  // namespace

const char* IdentifierKindName(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kExternalId:
      return "EXTERNAL_ID";
    case IdentifierKind::kEmail:
      return "EMAIL";
    case IdentifierKind::kPhone:
      return "PHONE";
  }
  return "UNKNOWN";
}

absl::StatusOr<std::vector<NormalizedIdentifier>> NormalizeIdentity(const SubjectIdentity& identity,
                                                                    const std::string& field_prefix) {
  FieldViolations violations;
  std::vector<NormalizedIdentifier> identifiers;
  if (!identity.external_id.empty()) {
    const std::string value(absl::StripAsciiWhitespace(identity.external_id));
    CheckText(field_prefix + "external_id", value, TextRule{true, 128, false}, violations);
    identifiers.push_back({IdentifierKind::kExternalId, value});
  }
  if (!identity.email.empty()) {
    identifiers.push_back({IdentifierKind::kEmail, NormalizeEmail(identity.email, field_prefix + "email", violations)});
  }
  if (!identity.phone.empty()) {
    identifiers.push_back({IdentifierKind::kPhone, NormalizePhone(identity.phone, field_prefix + "phone", violations)});
  }
  NPSD_RETURN_IF_ERROR(violations.ToStatus());
  return identifiers;
}

}  // namespace npsd::domain
