// proto_time.h — conversions between google.protobuf.Timestamp and absl::Time.
#ifndef NPSD_SERVER_PROTO_TIME_H_
#define NPSD_SERVER_PROTO_TIME_H_

#include <optional>
#include <string>

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace npsd::server {

// ToProtoTime converts a time (microsecond precision is kept).
google::protobuf::Timestamp ToProtoTime(absl::Time time);

// FromProtoTime validates a timestamp of field `field` (seconds within years 1..9999,
// nanos within 0..999999999) and converts it; INVALID_ARGUMENT otherwise.
absl::StatusOr<absl::Time> FromProtoTime(const std::string& field,
                                         const google::protobuf::Timestamp& timestamp);

}  // namespace npsd::server

#endif  // NPSD_SERVER_PROTO_TIME_H_
