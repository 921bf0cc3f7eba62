// page.h — the page request and page result shared by every repository list method.
#ifndef NPSD_STORAGE_PAGE_H_
#define NPSD_STORAGE_PAGE_H_

#include <optional>
#include <utility>
#include <vector>

#include "domain/page_token.h"

namespace npsd::storage {

// PageRequest asks for at most `size` items after `after` (the first page when unset).
struct PageRequest {
  int size = domain::kDefaultPageSize;
  std::optional<domain::PageCursor> after;
};

// Page is one page of items and, unless it is the last, the cursor to continue from.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<domain::PageCursor> next;
};

// MakePage turns the rows of a query that asked for `size + 1` items into a page: the
// extra row, when present, only proves that another page follows.
template <typename T, typename CursorOf>
Page<T> MakePage(std::vector<T> items, int size, CursorOf cursor_of) {
  Page<T> page;
  page.items = std::move(items);
  if (static_cast<int>(page.items.size()) > size) {
    page.items.resize(size);
    page.next = cursor_of(page.items.back());
  }
  return page;
}

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_PAGE_H_
