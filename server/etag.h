// etag.h — etags of the API: a resource's version number rendered as text (AIP-154).
#ifndef NPSD_SERVER_ETAG_H_
#define NPSD_SERVER_ETAG_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace npsd::server {

// ParseEtag reads the etag of request field `field`: nullopt when empty (no check
// wanted), the version when it is one this server issued, else INVALID_ARGUMENT.
absl::StatusOr<std::optional<int64_t>> ParseEtag(const std::string& field, const std::string& etag);

}  // namespace npsd::server

#endif  // NPSD_SERVER_ETAG_H_
