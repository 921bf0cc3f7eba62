// field_violation.h — INVALID_ARGUMENT errors that name every offending field.
//
// Validation code collects violations and turns them into one status; the gRPC edge
// reads them back to fill the google.rpc.BadRequest details:
//
//   FieldViolations violations;
//   if (name.empty()) violations.Add("campaign.name", "is required");
//   NPSD_RETURN_IF_ERROR(violations.ToStatus());
//
// Descriptions must never echo the rejected value (it may be personal data).
#ifndef NPSD_DOMAIN_FIELD_VIOLATION_H_
#define NPSD_DOMAIN_FIELD_VIOLATION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace npsd::domain {

// FieldViolation is one invalid field: its path in the request and the reason.
struct FieldViolation {
  std::string field;
  std::string description;

  bool operator==(const FieldViolation& other) const {
    return field == other.field && description == other.description;
  }
};

// FieldViolations accumulates the violations of one request.
class FieldViolations {
 public:
  // Add records that `field` is invalid because of `description`.
  void Add(std::string field, std::string description);

  // Merge appends every violation of `other`, prefixing each field with `prefix`
  // (e.g. "items[3]."), so nested validators can stay unaware of their position.
  void Merge(const std::string& prefix, const FieldViolations& other);

  // AddFrom appends the violations carried by `status` (none when it carries none).
  void AddFrom(const absl::Status& status);

  // empty is true when nothing was recorded.
  bool empty() const { return violations_.empty(); }

  // violations returns what was recorded, in order.
  const std::vector<FieldViolation>& violations() const { return violations_; }

  // ToStatus returns OK when empty, else INVALID_ARGUMENT whose message lists the fields
  // and whose payload carries the violations for FieldViolationsOf().
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

// InvalidField is a shortcut for a status with a single violation.
absl::Status InvalidField(std::string field, std::string description);

// FieldViolationsOf returns the violations carried by `status` (empty when none).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_FIELD_VIOLATION_H_
