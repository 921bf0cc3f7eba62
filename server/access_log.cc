// access_log.cc — JSON line writer.
#include "server/access_log.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace npsd::server {
namespace {

// JsonString quotes `text` as a JSON string.
std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += absl::StrFormat("\\u%04x", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Timestamp(absl::Time now) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", now, absl::UTCTimeZone());
}

void WriteLine(const std::string& line) {
  // One fwrite per line: stdio locks the stream, so concurrent lines never interleave.
  const std::string with_newline = line + "\n";
  std::fwrite(with_newline.data(), 1, with_newline.size(), stderr);
}

}  // namespace

std::string FormatCallRecord(const CallRecord& record, absl::Time now) {
  return absl::StrCat("{\"time\":", JsonString(Timestamp(now)),
                      ",\"request_id\":", JsonString(record.request_id),
                      ",\"method\":", JsonString(record.method),
                      ",\"tenant\":", JsonString(record.tenant_id),
                      ",\"code\":", JsonString(absl::StatusCodeToString(record.code)),
                      ",\"latency_ms\":", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(record.latency)),
                      "}");
}

void LogCall(const CallRecord& record) { WriteLine(FormatCallRecord(record, absl::Now())); }

void LogEvent(const std::string& level, const std::string& event) {
  WriteLine(absl::StrCat("{\"time\":", JsonString(Timestamp(absl::Now())), ",\"level\":",
                         JsonString(level), ",\"event\":", JsonString(event), "}"));
}

}  // namespace npsd::server
