// paging.cc — page requests and next-page tokens.
#include "server/paging.h"

#include "domain/status_macros.h"

namespace npsd::server {

absl::StatusOr<storage::PageRequest> PageRequestOf(int page_size, const std::string& page_token,
                                                   const std::string& filter_key) {
  storage::PageRequest page;
  NPSD_ASSIGN_OR_RETURN(page.size, domain::EffectivePageSize(page_size));
  NPSD_ASSIGN_OR_RETURN(page.after, domain::DecodePageToken(page_token, filter_key));
  return page;
}

std::string NextPageToken(const std::optional<domain::PageCursor>& next, const std::string& filter_key) {
  return next ? domain::EncodePageToken(*next, filter_key) : "";
}

}  // namespace npsd::server
