// proto_format.h — how npsctl shows and reads timestamps and enums.
//
//   FormatTimestamp(tenant.create_time())               // "2025-03-01T09:30:00Z"
//   ParseTimestamp("2025-03-01T09:30:00+01:00", "--start")
//   EnumLabel(nps::v1::Channel_Name(channel), "")        // "voice_post_call"
//   ParseEnumLabel<nps::v1::Scope>("admin", "SCOPE_", nps::v1::Scope_Parse, "--scopes")
//
// Enum labels are the proto names without their prefix, in lower case; parsing also
// accepts upper case and '-' for '_', and refuses the `_UNSPECIFIED` zero value.
#ifndef NPSD_CLI_OUTPUT_PROTO_FORMAT_H_
#define NPSD_CLI_OUTPUT_PROTO_FORMAT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/timestamp.pb.h"

namespace npsd::cli {

// FormatTimestamp renders RFC 3339 in UTC, or "" for an unset timestamp.
std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp);

// ParseTimestamp reads RFC 3339 (with a zone: `Z` or `+01:00`); INVALID_ARGUMENT naming
// `what` (a flag or column) otherwise.
absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(const std::string& text, const std::string& what);

// EnumLabel turns a proto enum name into its label: `prefix` removed, lower case.
std::string EnumLabel(const std::string& proto_name, const std::string& prefix);

// ParseEnumLabel reads a label back with the generated `parse` function of enum `E`.
template <typename E>
absl::StatusOr<E> ParseEnumLabel(const std::string& label, const std::string& prefix,
                                 bool (*parse)(const std::string&, E*), const std::string& what) {
  const std::string name = prefix + absl::StrReplaceAll(absl::AsciiStrToUpper(label), {{"-", "_"}});
  E value{};
  if (label.empty() || !parse(name, &value) || static_cast<int>(value) == 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": unknown value"));
  }
  return value;
}

}  // namespace npsd::cli

#endif  // NPSD_CLI_OUTPUT_PROTO_FORMAT_H_
