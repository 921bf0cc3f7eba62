// aead.cc — AES-256-GCM Seal and Open over OpenSSL's EVP cipher interface.
#include "crypto/aead.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>
#include <memory>

#include "absl/status/status.h"
#include "crypto/algorithms.h"
#include "crypto/random.h"

namespace npsd::crypto {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// kMaxInputSize keeps every length within the `int` that OpenSSL's EVP calls take.
constexpr size_t kMaxInputSize = INT_MAX - kAeadOverhead;

const unsigned char* Bytes(const std::string& data) {
  return reinterpret_cast<const unsigned char*>(data.data());
}

unsigned char* MutableBytes(std::string& data) {
  return reinterpret_cast<unsigned char*>(data.data());
}

absl::Status CheckInputs(const std::string& key, const std::string& data,
                         const std::string& associated_data) {
  if (key.size() != kAeadKeySize) {
    return absl::InvalidArgumentError("AES-256-GCM keys must be 32 bytes");
  }
  if (data.size() > kMaxInputSize || associated_data.size() > kMaxInputSize) {
    return absl::InvalidArgumentError("AES-256-GCM input is too large");
  }
  return absl::OkStatus();
}

CipherContext NewCipherContext() {
  return CipherContext(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
}

// SealUnchecked is Seal with `nonce`, once the sizes of the inputs are checked.
absl::StatusOr<std::string> SealUnchecked(const std::string& key, const std::string& nonce,
                                          const std::string& plaintext,
                                          const std::string& associated_data) {
  std::string sealed = nonce;
  sealed.resize(kAeadOverhead + plaintext.size());
  unsigned char* ciphertext = MutableBytes(sealed) + kAeadNonceSize;
  CipherContext context = NewCipherContext();
  int length = 0;
  const bool sealed_ok = context != nullptr &&
                         EVP_EncryptInit_ex(context.get(), Aes256GcmAlgorithm(), nullptr, Bytes(key),
                                            Bytes(nonce)) == 1 &&
                         EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                                           static_cast<int>(associated_data.size())) == 1 &&
                         EVP_EncryptUpdate(context.get(), ciphertext, &length, Bytes(plaintext),
                                           static_cast<int>(plaintext.size())) == 1 &&
                         EVP_EncryptFinal_ex(context.get(), ciphertext + length, &length) == 1 &&
                         EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kAeadTagSize,
                                             ciphertext + plaintext.size()) == 1;
  if (!sealed_ok) return absl::InternalError("AES-256-GCM encryption failed");
  return sealed;
}

// StartOpening sets `context` up to decrypt `sealed`: key, nonce, associated data and
// the expected tag. Failures here are OpenSSL's, not the input's.
absl::Status StartOpening(EVP_CIPHER_CTX* context, const std::string& key,
                          const std::string& sealed, const std::string& associated_data) {
  const unsigned char* tag = Bytes(sealed) + sealed.size() - kAeadTagSize;
  int length = 0;
  const bool started =
      EVP_DecryptInit_ex(context, Aes256GcmAlgorithm(), nullptr, Bytes(key), Bytes(sealed)) == 1 &&
      EVP_DecryptUpdate(context, nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, kAeadTagSize,
                          const_cast<unsigned char*>(tag)) == 1;
  if (!started) return absl::InternalError("AES-256-GCM decryption failed");
  return absl::OkStatus();
}

absl::Status Corrupt() { return absl::DataLossError("sealed data failed authentication"); }

}  // namespace

absl::StatusOr<std::string> Seal(const std::string& key, const std::string& plaintext,
                                 const std::string& associated_data) {
  const absl::Status inputs = CheckInputs(key, plaintext, associated_data);
  if (!inputs.ok()) return inputs;
  absl::StatusOr<std::string> nonce = RandomBytes(kAeadNonceSize);
  if (!nonce.ok()) return nonce.status();
  return SealUnchecked(key, *nonce, plaintext, associated_data);
}

absl::StatusOr<std::string> Open(const std::string& key, const std::string& sealed,
                                 const std::string& associated_data) {
  const absl::Status inputs = CheckInputs(key, sealed, associated_data);
  if (!inputs.ok()) return inputs;
  if (sealed.size() < kAeadOverhead) return Corrupt();
  CipherContext context = NewCipherContext();
  if (context == nullptr) return absl::InternalError("AES-256-GCM decryption failed");
  const absl::Status started = StartOpening(context.get(), key, sealed, associated_data);
  if (!started.ok()) return started;
  std::string plaintext(sealed.size() - kAeadOverhead, '\0');
  int length = 0;
  const bool authentic =
      EVP_DecryptUpdate(context.get(), MutableBytes(plaintext), &length,
                        Bytes(sealed) + kAeadNonceSize, static_cast<int>(plaintext.size())) == 1 &&
      EVP_DecryptFinal_ex(context.get(), MutableBytes(plaintext) + length, &length) == 1;
  if (!authentic) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return Corrupt();
  }
  return plaintext;
}

absl::StatusOr<std::string> SealWithNonceForTest(const std::string& key, const std::string& nonce,
                                                 const std::string& plaintext,
                                                 const std::string& associated_data) {
  const absl::Status inputs = CheckInputs(key, plaintext, associated_data);
  if (!inputs.ok()) return inputs;
  if (nonce.size() != kAeadNonceSize) {
    return absl::InvalidArgumentError("AES-256-GCM nonces must be 12 bytes");
  }
  return SealUnchecked(key, nonce, plaintext, associated_data);
}

}  // namespace npsd::crypto
