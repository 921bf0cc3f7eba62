// json_value.h — a strict, bounded JSON (RFC 8259) parser for hostile input.
//
// JWT headers and claims arrive from unauthenticated callers, so this parser accepts
// exactly RFC 8259 JSON and nothing more: no comments, no trailing commas, no leading
// zeros, no invalid UTF-8 or lone surrogates, no non-finite numbers, and no object with
// the same member name twice (RFC 7515 §4 / RFC 8725 §3.5: duplicates must not be
// resolved silently). Input size and nesting depth are bounded by the caller:
//
//   NPSD_ASSIGN_OR_RETURN(JsonValue header, ParseJson(text, JsonLimits{8192, 8}));
//   const JsonValue* alg = header.Find("alg");
//   if (alg == nullptr || !alg->is_string()) return Invalid();
//
// Error messages give the byte offset, never the input.
#ifndef NPSD_AUTH_JSON_VALUE_H_
#define NPSD_AUTH_JSON_VALUE_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace npsd::auth {

// JsonValue is one parsed JSON value (a tree that owns its children).
class JsonValue {
 public:
  // Type is the JSON type of a value.
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  // Member is one name/value pair of an object.
  using Member = std::pair<std::string, JsonValue>;

  // JsonValue constructs null.
  JsonValue() = default;

  // Null, Bool, Number, String, Array and Object construct values of each type.
  static JsonValue Null() { return JsonValue(); }
  static JsonValue Bool(bool value);
  static JsonValue Number(double value);
  static JsonValue String(std::string value);
  static JsonValue Array(std::vector<JsonValue> elements);
  static JsonValue Object(std::vector<Member> members);

  // type returns the JSON type; the is_* helpers test for one type.
  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // bool_value, number_value and string_value return the scalar (false, 0 or "" when the
  // value has another type).
  bool bool_value() const { return bool_; }
  double number_value() const { return number_; }
  const std::string& string_value() const { return string_; }

  // elements returns the elements of an array (empty for other types).
  const std::vector<JsonValue>& elements() const { return elements_; }

  // members returns the members of an object in document order (empty for other types).
  const std::vector<Member>& members() const { return members_; }

  // Find returns the member `name` of an object, or nullptr when the value is not an
  // object or has no such member.
  const JsonValue* Find(absl::string_view name) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> elements_;
  std::vector<Member> members_;
};

// JsonLimits bounds what ParseJson accepts.
struct JsonLimits {
  size_t max_bytes = 64 * 1024;  // longest accepted text
  size_t max_depth = 16;         // deepest nesting of arrays and objects (top level: 1)
};

// ParseJson parses one JSON text (surrounded by optional whitespace). INVALID_ARGUMENT
// when it is not RFC 8259 JSON, has a duplicate member name, or exceeds `limits`.
absl::StatusOr<JsonValue> ParseJson(absl::string_view text, const JsonLimits& limits = {});

}  // namespace npsd::auth

#endif  // NPSD_AUTH_JSON_VALUE_H_
