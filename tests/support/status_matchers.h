// status_matchers.h — gMock matchers for absl::Status and absl::StatusOr.
//
//   EXPECT_THAT(repository.GetTenant(id, deadline), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(result, IsOk());
#ifndef NPSD_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define NPSD_TESTS_SUPPORT_STATUS_MATCHERS_H_

#include <gmock/gmock.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace npsd::testing {

// StatusOf extracts the status of a Status or a StatusOr.
inline const absl::Status& StatusOf(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// StatusIs matches a Status or StatusOr whose code is `code`.
MATCHER_P(StatusIs, code, "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code;
}

// IsOk matches an OK Status or StatusOr.
MATCHER(IsOk, "is OK") {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "whose status is " << status;
  return status.ok();
}

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SUPPORT_STATUS_MATCHERS_H_
