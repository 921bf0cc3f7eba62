// error_mapping.h — the one place where database exceptions become absl::Status.
//
// libpqxx reports failures as exceptions; they never leave storage/pg. Driver messages
// may quote row values (personal data) and are never passed on: the status carries a
// fixed message chosen by the SQLSTATE class.
#ifndef NPSD_STORAGE_PG_ERROR_MAPPING_H_
#define NPSD_STORAGE_PG_ERROR_MAPPING_H_

#include <exception>

#include "absl/status/status.h"

namespace npsd::storage::pg {

// StatusFromException maps the exception currently being handled (call it only inside
// a catch block, with that exception) to a status:
//   unique_violation -> ALREADY_EXISTS, foreign_key_violation -> FAILED_PRECONDITION,
//   serialization_failure / deadlock -> ABORTED, query_canceled -> DEADLINE_EXCEEDED,
//   connection loss, shutdown, in-doubt commit, too many connections -> UNAVAILABLE,
//   anything else -> INTERNAL.
absl::Status StatusFromException(const std::exception& error);

// IsConnectionLoss is true when `status` means the connection can no longer be used.
bool IsConnectionLoss(const absl::Status& status);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_ERROR_MAPPING_H_
