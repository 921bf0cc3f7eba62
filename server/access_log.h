// access_log.h — one structured JSON line per call on stderr.
//
//   {"time":"2026-11-23T09:00:00.123456Z","request_id":"…","method":"/nps.v1.TenantService/GetTenant",
//    "tenant":"…","code":"OK","latency_ms":1.2}
//
// Only these fields are written: never request contents, credentials or personal data.
#ifndef NPSD_SERVER_ACCESS_LOG_H_
#define NPSD_SERVER_ACCESS_LOG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::server {

// CallRecord describes a finished call.
struct CallRecord {
  std::string request_id;  // the client's x-request-id when well-formed, else generated
  std::string method;      // the full gRPC method name
  std::string tenant_id;   // empty for the operator or unauthenticated calls
  absl::StatusCode code = absl::StatusCode::kOk;
  absl::Duration latency;
};

// FormatCallRecord renders a record as one JSON line (without the newline).
std::string FormatCallRecord(const CallRecord& record, absl::Time now);

// LogCall writes the record's line to stderr atomically.
void LogCall(const CallRecord& record);

// LogEvent writes a JSON line {"time":…,"level":…,"event":…} for server life-cycle
// events; `event` must hold no personal data.
void LogEvent(const std::string& level, const std::string& event);

}  // namespace npsd::server

#endif  // NPSD_SERVER_ACCESS_LOG_H_
