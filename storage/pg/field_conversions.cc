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

std::string TextArrayLiteral(const std::vector<std::string>& items) {
  std::string literal = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) literal += ',';
    literal += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  return literal;
}

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
