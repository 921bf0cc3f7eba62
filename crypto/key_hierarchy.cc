// key_hierarchy.cc — master key loading, tenant key derivation and data key wrapping.
#include "crypto/key_hierarchy.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "crypto/aead.h"
#include "crypto/digest.h"
#include "crypto/hkdf.h"
#include "crypto/random.h"

namespace npsd::crypto {
namespace {

static_assert(kDataKeySize == kAeadKeySize, "data keys are AES-256-GCM keys");

constexpr char kTenantKeyInfo[] = "npsd tenant key v1";
constexpr char kTenantLookupKeyInfo[] = "npsd tenant lookup key v1";

// kMaxKeyFileSize bounds what FromFile reads: a key with generous whitespace.
constexpr size_t kMaxKeyFileSize = 4096;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// ReadKeyFile returns the contents of the file at `path`, at most kMaxKeyFileSize bytes.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) return absl::ErrnoToStatus(errno, "cannot open master key file " + path);
  std::string text(kMaxKeyFileSize + 1, '\0');
  const size_t size = std::fread(text.data(), 1, text.size(), file.get());
  if (std::ferror(file.get())) {
    return absl::ErrnoToStatus(errno, "cannot read master key file " + path);
  }
  if (size > kMaxKeyFileSize) {
    return absl::InvalidArgumentError("master key file " + path + " is too large");
  }
  text.resize(size);
  return text;
}

// DecodeKey decodes 64 hex digits, or base64url otherwise.
absl::StatusOr<std::string> DecodeKey(const std::string& text) {
  if (text.size() == 2 * kMasterKeySize) return HexDecode(text);
  return Base64UrlDecode(text);
}

bool IsAllZero(const std::string& bytes) {
  return bytes.find_first_not_of('\0') == std::string::npos;
}

absl::StatusOr<std::string> DeriveForTenant(const MasterKey& master, const char* info,
                                            const std::string& tenant_id) {
  if (tenant_id.empty()) return absl::InvalidArgumentError("tenant id is empty");
  return HkdfSha256(master.bytes(), /*salt=*/"", info + tenant_id, kDataKeySize);
}

}  // namespace

MasterKey::MasterKey(std::string bytes)
    : bytes_(std::move(bytes)), key_id_(HexEncode(Sha256(bytes_)).substr(0, 8)) {}

absl::StatusOr<MasterKey> MasterKey::Parse(const std::string& text) {
  absl::StatusOr<std::string> bytes = DecodeKey(std::string(absl::StripAsciiWhitespace(text)));
  if (!bytes.ok() || bytes->size() != kMasterKeySize || IsAllZero(*bytes)) {
    return absl::InvalidArgumentError(
        "a master key must be 64 hex digits or the base64url encoding of 32 bytes");
  }
  return MasterKey(*std::move(bytes));
}

absl::StatusOr<MasterKey> MasterKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadKeyFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<MasterKey> key = Parse(*text);
  OPENSSL_cleanse(text->data(), text->size());
  return key;
}

absl::StatusOr<MasterKey> MasterKey::FromEnvironment(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return absl::NotFoundError(variable + " is not set");
  return Parse(value);
}

absl::StatusOr<std::string> DeriveTenantKey(const MasterKey& master, const std::string& tenant_id) {
  return DeriveForTenant(master, kTenantKeyInfo, tenant_id);
}

absl::StatusOr<std::string> DeriveTenantLookupKey(const MasterKey& master,
                                                  const std::string& tenant_id) {
  return DeriveForTenant(master, kTenantLookupKeyInfo, tenant_id);
}

absl::StatusOr<std::string> NewDataKey() { return RandomBytes(kDataKeySize); }

absl::StatusOr<std::string> WrapDataKey(const std::string& tenant_key, const std::string& data_key,
                                        const std::string& associated_data) {
  if (tenant_key.size() != kDataKeySize || data_key.size() != kDataKeySize) {
    return absl::InvalidArgumentError("tenant and data keys must be 32 bytes");
  }
  return Seal(tenant_key, data_key, associated_data);
}

absl::StatusOr<std::string> UnwrapDataKey(const std::string& tenant_key, const std::string& wrapped,
                                          const std::string& associated_data) {
  absl::StatusOr<std::string> data_key = Open(tenant_key, wrapped, associated_data);
  if (data_key.ok() && data_key->size() != kDataKeySize) {
    return absl::DataLossError("wrapped data key failed authentication");
  }
  return data_key;
}

}  // namespace npsd::crypto
