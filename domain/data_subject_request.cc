// data_subject_request.cc — request names, lifecycle and validation.
#include "domain/data_subject_request.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/text.h"

namespace npsd::domain {
namespace {

constexpr std::pair<DataSubjectRequestType, const char*> kTypeNames[] = {
    {DataSubjectRequestType::kAccess, "ACCESS"},
    {DataSubjectRequestType::kRectification, "RECTIFICATION"},
    {DataSubjectRequestType::kErasure, "ERASURE"},
    {DataSubjectRequestType::kRestriction, "RESTRICTION"},
};

constexpr std::pair<DataSubjectRequestStatus, const char*> kStatusNames[] = {
    {DataSubjectRequestStatus::kReceived, "RECEIVED"},
    {DataSubjectRequestStatus::kRunning, "RUNNING"},
    {DataSubjectRequestStatus::kCompleted, "COMPLETED"},
    {DataSubjectRequestStatus::kPartiallyCompleted, "PARTIALLY_COMPLETED"},
    {DataSubjectRequestStatus::kFailed, "FAILED"},
    {DataSubjectRequestStatus::kRejected, "REJECTED"},
};

// NormalizeInto normalizes `identity`, keeping its violations in `violations`.
std::vector<NormalizedIdentifier> NormalizeInto(const SubjectIdentity& identity, const std::string& prefix,
                                                FieldViolations& violations) {
  absl::StatusOr<std::vector<NormalizedIdentifier>> normalized = NormalizeIdentity(identity, prefix);
  if (normalized.ok()) return *std::move(normalized);
  violations.AddFrom(normalized.status());
  return {};
}

}  // namespace

const char* DataSubjectRequestTypeName(DataSubjectRequestType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "UNKNOWN";
}

std::optional<DataSubjectRequestType> ParseDataSubjectRequestType(const std::string& name) {
  for (const auto& [value, stored] : kTypeNames) {
    if (name == stored) return value;
  }
  return std::nullopt;
}

const char* DataSubjectRequestStatusName(DataSubjectRequestStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "UNKNOWN";
}

std::optional<DataSubjectRequestStatus> ParseDataSubjectRequestStatus(const std::string& name) {
  for (const auto& [value, stored] : kStatusNames) {
    if (name == stored) return value;
  }
  return std::nullopt;
}

bool IsTerminal(DataSubjectRequestStatus status) {
  return status != DataSubjectRequestStatus::kReceived && status != DataSubjectRequestStatus::kRunning;
}

absl::Status CheckStatusTransition(DataSubjectRequestStatus from, DataSubjectRequestStatus to) {
  const bool allowed = (from == DataSubjectRequestStatus::kReceived &&
                        (to == DataSubjectRequestStatus::kRunning || to == DataSubjectRequestStatus::kFailed)) ||
                       (from == DataSubjectRequestStatus::kRunning && IsTerminal(to));
  if (allowed) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("a data-subject request cannot go from ",
                                                    DataSubjectRequestStatusName(from), " to ",
                                                    DataSubjectRequestStatusName(to)));
}

absl::Time DueTime(absl::Time received) { return received + kDataSubjectResponseTime; }

absl::StatusOr<ValidDataSubjectRequest> ValidateDataSubjectRequest(const DataSubjectRequestInput& input) {
  FieldViolations violations;
  ValidDataSubjectRequest valid;
  if (!input.type) violations.Add("type", "must be ACCESS, RECTIFICATION, ERASURE or RESTRICTION");
  valid.type = input.type.value_or(DataSubjectRequestType::kAccess);
  if (input.identifiers.empty()) violations.Add("identifiers", "must name at least one identifier");
  valid.identifiers = NormalizeInto(input.identifiers, "identifiers.", violations);
  const bool rectification = input.type == DataSubjectRequestType::kRectification;
  if (rectification && input.rectified_identifiers.empty()) {
    violations.Add("rectified_identifiers", "must give at least one new value for RECTIFICATION");
  } else if (!rectification && !input.rectified_identifiers.empty()) {
    violations.Add("rectified_identifiers", "is only for RECTIFICATION");
  }
  if (rectification) valid.rectified = NormalizeInto(input.rectified_identifiers, "rectified_identifiers.", violations);
  if (input.lift_restriction && input.type != DataSubjectRequestType::kRestriction) {
    violations.Add("lift_restriction", "is only for RESTRICTION");
  }
  CheckText("reason", input.reason, TextRule{false, kMaxReasonChars, false}, violations);
  if (!violations.empty()) return violations.ToStatus();
  valid.lift_restriction = input.lift_restriction;
  valid.dry_run = input.dry_run;
  valid.reason = input.reason;
  return valid;
}

DataSubjectRequestStatus RectificationOutcome(int replaced, int refused) {
  if (refused == 0) return DataSubjectRequestStatus::kCompleted;
  return replaced > 0 ? DataSubjectRequestStatus::kPartiallyCompleted : DataSubjectRequestStatus::kRejected;
}

}  // namespace npsd::domain
