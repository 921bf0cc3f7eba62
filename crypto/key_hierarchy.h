// key_hierarchy.h — envelope encryption of personal data, for GDPR crypto-shredding.
//
// The hierarchy, from the one secret npsd is configured with down to stored data:
//
//   MasterKey                    32 bytes from a file or the environment; never stored
//   ├─ tenant key                HKDF(master, "npsd tenant key v1" + tenant id); never stored
//   │  └─ wrapped data key       Seal(tenant key, data key, aad); stored with master key_id()
//   │     └─ personal data       Seal(data key, value, aad); stored
//   └─ tenant lookup key         HKDF(master, "npsd tenant lookup key v1" + tenant id)
//      └─ blind index            HmacSha256(lookup key, normalized identifier); stored
//
//   absl::StatusOr<MasterKey> master = MasterKey::FromFile("/run/secrets/npsd-master-key");
//   absl::StatusOr<std::string> tenant_key = DeriveTenantKey(*master, tenant_id);
//   absl::StatusOr<std::string> data_key = NewDataKey();
//   absl::StatusOr<std::string> wrapped = WrapDataKey(*tenant_key, *data_key, subject_id);
//   absl::StatusOr<std::string> email = Seal(*data_key, address, "respondent.email:" + id);
//
// Crypto-shredding: deleting a wrapped data key makes everything sealed under it
// unreadable, in the database and in every backup, without finding each copy. Tenant
// keys are derived, so they cannot be destroyed on their own: erasing a tenant means
// deleting all of its wrapped data keys. Blind indexes of erased subjects must be
// deleted too: anyone holding the lookup key can test a guessed identifier against them.
//
// Rotation: a new master key has a new key_id(). During a rotation npsd loads both the
// old and the new master key; each wrapped data key stored with the old id is unwrapped
// under the old master's tenant key and wrapped again under the new one, and its
// stored id updated. The personal data itself is not re-encrypted. Blind indexes depend
// on the master key too: recompute them from the decrypted identifiers (or search under
// both lookup keys until that is done). The old master key is retired once no stored
// id refers to it.
#ifndef NPSD_CRYPTO_KEY_HIERARCHY_H_
#define NPSD_CRYPTO_KEY_HIERARCHY_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::crypto {

// kMasterKeySize is the size in bytes of a master key.
inline constexpr size_t kMasterKeySize = 32;

// kDataKeySize is the size in bytes of tenant keys, lookup keys and data keys.
inline constexpr size_t kDataKeySize = 32;

// MasterKey is the root secret of the key hierarchy.
class MasterKey {
 public:
  // Parse reads a key written as 64 hex digits or as the base64url encoding of 32 bytes
  // (padded or not); surrounding whitespace, such as a file's final newline, is ignored.
  // INVALID_ARGUMENT for anything else and for the all-zero placeholder key; the
  // message never contains the text.
  static absl::StatusOr<MasterKey> Parse(const std::string& text);

  // FromFile parses the key held in the file at `path`. The error of a failed read
  // (NOT_FOUND, PERMISSION_DENIED, ...) names the path; INVALID_ARGUMENT as for Parse
  // or when the file is larger than a key file can be.
  static absl::StatusOr<MasterKey> FromFile(const std::string& path);

  // FromEnvironment parses the key held in the environment variable `variable`.
  // NOT_FOUND when it is not set; INVALID_ARGUMENT as for Parse.
  static absl::StatusOr<MasterKey> FromEnvironment(const std::string& variable);

  // bytes returns the kMasterKeySize raw key bytes.
  const std::string& bytes() const { return bytes_; }

  // key_id names the key without revealing it: the first 8 hex digits of the SHA-256
  // of its bytes. Store it beside every data key wrapped under this master.
  const std::string& key_id() const { return key_id_; }

 private:
  explicit MasterKey(std::string bytes);

  std::string bytes_;
  std::string key_id_;
};

// DeriveTenantKey derives the key that wraps `tenant_id`'s data keys.
// INVALID_ARGUMENT when `tenant_id` is empty.
absl::StatusOr<std::string> DeriveTenantKey(const MasterKey& master, const std::string& tenant_id);

// DeriveTenantLookupKey derives the HMAC key of `tenant_id`'s blind indexes: an
// identifier's HmacSha256 under it finds the identifier's rows without storing it in
// the clear. Independent of the tenant key. INVALID_ARGUMENT when `tenant_id` is empty.
absl::StatusOr<std::string> DeriveTenantLookupKey(const MasterKey& master,
                                                  const std::string& tenant_id);

// NewDataKey draws a fresh random data key (kDataKeySize bytes).
absl::StatusOr<std::string> NewDataKey();

// WrapDataKey seals `data_key` under `tenant_key`, bound to `associated_data` (say,
// the id of the subject whose data it protects). INVALID_ARGUMENT when either key is
// not kDataKeySize bytes.
absl::StatusOr<std::string> WrapDataKey(const std::string& tenant_key, const std::string& data_key,
                                        const std::string& associated_data);

// UnwrapDataKey recovers the data key of `wrapped`. DATA_LOSS when `wrapped` was not
// made by WrapDataKey with this tenant key and associated data, or was altered;
// INVALID_ARGUMENT when `tenant_key` is not kDataKeySize bytes.
absl::StatusOr<std::string> UnwrapDataKey(const std::string& tenant_key, const std::string& wrapped,
                                          const std::string& associated_data);

}  // namespace npsd::crypto

#endif  // NPSD_CRYPTO_KEY_HIERARCHY_H_
