// field_violation.cc — encoding of field violations in an absl::Status payload.
#include "domain/field_violation.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace npsd::domain {
namespace {

// The payload holds "field<US>description" records separated by <RS>; neither control
// character can appear in a field path, and descriptions are ours.
constexpr char kPayloadUrl[] = "npsd/field-violations";
constexpr char kUnitSeparator = '\x1f';
constexpr char kRecordSeparator = '\x1e';

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  violations_.push_back({std::move(field), std::move(description)});
}

void FieldViolations::Merge(const std::string& prefix, const FieldViolations& other) {
  for (const FieldViolation& violation : other.violations_) {
    violations_.push_back({prefix + violation.field, violation.description});
  }
}

void FieldViolations::AddFrom(const absl::Status& status) {
  for (FieldViolation& violation : FieldViolationsOf(status)) violations_.push_back(std::move(violation));
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message = "invalid request:";
  std::string payload;
  for (const FieldViolation& violation : violations_) {
    absl::StrAppend(&message, " ", violation.field, " ", violation.description, ";");
    absl::StrAppend(&payload, violation.field, std::string(1, kUnitSeparator),
                    violation.description, std::string(1, kRecordSeparator));
  }
  message.pop_back();
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kPayloadUrl, absl::Cord(payload));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  FieldViolations violations;
  violations.Add(std::move(field), std::move(description));
  return violations.ToStatus();
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> result;
  absl::optional<absl::Cord> payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return result;
  const std::string text(*payload);
  for (absl::string_view record : absl::StrSplit(text, kRecordSeparator, absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(record, absl::MaxSplits(kUnitSeparator, 1));
    result.push_back({std::move(parts.first), std::move(parts.second)});
  }
  return result;
}

}  // namespace npsd::domain
