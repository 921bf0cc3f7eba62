// error_mapping.cc — SQLSTATE to status code mapping.
#include "storage/pg/error_mapping.h"

#include <string>

#include <pqxx/pqxx>

#include "absl/strings/match.h"

namespace npsd::storage::pg {
namespace {

// The payload that marks a status as a lost connection (see IsConnectionLoss).
constexpr char kConnectionLossPayload[] = "npsd/connection-loss";

absl::Status ConnectionLoss(const char* message) {
  absl::Status status = absl::UnavailableError(message);
  status.SetPayload(kConnectionLossPayload, absl::Cord("1"));
  return status;
}

absl::Status FromSqlState(const std::string& state) {
  if (state == "23505") return absl::AlreadyExistsError("the object already exists");
  if (state == "23503") return absl::FailedPreconditionError("a referenced object does not exist");
  if (state == "40001" || state == "40P01") {
    return absl::AbortedError("the transaction conflicted with another one; retry");
  }
  if (state == "57014") return absl::DeadlineExceededError("the database work was cancelled at the deadline");
  if (absl::StartsWith(state, "08") || state == "57P01" || state == "57P02" || state == "57P03" ||
      state == "25P03") {
    return ConnectionLoss("the database connection was lost; retry");
  }
  if (absl::StartsWith(state, "53")) return absl::UnavailableError("the database is overloaded; retry");
  return absl::InternalError("a database error occurred");
}

}  // namespace

absl::Status StatusFromException(const std::exception& error) {
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    return ConnectionLoss("the connection was lost while committing; the outcome is unknown, retry");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    return ConnectionLoss("the database connection was lost; retry");
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    return FromSqlState(sql->sqlstate());
  }
  return absl::InternalError("a database error occurred");
}

bool IsConnectionLoss(const absl::Status& status) {
  return status.GetPayload(kConnectionLossPayload).has_value();
}

}  // namespace npsd::storage::pg
