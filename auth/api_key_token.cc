// api_key_token.cc — API key token formatting and parsing.
#include "auth/api_key_token.h"

#include "absl/strings/match.h"
#include "crypto/digest.h"
#include "crypto/random.h"
#include "domain/uuid.h"

namespace npsd::auth {
namespace {

constexpr char kPrefix[] = "npsk_";
constexpr size_t kPrefixLength = 5;
constexpr size_t kSecretBytes = 32;
constexpr size_t kSecretLength = 43;  // base64url of 32 bytes, unpadded
constexpr size_t kTokenLength = kPrefixLength + 32 + 32 + kSecretLength;

std::string HexOfUuid(const std::string& uuid) {
  std::string hex;
  for (char c : uuid) {
    if (c != '-') hex += c;
  }
  return hex;
}

std::optional<std::string> UuidOfHex(const std::string& hex) {
  const std::string dashed = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
                             "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
  return domain::CanonicalUuid(dashed);
}

bool IsBase64Url(const std::string& text) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> NewApiKeySecret() { return crypto::RandomToken(kSecretBytes); }

std::string FormatApiKeyToken(const ApiKeyToken& token) {
  return kPrefix + HexOfUuid(token.tenant_id) + HexOfUuid(token.key_id) + token.secret;
}

std::optional<ApiKeyToken> ParseApiKeyToken(const std::string& text) {
  if (text.size() != kTokenLength || !absl::StartsWith(text, kPrefix)) return std::nullopt;
  std::optional<std::string> tenant_id = UuidOfHex(text.substr(kPrefixLength, 32));
  std::optional<std::string> key_id = UuidOfHex(text.substr(kPrefixLength + 32, 32));
  std::string secret = text.substr(kPrefixLength + 64);
  if (!tenant_id || !key_id || !IsBase64Url(secret)) return std::nullopt;
  return ApiKeyToken{*std::move(tenant_id), *std::move(key_id), std::move(secret)};
}

std::string SecretHash(const std::string& secret) { return crypto::Sha256(secret); }

}  // namespace npsd::auth
