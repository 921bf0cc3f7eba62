// data_subject_request.h — GDPR data-subject requests: kinds, lifecycle and deadlines.
//
// A person (the data subject) asks a tenant to see (ACCESS), correct (RECTIFICATION),
// erase (ERASURE) or restrict the processing of (RESTRICTION) what it holds about them.
// A request is recorded as RECEIVED, then RUNNING while it executes, and ends in one
// terminal status; it is due 30 days after receipt (GDPR art. 12(3)):
//
//   NPSD_ASSIGN_OR_RETURN(ValidDataSubjectRequest valid, ValidateDataSubjectRequest(input));
//   NPSD_RETURN_IF_ERROR(CheckStatusTransition(DataSubjectRequestStatus::kReceived,
//                                              DataSubjectRequestStatus::kRunning));
//   if (request.IsOverdue(absl::Now())) { ... }
//
// Identifiers are personal data: they are validated here and never stored with the
// request in clear text (storage keeps only their keyed lookup hashes).
#ifndef NPSD_DOMAIN_DATA_SUBJECT_REQUEST_H_
#define NPSD_DOMAIN_DATA_SUBJECT_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/identity.h"

namespace npsd::domain {

// kDataSubjectResponseTime is how long a tenant has to answer a request.
inline constexpr absl::Duration kDataSubjectResponseTime = absl::Hours(24 * 30);

// kMaxReasonChars bounds the free-text reason of a request (in code points).
inline constexpr size_t kMaxReasonChars = 500;

// DataSubjectRequestType is what the person asks for. The names are stored.
enum class DataSubjectRequestType { kAccess, kRectification, kErasure, kRestriction };

// DataSubjectRequestTypeName returns the stored name ("ACCESS", "ERASURE", ...).
const char* DataSubjectRequestTypeName(DataSubjectRequestType type);

// ParseDataSubjectRequestType returns the type with the stored name `name`, or nullopt.
std::optional<DataSubjectRequestType> ParseDataSubjectRequestType(const std::string& name);

// DataSubjectRequestStatus is where a request stands. The names are stored.
enum class DataSubjectRequestStatus { kReceived, kRunning, kCompleted, kPartiallyCompleted, kFailed, kRejected };

// DataSubjectRequestStatusName returns the stored name ("RECEIVED", "COMPLETED", ...).
const char* DataSubjectRequestStatusName(DataSubjectRequestStatus status);

// ParseDataSubjectRequestStatus returns the status with the stored name `name`, or nullopt.
std::optional<DataSubjectRequestStatus> ParseDataSubjectRequestStatus(const std::string& name);

// IsTerminal is true for the statuses a request ends in: COMPLETED,
// PARTIALLY_COMPLETED, FAILED and REJECTED.
bool IsTerminal(DataSubjectRequestStatus status);

// CheckStatusTransition is OK for RECEIVED -> RUNNING, RECEIVED -> FAILED and
// RUNNING -> any terminal status; FAILED_PRECONDITION for anything else (a terminal
// request never changes again).
absl::Status CheckStatusTransition(DataSubjectRequestStatus from, DataSubjectRequestStatus to);

// DueTime is the time by which a request received at `received` must be answered.
absl::Time DueTime(absl::Time received);

// DataSubjectRequestInput is a request as a caller sends it; identifier values are raw.
struct DataSubjectRequestInput {
  std::optional<DataSubjectRequestType> type;  // nullopt: missing or unknown
  SubjectIdentity identifiers;                 // who the person is
  SubjectIdentity rectified_identifiers;       // RECTIFICATION: the new values
  bool lift_restriction = false;               // RESTRICTION: lift instead of impose
  bool dry_run = false;                        // report what would happen, change nothing
  std::string reason;                          // free text, no personal data
};

// ValidDataSubjectRequest is a validated request with normalized identifiers.
struct ValidDataSubjectRequest {
  DataSubjectRequestType type = DataSubjectRequestType::kAccess;
  std::vector<NormalizedIdentifier> identifiers;  // at least one
  std::vector<NormalizedIdentifier> rectified;    // RECTIFICATION only; at least one
  bool lift_restriction = false;
  bool dry_run = false;
  std::string reason;
};

// ValidateDataSubjectRequest checks a request: a type; at least one identifier
// ("identifiers.email", ...); new values for RECTIFICATION and only then
// ("rectified_identifiers..."); `lift_restriction` only for RESTRICTION; a reason of at
// most kMaxReasonChars. Violations never echo the values.
absl::StatusOr<ValidDataSubjectRequest> ValidateDataSubjectRequest(const DataSubjectRequestInput& input);

// RequestOutcome is what executing a request did (or, for a dry run, would do).
struct RequestOutcome {
  DataSubjectRequestStatus status = DataSubjectRequestStatus::kCompleted;
  std::string detail;            // why it was not COMPLETED; fixed text, no personal data
  int32_t subjects_found = 0;    // stored subjects the identifiers lead to
  int64_t records_found = 0;     // their identifiers and responses
  int64_t records_affected = 0;  // records changed or deleted (would be, for a dry run)
};

// RectificationOutcome decides the status of a rectification that replaced `replaced`
// identifier kinds and had to refuse `refused` (the new value belongs to another
// person or was erased): COMPLETED when nothing was refused, PARTIALLY_COMPLETED when
// some were replaced, REJECTED when all were refused.
DataSubjectRequestStatus RectificationOutcome(int replaced, int refused);

// DataSubjectRequest is a recorded request.
struct DataSubjectRequest {
  std::string id;
  DataSubjectRequestType type = DataSubjectRequestType::kAccess;
  DataSubjectRequestStatus status = DataSubjectRequestStatus::kReceived;
  bool dry_run = false;
  bool lift_restriction = false;
  std::string reason;
  std::string detail;
  int32_t subjects_found = 0;
  int64_t records_found = 0;
  int64_t records_affected = 0;
  std::string requested_by;  // the credential id of the caller
  absl::Time receive_time;
  absl::Time due_time;
  std::optional<absl::Time> complete_time;

  // IsOverdue is true when the request is not yet terminal at `now` and its due time
  // has passed.
  bool IsOverdue(absl::Time now) const { return !IsTerminal(status) && now > due_time; }
};

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_DATA_SUBJECT_REQUEST_H_
