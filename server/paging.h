// paging.h — the request and response side of list pagination (AIP-158) for services.
//
//   NPSD_ASSIGN_OR_RETURN(storage::PageRequest page,
//                         PageRequestOf(request->page_size(), request->page_token(), filter.Key()));
//   ... repository list ...
//   response->set_next_page_token(NextPageToken(result.next, filter.Key()));
#ifndef NPSD_SERVER_PAGING_H_
#define NPSD_SERVER_PAGING_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "domain/page_token.h"
#include "storage/page.h"

namespace npsd::server {

// PageRequestOf validates a request's page size and token (issued for `filter_key`).
absl::StatusOr<storage::PageRequest> PageRequestOf(int page_size, const std::string& page_token,
                                                   const std::string& filter_key);

// NextPageToken is the token continuing after `next`, or "" on the last page.
std::string NextPageToken(const std::optional<domain::PageCursor>& next, const std::string& filter_key);

}  // namespace npsd::server

#endif  // NPSD_SERVER_PAGING_H_
