// status_macros.h — early-return helpers for absl::Status and absl::StatusOr.
//
// Abseil 20220623 (Debian 12) ships no status macros, so npsd defines the two it uses:
//
//   absl::StatusOr<Campaign> Load(...) {
//     NPSD_RETURN_IF_ERROR(CheckAccess(...));
//     NPSD_ASSIGN_OR_RETURN(Row row, FetchRow(...));
//     return ToCampaign(row);
//   }
#ifndef NPSD_DOMAIN_STATUS_MACROS_H_
#define NPSD_DOMAIN_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NPSD_STATUS_CONCAT_INNER_(a, b) a##b
#define NPSD_STATUS_CONCAT_(a, b) NPSD_STATUS_CONCAT_INNER_(a, b)

// NPSD_RETURN_IF_ERROR returns the status of `expr` from the enclosing function unless OK.
#define NPSD_RETURN_IF_ERROR(expr)                 \
  do {                                             \
    const absl::Status npsd_status_ = (expr);      \
    if (!npsd_status_.ok()) return npsd_status_;   \
  } while (false)

// NPSD_ASSIGN_OR_RETURN evaluates the StatusOr `expr`; on error returns its status,
// otherwise moves its value into `lhs` (a declaration or an existing variable).
#define NPSD_ASSIGN_OR_RETURN(lhs, expr) \
  NPSD_ASSIGN_OR_RETURN_IMPL_(NPSD_STATUS_CONCAT_(npsd_statusor_, __LINE__), lhs, expr)

#define NPSD_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                \
  if (!statusor.ok()) return statusor.status();          \
  lhs = std::move(statusor).value()

#endif  // NPSD_DOMAIN_STATUS_MACROS_H_
