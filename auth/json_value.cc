// json_value.cc — recursive-descent JSON parser with strict grammar, UTF-8 and limits.
#include "auth/json_value.h"

#include <cmath>
#include <cstdint>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"

namespace npsd::auth {
namespace {

// Parser reads one JSON text; every method leaves `pos_` after what it consumed.
class Parser {
 public:
  Parser(absl::string_view text, const JsonLimits& limits) : text_(text), limits_(limits) {}

  absl::StatusOr<JsonValue> ParseDocument() {
    SkipWhitespace();
    NPSD_ASSIGN_OR_RETURN(JsonValue value, ParseValue(0));
    SkipWhitespace();
    if (pos_ != text_.size()) return Error("unexpected data after the value");
    return value;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("malformed JSON at byte ", pos_, ": ", what));
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) ++pos_;
  }

  // Consume skips `literal` when the text continues with it.
  bool Consume(absl::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }

  absl::StatusOr<JsonValue> ParseValue(size_t depth) {
    switch (Peek()) {
      case '{':
        return ParseObject(depth + 1);
      case '[':
        return ParseArray(depth + 1);
      case '"': {
        NPSD_ASSIGN_OR_RETURN(std::string text, ParseString());
        return JsonValue::String(std::move(text));
      }
      case 't':
        if (Consume("true")) return JsonValue::Bool(true);
        break;
      case 'f':
        if (Consume("false")) return JsonValue::Bool(false);
        break;
      case 'n':
        if (Consume("null")) return JsonValue::Null();
        break;
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return ParseNumber();
    }
    return Error("expected a value");
  }

  absl::StatusOr<JsonValue> ParseObject(size_t depth) {
    if (depth > limits_.max_depth) return Error("nested too deeply");
    ++pos_;  // '{'
    std::vector<JsonValue::Member> members;
    SkipWhitespace();
    if (Consume("}")) return JsonValue::Object(std::move(members));
    while (true) {
      SkipWhitespace();
      if (Peek() != '"') return Error("expected a member name");
      NPSD_ASSIGN_OR_RETURN(std::string name, ParseString());
      for (const JsonValue::Member& member : members) {
        if (member.first == name) return Error("duplicate member name");
      }
      SkipWhitespace();
      if (!Consume(":")) return Error("expected ':'");
      SkipWhitespace();
      NPSD_ASSIGN_OR_RETURN(JsonValue value, ParseValue(depth));
      members.emplace_back(std::move(name), std::move(value));
      SkipWhitespace();
      if (Consume("}")) return JsonValue::Object(std::move(members));
      if (!Consume(",")) return Error("expected ',' or '}'");
    }
  }

  absl::StatusOr<JsonValue> ParseArray(size_t depth) {
    if (depth > limits_.max_depth) return Error("nested too deeply");
    ++pos_;  // '['
    std::vector<JsonValue> elements;
    SkipWhitespace();
    if (Consume("]")) return JsonValue::Array(std::move(elements));
    while (true) {
      SkipWhitespace();
      NPSD_ASSIGN_OR_RETURN(JsonValue value, ParseValue(depth));
      elements.push_back(std::move(value));
      SkipWhitespace();
      if (Consume("]")) return JsonValue::Array(std::move(elements));
      if (!Consume(",")) return Error("expected ',' or ']'");
    }
  }

  bool IsDigit() const { return Peek() >= '0' && Peek() <= '9'; }

  // SkipDigits consumes one or more digits; false when there is none.
  bool SkipDigits() {
    if (!IsDigit()) return false;
    while (IsDigit()) ++pos_;
    return true;
  }

  absl::StatusOr<JsonValue> ParseNumber() {
    const size_t start = pos_;
    Consume("-");
    if (Consume("0")) {
      if (IsDigit()) return Error("leading zero");
    } else if (!SkipDigits()) {
      return Error("expected a digit");
    }
    if (Consume(".") && !SkipDigits()) return Error("expected a fraction digit");
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (!Consume("+")) Consume("-");
      if (!SkipDigits()) return Error("expected an exponent digit");
    }
    double value = 0;
    if (!absl::SimpleAtod(text_.substr(start, pos_ - start), &value) || !std::isfinite(value)) {
      return Error("number out of range");
    }
    return JsonValue::Number(value);
  }

  absl::StatusOr<std::string> ParseString() {
    ++pos_;  // '"'
    std::string out;
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      const unsigned char c = static_cast<unsigned char>(Peek());
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) return Error("control character in string");
      if (c == '\\') {
        NPSD_RETURN_IF_ERROR(ParseEscape(out));
      } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        ++pos_;
      } else {
        NPSD_RETURN_IF_ERROR(CopyUtf8Sequence(out));
      }
    }
  }

  absl::Status ParseEscape(std::string& out) {
    ++pos_;  // '\\'
    if (AtEnd()) return Error("unterminated string");
    const char c = Peek();
    ++pos_;
    switch (c) {
      case '"': out.push_back('"'); return absl::OkStatus();
      case '\\': out.push_back('\\'); return absl::OkStatus();
      case '/': out.push_back('/'); return absl::OkStatus();
      case 'b': out.push_back('\b'); return absl::OkStatus();
      case 'f': out.push_back('\f'); return absl::OkStatus();
      case 'n': out.push_back('\n'); return absl::OkStatus();
      case 'r': out.push_back('\r'); return absl::OkStatus();
      case 't': out.push_back('\t'); return absl::OkStatus();
      case 'u': return ParseUnicodeEscape(out);
      default: return Error("invalid escape");
    }
  }

  // ReadHex4 reads the four hex digits of a \u escape.
  std::optional<uint32_t> ReadHex4() {
    if (text_.size() - pos_ < 4) return std::nullopt;
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_ + i];
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return std::nullopt;
      value = value << 4 | static_cast<uint32_t>(digit);
    }
    pos_ += 4;
    return value;
  }

  absl::Status ParseUnicodeEscape(std::string& out) {
    std::optional<uint32_t> unit = ReadHex4();
    if (!unit) return Error("invalid \\u escape");
    uint32_t code_point = *unit;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return Error("unpaired surrogate");
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (!Consume("\\u")) return Error("unpaired surrogate");
      std::optional<uint32_t> low = ReadHex4();
      if (!low || *low < 0xDC00 || *low > 0xDFFF) return Error("unpaired surrogate");
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
    }
    AppendUtf8(code_point, out);
    return absl::OkStatus();
  }

  static void AppendUtf8(uint32_t code_point, std::string& out) {
    if (code_point < 0x80) {
      out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
      out.push_back(static_cast<char>(0xC0 | code_point >> 6));
      out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | code_point >> 12));
      out.push_back(static_cast<char>(0x80 | (code_point >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | code_point >> 18));
      out.push_back(static_cast<char>(0x80 | (code_point >> 12 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code_point >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
  }

  // CopyUtf8Sequence copies one well-formed multi-byte UTF-8 sequence (RFC 3629 §4:
  // no overlong forms, no surrogates, nothing above U+10FFFF).
  absl::Status CopyUtf8Sequence(std::string& out) {
    const unsigned char lead = static_cast<unsigned char>(Peek());
    size_t continuation = 0;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return Error("invalid UTF-8");
    }
    if (text_.size() - pos_ <= continuation) return Error("invalid UTF-8");
    for (size_t i = 1; i <= continuation; ++i) {
      const unsigned char byte = static_cast<unsigned char>(text_[pos_ + i]);
      const unsigned char min = i == 1 ? low : 0x80;
      const unsigned char max = i == 1 ? high : 0xBF;
      if (byte < min || byte > max) return Error("invalid UTF-8");
    }
    out.append(text_.data() + pos_, continuation + 1);
    pos_ += continuation + 1;
    return absl::OkStatus();
  }

  absl::string_view text_;
  const JsonLimits& limits_;
  size_t pos_ = 0;
};

}  // namespace

JsonValue JsonValue::Bool(bool value) {
  JsonValue result;
  result.type_ = Type::kBool;
  result.bool_ = value;
  return result;
}

JsonValue JsonValue::Number(double value) {
  JsonValue result;
  result.type_ = Type::kNumber;
  result.number_ = value;
  return result;
}

JsonValue JsonValue::String(std::string value) {
  JsonValue result;
  result.type_ = Type::kString;
  result.string_ = std::move(value);
  return result;
}

JsonValue JsonValue::Array(std::vector<JsonValue> elements) {
  JsonValue result;
  result.type_ = Type::kArray;
  result.elements_ = std::move(elements);
  return result;
}

JsonValue JsonValue::Object(std::vector<Member> members) {
  JsonValue result;
  result.type_ = Type::kObject;
  result.members_ = std::move(members);
  return result;
}

const JsonValue* JsonValue::Find(absl::string_view name) const {
  for (const Member& member : members_) {
    if (member.first == name) return &member.second;
  }
  return nullptr;
}

absl::StatusOr<JsonValue> ParseJson(absl::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) return absl::InvalidArgumentError("JSON text is too large");
  return Parser(text, limits).ParseDocument();
}

}  // namespace npsd::auth
