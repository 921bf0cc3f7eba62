// personal_data_cipher.h — how personal data is protected at rest.
//
// Identifiers and comments never reach the database in clear text:
//   * lookup:  HMAC-SHA256 under a per-tenant lookup key, over "KIND:normalized value",
//              so the same person is found again without storing who they are;
//   * values:  AES-256-GCM under a per-subject data key; the data key is stored only
//              wrapped by the tenant key (HKDF of the server master key). Erasing a
//              subject deletes its wrapped key, which makes every copy of its
//              ciphertext — including those in backups — unreadable (crypto-shredding);
//   * anonymous comments are sealed under the tenant key itself.
// Associated data binds each ciphertext to its tenant, row and purpose, so a value
// copied to another row or tenant does not decrypt.
#ifndef NPSD_PRIVACY_PERSONAL_DATA_CIPHER_H_
#define NPSD_PRIVACY_PERSONAL_DATA_CIPHER_H_

#include <string>

#include "absl/status/statusor.h"
#include "crypto/key_hierarchy.h"
#include "domain/identity.h"
#include "privacy/tenant_keys.h"

namespace npsd::privacy {

// SubjectKey is a fresh data key and its wrapped (storable) form.
struct SubjectKey {
  std::string data_key;  // 32 bytes; never stored
  std::string wrapped;   // stored in npsd.subjects
};

// PersonalDataCipher seals and opens personal data under the server's master key.
class PersonalDataCipher {
 public:
  // PersonalDataCipher derives every key from `master`.
  explicit PersonalDataCipher(crypto::MasterKey master) : master_(std::move(master)), tenant_keys_(master_) {}
  PersonalDataCipher(const PersonalDataCipher&) = delete;
  PersonalDataCipher& operator=(const PersonalDataCipher&) = delete;

  // master_key_id identifies the master key, recorded with every wrapped key.
  const std::string& master_key_id() const { return master_.key_id(); }

  // LookupHash is the keyed hash under which an identifier is stored and found.
  absl::StatusOr<std::string> LookupHash(const std::string& tenant_id,
                                         const domain::NormalizedIdentifier& identifier) const;

  // NewSubjectKey draws a data key for a new subject and wraps it.
  absl::StatusOr<SubjectKey> NewSubjectKey(const std::string& tenant_id, const std::string& subject_id) const;

  // UnwrapSubjectKey recovers a subject's data key (DATA_LOSS when it does not belong
  // to that tenant and subject).
  absl::StatusOr<std::string> UnwrapSubjectKey(const std::string& tenant_id, const std::string& subject_id,
                                               const std::string& wrapped) const;

  // SealIdentifier / OpenIdentifier protect an identifier's value with its subject's key.
  absl::StatusOr<std::string> SealIdentifier(const std::string& data_key, const std::string& tenant_id,
                                             const std::string& subject_id,
                                             const domain::NormalizedIdentifier& identifier) const;
  absl::StatusOr<std::string> OpenIdentifier(const std::string& data_key, const std::string& tenant_id,
                                             const std::string& subject_id, domain::IdentifierKind kind,
                                             const std::string& sealed) const;

  // SealComment / OpenComment protect a response's comment: with the subject's data key
  // when the response has a subject, else (empty `data_key`) with the tenant key.
  absl::StatusOr<std::string> SealComment(const std::string& data_key, const std::string& tenant_id,
                                          const std::string& response_id, const std::string& comment) const;
  absl::StatusOr<std::string> OpenComment(const std::string& data_key, const std::string& tenant_id,
                                          const std::string& response_id, const std::string& sealed) const;

 private:
  crypto::MasterKey master_;
  TenantKeyRing tenant_keys_;  // derived from master_
};

}  // namespace npsd::privacy

#endif  // NPSD_PRIVACY_PERSONAL_DATA_CIPHER_H_
