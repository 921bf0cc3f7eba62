// proto_format.cc — timestamps and enum labels.
#include "cli/output/proto_format.h"

#include "absl/strings/match.h"
#include "absl/time/time.h"

namespace npsd::cli {

std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "";
  const absl::Time time = absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", time, absl::UTCTimeZone());
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(const std::string& text, const std::string& what) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": must be an RFC 3339 time such as 2025-03-01T09:30:00Z"));
  }
  const absl::Duration since_epoch = time - absl::UnixEpoch();
  google::protobuf::Timestamp timestamp;
  const int64_t seconds = absl::ToInt64Seconds(absl::Floor(since_epoch, absl::Seconds(1)));
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch - absl::Seconds(seconds))));
  return timestamp;
}

std::string EnumLabel(const std::string& proto_name, const std::string& prefix) {
  std::string name = proto_name;
  if (absl::StartsWith(name, prefix)) name = name.substr(prefix.size());
  return absl::AsciiStrToLower(name);
}

}  // namespace npsd::cli
