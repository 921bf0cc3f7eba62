// etag.cc — etag parsing.
#include "server/etag.h"

#include "absl/strings/numbers.h"
#include "domain/field_violation.h"

namespace npsd::server {

absl::StatusOr<std::optional<int64_t>> ParseEtag(const std::string& field, const std::string& etag) {
  if (etag.empty()) return std::optional<int64_t>();
  int64_t version = 0;
  if (!absl::SimpleAtoi(etag, &version) || version < 1) {
    return domain::InvalidField(field, "is not an etag returned by this server");
  }
  return std::optional<int64_t>(version);
}

}  // namespace npsd::server
