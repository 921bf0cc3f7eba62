// audit_repository.h — reading a tenant's audit trail.
#ifndef NPSD_STORAGE_AUDIT_REPOSITORY_H_
#define NPSD_STORAGE_AUDIT_REPOSITORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/audit_event.h"
#include "storage/page.h"

namespace npsd::storage {

// StoredAuditEvent is an event as recorded.
struct StoredAuditEvent {
  std::string id;
  absl::Time event_time;
  domain::AuditEvent event;
};

// AuditFilter narrows the trail; unset members match everything.
struct AuditFilter {
  std::string action_prefix;
  std::optional<absl::Time> after;   // inclusive
  std::optional<absl::Time> before;  // exclusive

  // Key is a canonical text of the filter, bound into page tokens.
  std::string Key() const {
    const auto time = [](const std::optional<absl::Time>& t) {
      return t ? absl::StrCat(absl::ToUnixMicros(*t)) : std::string();
    };
    return absl::StrCat("audit|", action_prefix, "|", time(after), "|", time(before));
  }
};

// AuditRepository reads the audit trail of one tenant at a time.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;

  // ListAuditEvents pages through matching events, oldest first.
  virtual absl::StatusOr<Page<StoredAuditEvent>> ListAuditEvents(const std::string& tenant_id,
                                                                 const AuditFilter& filter,
                                                                 const PageRequest& page, absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_AUDIT_REPOSITORY_H_
