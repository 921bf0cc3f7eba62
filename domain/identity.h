// identity.h — normalization of the identifiers that name a survey respondent.
//
// Identifiers are personal data. They are normalized before use, so that
// "Ana@Example.com " and "ana@example.com" are one person, and then stored only as a
// keyed hash (for lookup) and ciphertext (see privacy/personal_data_cipher.h):
//
//   NPSD_ASSIGN_OR_RETURN(auto identifiers, NormalizeIdentity(subject, "response.subject."));
#ifndef NPSD_DOMAIN_IDENTITY_H_
#define NPSD_DOMAIN_IDENTITY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace npsd::domain {

// SubjectIdentity is what a caller says about who answered; empty members are unset.
struct SubjectIdentity {
  std::string external_id;
  std::string email;
  std::string phone;

  // empty is true when no identifier is given: the response stays anonymous.
  bool empty() const { return external_id.empty() && email.empty() && phone.empty(); }
};

// IdentifierKind is the kind of one identifier. The names are stored.
enum class IdentifierKind { kExternalId, kEmail, kPhone };

// IdentifierKindName returns the stored name: "EXTERNAL_ID", "EMAIL" or "PHONE".
const char* IdentifierKindName(IdentifierKind kind);

// NormalizedIdentifier is one identifier in canonical form.
struct NormalizedIdentifier {
  IdentifierKind kind;
  std::string value;

  bool operator==(const NormalizedIdentifier& other) const {
    return kind == other.kind && value == other.value;
  }
};

// NormalizeIdentity returns the canonical identifiers of `identity` (possibly none):
// external ids are trimmed (1-128 characters, no control characters), e-mail addresses
// trimmed and lower-cased (one '@', no spaces, at most 254 characters), phone numbers
// reduced to E.164 ("+" and 8-15 digits, spaces . - ( ) ignored). Violations name
// `field_prefix` + "external_id" / "email" / "phone" and never echo the value.
absl::StatusOr<std::vector<NormalizedIdentifier>> NormalizeIdentity(const SubjectIdentity& identity,
                                                                    const std::string& field_prefix);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_IDENTITY_H_
