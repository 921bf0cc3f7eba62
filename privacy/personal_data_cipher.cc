// personal_data_cipher.cc — lookup hashes, envelope keys and sealed values.
#include "privacy/personal_data_cipher.h"

#include "absl/strings/str_cat.h"
#include "crypto/aead.h"
#include "crypto/digest.h"
#include "domain/status_macros.h"

namespace npsd::privacy {
namespace {

std::string KeyAad(const std::string& tenant_id, const std::string& subject_id) {
  return absl::StrCat("npsd/subject-key|", tenant_id, "|", subject_id);
}

std::string IdentifierAad(const std::string& tenant_id, const std::string& subject_id, domain::IdentifierKind kind) {
  return absl::StrCat("npsd/identifier|", tenant_id, "|", subject_id, "|", domain::IdentifierKindName(kind));
}

std::string CommentAad(const std::string& tenant_id, const std::string& response_id) {
  return absl::StrCat("npsd/comment|", tenant_id, "|", response_id);
}

}  // namespace

absl::StatusOr<std::string> PersonalDataCipher::LookupHash(const std::string& tenant_id,
                                                           const domain::NormalizedIdentifier& identifier) const {
  NPSD_ASSIGN_OR_RETURN(std::shared_ptr<const TenantKeys> keys, tenant_keys_.For(tenant_id));
  return crypto::HmacSha256(keys->lookup,
                            absl::StrCat(domain::IdentifierKindName(identifier.kind), ":", identifier.value));
}

absl::StatusOr<SubjectKey> PersonalDataCipher::NewSubjectKey(const std::string& tenant_id,
                                                            const std::string& subject_id) const {
  NPSD_ASSIGN_OR_RETURN(std::shared_ptr<const TenantKeys> keys, tenant_keys_.For(tenant_id));
  SubjectKey key;
  NPSD_ASSIGN_OR_RETURN(key.data_key, crypto::NewDataKey());
  NPSD_ASSIGN_OR_RETURN(key.wrapped, crypto::WrapDataKey(keys->wrapping, key.data_key, KeyAad(tenant_id, subject_id)));
  return key;
}

absl::StatusOr<std::string> PersonalDataCipher::UnwrapSubjectKey(const std::string& tenant_id,
                                                                 const std::string& subject_id,
                                                                 const std::string& wrapped) const {
  NPSD_ASSIGN_OR_RETURN(std::shared_ptr<const TenantKeys> keys, tenant_keys_.For(tenant_id));
  return crypto::UnwrapDataKey(keys->wrapping, wrapped, KeyAad(tenant_id, subject_id));
}

absl::StatusOr<std::string> PersonalDataCipher::SealIdentifier(const std::string& data_key,
                                                               const std::string& tenant_id,
                                                               const std::string& subject_id,
                                                               const domain::NormalizedIdentifier& identifier) const {
  return crypto::Seal(data_key, identifier.value, IdentifierAad(tenant_id, subject_id, identifier.kind));
}

absl::StatusOr<std::string> PersonalDataCipher::OpenIdentifier(const std::string& data_key,
                                                               const std::string& tenant_id,
                                                               const std::string& subject_id,
                                                               domain::IdentifierKind kind,
                                                               const std::string& sealed) const {
  return crypto::Open(data_key, sealed, IdentifierAad(tenant_id, subject_id, kind));
}

absl::StatusOr<std::string> PersonalDataCipher::SealComment(const std::string& data_key, const std::string& tenant_id,
                                                            const std::string& response_id,
                                                            const std::string& comment) const {
  if (!data_key.empty()) return crypto::Seal(data_key, comment, CommentAad(tenant_id, response_id));
  NPSD_ASSIGN_OR_RETURN(std::shared_ptr<const TenantKeys> keys, tenant_keys_.For(tenant_id));
  return crypto::Seal(keys->wrapping, comment, CommentAad(tenant_id, response_id));
}

absl::StatusOr<std::string> PersonalDataCipher::OpenComment(const std::string& data_key, const std::string& tenant_id,
                                                            const std::string& response_id,
                                                            const std::string& sealed) const {
  if (!data_key.empty()) return crypto::Open(data_key, sealed, CommentAad(tenant_id, response_id));
  NPSD_ASSIGN_OR_RETURN(std::shared_ptr<const TenantKeys> keys, tenant_keys_.For(tenant_id));
  return crypto::Open(keys->wrapping, sealed, CommentAad(tenant_id, response_id));
}

}  // namespace npsd::privacy
