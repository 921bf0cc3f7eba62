// response_columns.cc — a table of known columns, each naming its ResponseInput field
// path; cells are stored through protobuf reflection by the field's type.
#include "cli/import/response_columns.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/output/proto_format.h"

namespace npsd::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// ColumnDef is one known column: its header name and its field path in ResponseInput.
struct ColumnDef {
  const char* name;
  const char* field;
};

constexpr ColumnDef kColumns[] = {
    {"idempotency_key", "idempotency_key"},
    {"campaign_id", "campaign_id"},
    {"score", "score"},
    {"answered_at", "answered_at"},
    {"channel", "channel"},
    {"region_code", "scope.region_code"},
    {"brand_code", "scope.brand_code"},
    {"business_unit_code", "scope.business_unit_code"},
    {"comment", "comment"},
    {"locale", "locale"},
    {"subject_external_id", "subject.external_id"},
    {"subject_email", "subject.email"},
    {"subject_phone", "subject.phone"},
    {"interaction_id", "contact_center.interaction_id"},
    {"agent_id", "contact_center.agent_id"},
    {"team", "contact_center.team"},
    {"queue", "contact_center.queue"},
    {"wait_seconds", "contact_center.wait_seconds"},
    {"handle_seconds", "contact_center.handle_seconds"},
    {"wrap_up_code", "contact_center.wrap_up_code"},
};
constexpr int kColumnCount = static_cast<int>(sizeof(kColumns) / sizeof(kColumns[0]));
constexpr int kAttributeColumn = -1;
constexpr int kCampaignColumn = 1;
constexpr int kScoreColumn = 2;
constexpr char kAttributePrefix[] = "attr.";

int ColumnId(const std::string& name) {
  for (int id = 0; id < kColumnCount; ++id) {
    if (name == kColumns[id].name) return id;
  }
  return -2;
}

// SetLeaf stores `cell` in the scalar `field` of `message`; it returns why it cannot, or "".
std::string SetLeaf(Message& message, const FieldDescriptor& field, const std::string& cell) {
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection.SetString(&message, &field, cell);
      return "";
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t value = 0;
      if (!absl::SimpleAtoi(cell, &value)) return "must be an integer";
      reflection.SetInt32(&message, &field, value);
      return "";
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<nps::v1::Channel> channel = ParseEnumLabel<nps::v1::Channel>(cell, "", nps::v1::Channel_Parse, "");
      if (!channel.ok()) return "must be email, sms, web, in_app, voice_post_call or chat";
      reflection.SetEnumValue(&message, &field, *channel);
      return "";
    }
    default: {
      absl::StatusOr<google::protobuf::Timestamp> time = ParseTimestamp(cell, "");
      if (!time.ok()) return "must be an RFC 3339 time such as 2025-03-01T09:30:00Z";
      reflection.MutableMessage(&message, &field)->CopyFrom(*time);
      return "";
    }
  }
}

// SetPath stores `cell` in the field at dotted `path` below `message`.
std::string SetPath(Message& message, const std::string& path, const std::string& cell) {
  Message* target = &message;
  const std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    const FieldDescriptor* field = target->GetDescriptor()->FindFieldByName(parts[i]);
    target = target->GetReflection()->MutableMessage(target, field);
  }
  return SetLeaf(*target, *target->GetDescriptor()->FindFieldByName(parts.back()), cell);
}

}  // namespace

ResponseColumns::ResponseColumns(std::vector<int> columns, std::vector<std::string> attribute_keys,
                                 std::string default_campaign_id)
    : columns_(std::move(columns)),
      attribute_keys_(std::move(attribute_keys)),
      default_campaign_id_(std::move(default_campaign_id)) {}

absl::StatusOr<ResponseColumns> ResponseColumns::FromHeader(const std::vector<std::string>& header,
                                                            const std::string& default_campaign_id) {
  std::vector<int> columns;
  std::vector<std::string> attribute_keys;
  std::vector<bool> seen(kColumnCount, false);
  for (size_t position = 0; position < header.size(); ++position) {
    const std::string& cell = header[position];
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    const bool attribute = absl::StartsWith(name, kAttributePrefix) && name.size() > sizeof(kAttributePrefix) - 1;
    const int id = attribute ? kAttributeColumn : ColumnId(name);
    // The header is not quoted back: a file without one would show a data row.
    if (id == -2) {
      return absl::InvalidArgumentError(absl::StrCat("header column ", position + 1, " is not a known column name"));
    }
    if (id >= 0 && seen[id]) return absl::InvalidArgumentError(absl::StrCat("column ", name, " appears twice"));
    if (id >= 0) seen[id] = true;
    columns.push_back(id);
    // Attribute keys keep their case: only the prefix is case-insensitive.
    attribute_keys.push_back(attribute ? std::string(absl::StripAsciiWhitespace(cell)).substr(5) : "");
  }
  if (!seen[kScoreColumn]) return absl::InvalidArgumentError("the header has no score column");
  if (!seen[kCampaignColumn] && default_campaign_id.empty()) {
    return absl::InvalidArgumentError("the header has no campaign_id column and no --campaign was given");
  }
  return ResponseColumns(std::move(columns), std::move(attribute_keys), default_campaign_id);
}

ConvertedRow ResponseColumns::Convert(const CsvRecord& record, const std::string& key_prefix) const {
  ConvertedRow row;
  if (record.fields.size() != columns_.size()) {
    row.error_message = absl::StrCat("has ", record.fields.size(), " fields, the header has ", columns_.size());
    return row;
  }
  for (size_t i = 0; i < columns_.size() && row.ok(); ++i) {
    const std::string& cell = record.fields[i];
    if (cell.empty() && columns_[i] == kScoreColumn) {
      row.error_column = "score";
      row.error_message = "is required";
    }
    if (cell.empty()) continue;
    if (columns_[i] == kAttributeColumn) {
      (*row.input.mutable_attributes())[attribute_keys_[i]] = cell;
      continue;
    }
    row.error_message = SetPath(row.input, kColumns[columns_[i]].field, cell);
    if (!row.ok()) row.error_column = kColumns[columns_[i]].name;
  }
  if (row.input.campaign_id().empty()) row.input.set_campaign_id(default_campaign_id_);
  if (row.input.idempotency_key().empty()) row.input.set_idempotency_key(absl::StrCat(key_prefix, ":", record.row));
  return row;
}

std::string ResponseColumns::ColumnForField(const std::string& field_path) {
  std::string path = field_path;
  if (absl::StartsWith(path, "response.")) path = path.substr(9);
  for (const ColumnDef& column : kColumns) {
    if (path == column.field) return column.name;
  }
  if (absl::StartsWith(path, "attributes[") && absl::EndsWith(path, "]")) {
    return absl::StrCat(kAttributePrefix, path.substr(11, path.size() - 12));
  }
  return path;
}

std::string DefaultKeyPrefix(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  std::string prefix = slash == std::string::npos ? path : path.substr(slash + 1);
  for (char& c : prefix) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  return prefix.substr(0, 100);
}

}  // namespace npsd::cli
