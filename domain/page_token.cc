// page_token.cc — page token encoding.
#include "domain/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "domain/field_violation.h"
#include "domain/stable_hash.h"
#include "domain/uuid.h"

namespace npsd::domain {
namespace {

constexpr char kVersion[] = "p1";

// FilterFingerprint binds a token to its filter, identically on every replica.
std::string FilterFingerprint(const std::string& filter_key) {
  return absl::StrCat(absl::Hex(StableHash64(filter_key), absl::kZeroPad16));
}

absl::Status InvalidToken() {
  return InvalidField("page_token", "is not a token issued for this list and filter");
}

}  // namespace

std::string EncodePageToken(const PageCursor& cursor, const std::string& filter_key) {
  const std::string plain = absl::StrCat(kVersion, "|", absl::ToUnixMicros(cursor.time), "|",
                                         cursor.id, "|", FilterFingerprint(filter_key));
  return absl::WebSafeBase64Escape(plain);
}

absl::StatusOr<std::optional<PageCursor>> DecodePageToken(const std::string& token,
                                                           const std::string& filter_key) {
  if (token.empty()) return std::optional<PageCursor>();
  std::string plain;
  if (token.size() > 512 || !absl::WebSafeBase64Unescape(token, &plain)) return InvalidToken();
  const std::vector<std::string> parts = absl::StrSplit(plain, '|');
  int64_t micros = 0;
  if (parts.size() != 4 || parts[0] != kVersion || !absl::SimpleAtoi(parts[1], &micros) ||
      !CanonicalUuid(parts[2]).has_value() || parts[3] != FilterFingerprint(filter_key)) {
    return InvalidToken();
  }
  return std::optional<PageCursor>(PageCursor{absl::FromUnixMicros(micros), parts[2]});
}

absl::StatusOr<int> EffectivePageSize(int requested) {
  if (requested == 0) return kDefaultPageSize;
  if (requested < 0 || requested > kMaxPageSize) {
    return InvalidField("page_size", "must be between 0 and 1000");
  }
  return requested;
}

}  // namespace npsd::domain
