// field_conversions.cc — result field readers.
#include "storage/pg/field_conversions.h"

#include <pqxx/pqxx>

namespace npsd::storage::pg {

absl::Time TimeField(const pqxx::field& field) {
  return absl::FromUnixMicros(field.as<int64_t>());
}

std::optional<absl::Time> OptionalTimeField(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeField(field);
}

std::optional<int64_t> OptionalMicros(const std::optional<absl::Time>& time) {
  if (!time.has_value()) return std::nullopt;
  return absl::ToUnixMicros(*time);
}

std::optional<int64_t> CursorMicros(const PageRequest& page) {
  if (!page.after) return std::nullopt;
  return absl::ToUnixMicros(page.after->time);
}

std::string CursorId(const PageRequest& page) {
  return page.after ? page.after->id : "00000000-0000-0000-0000-000000000000";
}

namespace {

void AppendQuoted(const std::string& item, std::string& literal) {
  literal += '"';
  for (char c : item) {
    if (c == '"' || c == '\\') literal += '\\';
    literal += c;
  }
  literal += '"';
}

}  // namespace

std::string TextArrayLiteral(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) literal += ',';
    AppendQuoted(items[i], literal);
  }
  return literal + "}";
}

std::string NullableTextArrayLiteral(const std::vector<std::optional<std::string>>& items) {
  std::string literal = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) literal += ',';
    if (items[i].has_value()) {
      AppendQuoted(*items[i], literal);
    } else {
      literal += "NULL";
    }
  }
  return literal + "}";
}

std::string ByteaText(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  for (char c : bytes) {
    const unsigned char byte = static_cast<unsigned char>(c);
    text += kHex[byte >> 4];
    text += kHex[byte & 0x0f];
  }
  return text;
}

std::string EscapeLike(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string BytesField(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

std::vector<std::string> TextArrayField(const pqxx::field& field) {
  std::vector<std::string> items;
  pqxx::array_parser parser = field.as_array();
  for (auto [kind, value] = parser.get_next(); kind != pqxx::array_parser::done;
       std::tie(kind, value) = parser.get_next()) {
    if (kind == pqxx::array_parser::string_value) items.push_back(value);
  }
  return items;
}

}  // namespace npsd::storage::pg
