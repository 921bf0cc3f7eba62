// fuzz_jwks.cc — libFuzzer target: the strict JSON parser and JWK Set loading.
//
// Configuration files are trusted more than tokens, but both go through the same
// parser; any input must be refused cleanly or yield usable, consistent keys.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "auth/json_value.h"
#include "auth/jwks.h"

// LLVMFuzzerTestOneInput is libFuzzer's entry point: one input per call; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<npsd::auth::JsonValue> value = npsd::auth::ParseJson(input, npsd::auth::JsonLimits{4096, 8});
  if (value.ok() && size > 4096) std::abort();
  absl::StatusOr<npsd::auth::Jwks> keys = npsd::auth::Jwks::Parse(input);
  if (!keys.ok()) return 0;
  if (keys->keys().empty()) std::abort();
  for (const npsd::auth::JwkPublicKey& key : keys->keys()) {
    if (keys->Select(key.kid().empty() ? std::nullopt : std::optional<std::string>(key.kid())) == nullptr) std::abort();
    if (key.Verify("header.payload", std::string(64, '\0'))) std::abort();
  }
  return 0;
}
