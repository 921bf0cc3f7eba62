// audit_event.h — one entry of a tenant's audit trail.
//
// Who did what to which resource, and how it ended; never any personal data. Actions
// are dotted names ("privacy.erasure", "retention.run"), targets are resource ids,
// outcomes are status names, and details are small key/value facts such as counts:
//
//   AuditEvent event{principal.credential_id, "privacy.erasure", request_id, "COMPLETED",
//                    {{"records_affected", "12"}}};
#ifndef NPSD_DOMAIN_AUDIT_EVENT_H_
#define NPSD_DOMAIN_AUDIT_EVENT_H_

#include <map>
#include <string>

namespace npsd::domain {

// kRetentionActor is the actor of the events written by the retention job.
inline constexpr char kRetentionActor[] = "retention-job";

// AuditEvent is one audited action.
struct AuditEvent {
  std::string actor;      // the credential id of the caller, or kRetentionActor
  std::string action;     // what was done, e.g. "privacy.erasure"
  std::string target_id;  // the resource acted on (a request id); may be empty
  std::string outcome;    // how it ended, e.g. "COMPLETED" or a status code name
  std::map<std::string, std::string> details;  // facts without personal data
};

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_AUDIT_EVENT_H_
