// page_token.h — opaque, filter-bound page tokens for keyset pagination (AIP-158).
//
// Lists are ordered by (time, id); a token remembers the last item returned and a
// fingerprint of the filter, so a token reused with another filter is rejected:
//
//   NPSD_ASSIGN_OR_RETURN(auto cursor, DecodePageToken(request.page_token(), filter_key));
//   ... WHERE (create_time, id) > (cursor->time, cursor->id) ...
//   next_page_token = EncodePageToken({last.time, last.id}, filter_key);
#ifndef NPSD_DOMAIN_PAGE_TOKEN_H_
#define NPSD_DOMAIN_PAGE_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace npsd::domain {

// PageCursor is the sort key of the last item of a page.
struct PageCursor {
  absl::Time time;
  std::string id;
};

// kDefaultPageSize and kMaxPageSize bound list pages.
inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

// EncodePageToken returns the token that continues after `cursor` for a list whose
// filter is described by `filter_key` (any canonical text of the filter).
std::string EncodePageToken(const PageCursor& cursor, const std::string& filter_key);

// DecodePageToken returns nullopt for an empty token (first page), the cursor for a
// valid one, and INVALID_ARGUMENT on `page_token` for a malformed token or one issued
// for another filter.
absl::StatusOr<std::optional<PageCursor>> DecodePageToken(const std::string& token,
                                                           const std::string& filter_key);

// EffectivePageSize maps a requested size to the page size to use: 0 means the
// default; negative or above kMaxPageSize is INVALID_ARGUMENT on `page_size`.
absl::StatusOr<int> EffectivePageSize(int requested);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_PAGE_TOKEN_H_
