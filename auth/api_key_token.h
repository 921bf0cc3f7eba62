// api_key_token.h — the bearer token format of API keys.
//
// A token is "npsk_" + 32 hex digits of the tenant id + 32 hex digits of the key id +
// 43 base64url characters of a 256-bit random secret. Carrying both ids lets the server
// find the key within the tenant's row-level security (no cross-tenant lookup exists),
// and only SHA-256(secret) is ever stored.
#ifndef NPSD_AUTH_API_KEY_TOKEN_H_
#define NPSD_AUTH_API_KEY_TOKEN_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::auth {

// ApiKeyToken is a parsed API key bearer token.
struct ApiKeyToken {
  std::string tenant_id;  // canonical UUID
  std::string key_id;     // canonical UUID
  std::string secret;     // the base64url secret part
};

// NewApiKeySecret draws a fresh random secret (43 base64url characters).
absl::StatusOr<std::string> NewApiKeySecret();

// FormatApiKeyToken renders the token a client sends.
std::string FormatApiKeyToken(const ApiKeyToken& token);

// ParseApiKeyToken parses a token; nullopt when it is not an API key token at all.
std::optional<ApiKeyToken> ParseApiKeyToken(const std::string& text);

// SecretHash returns SHA-256 of a secret: the only form in which it is stored.
std::string SecretHash(const std::string& secret);

}  // namespace npsd::auth

#endif  // NPSD_AUTH_API_KEY_TOKEN_H_
