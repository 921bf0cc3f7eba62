// paging.h — collecting AIP-158 pages (page_size / page_token / next_page_token).
//
//   CollectPages<nps::v1::Tenant>(limit, [&](int size, const std::string& token)
//       -> absl::StatusOr<Page<nps::v1::Tenant>> { ... one List call ... });
#ifndef NPSD_CLI_COMMANDS_PAGING_H_
#define NPSD_CLI_COMMANDS_PAGING_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace npsd::cli {

// kMaxPageSize is the largest page npsd serves.
inline constexpr int kMaxPageSize = 1000;

// Page is one page of a List call.
template <typename Item>
struct Page {
  std::vector<Item> items;
  std::string next_page_token;
};

// CollectPages calls `fetch(page_size, page_token)` until `limit` items are collected
// (0: every item) or the last page is reached.
template <typename Item, typename Fetch>
absl::StatusOr<std::vector<Item>> CollectPages(int limit, Fetch fetch) {
  std::vector<Item> items;
  std::string token;
  do {
    const int wanted = limit > 0 ? std::min(kMaxPageSize, limit - static_cast<int>(items.size())) : kMaxPageSize;
    absl::StatusOr<Page<Item>> page = fetch(wanted, token);
    if (!page.ok()) return page.status();
    for (Item& item : page->items) items.push_back(std::move(item));
    token = page->next_page_token;
  } while (!token.empty() && (limit <= 0 || static_cast<int>(items.size()) < limit));
  return items;
}

}  // namespace npsd::cli

#endif  // NPSD_CLI_COMMANDS_PAGING_H_
