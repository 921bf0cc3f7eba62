// binary_array.cc — PostgreSQL's binary array format (array_recv): a header with the
// number of dimensions, a has-null flag, the element type's OID and each dimension's
// length and lower bound, then every element as a big-endian length and its bytes.
#include "storage/pg/binary_array.h"

#include "absl/strings/ascii.h"

namespace npsd::storage::pg {
namespace {

// PostgreSQL stores timestamps as microseconds since 2000-01-01 00:00 UTC.
constexpr int64_t kPostgresEpochUnixMicros = 946684800LL * 1000000;

template <typename Integer>
void AppendBigEndian(std::string& out, Integer value) {
  for (int shift = 8 * (static_cast<int>(sizeof(Integer)) - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<uint64_t>(value) >> shift) & 0xff));
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

absl::Status BinaryArray::AddUuid(std::string_view uuid) {
  char bytes[16] = {};
  bool well_formed = uuid.size() == 36;
  int digits = 0;
  for (size_t i = 0; well_formed && i < uuid.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      well_formed = uuid[i] == '-';
      continue;
    }
    const int digit = HexDigit(uuid[i]);
    well_formed = digit >= 0;
    if (!well_formed) break;
    bytes[digits / 2] = static_cast<char>(bytes[digits / 2] | (digits % 2 == 0 ? digit << 4 : digit));
    ++digits;
  }
  if (!well_formed) return absl::InvalidArgumentError("not a UUID in its 8-4-4-4-12 form");
  AddBytes(std::string_view(bytes, sizeof bytes));
  return absl::OkStatus();
}

void BinaryArray::AddSmallint(int16_t value) {
  AppendLength(2);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddInteger(int32_t value) {
  AppendLength(4);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddBigint(int64_t value) {
  AppendLength(8);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddTimestamp(absl::Time time) { AddBigint(absl::ToUnixMicros(time) - kPostgresEpochUnixMicros); }

void BinaryArray::AddBytes(std::string_view bytes) {
  AppendLength(static_cast<int32_t>(bytes.size()));
  elements_.append(bytes.data(), bytes.size());
}

void BinaryArray::AddNull() {
  AppendLength(-1);
  has_null_ = true;
}

void BinaryArray::AppendLength(int32_t length) {
  AppendBigEndian(elements_, length);
  ++size_;
}

pqxx::binarystring BinaryArray::Parameter() const {
  std::string array;
  array.reserve(20 + elements_.size());
  AppendBigEndian<int32_t>(array, size_ == 0 ? 0 : 1);  // dimensions: an empty array has none
  AppendBigEndian<int32_t>(array, has_null_ ? 1 : 0);
  AppendBigEndian<uint32_t>(array, static_cast<uint32_t>(element_));
  if (size_ > 0) {
    AppendBigEndian<int32_t>(array, size_);
    AppendBigEndian<int32_t>(array, 1);  // lower bound
  }
  array += elements_;
  return pqxx::binarystring(array);
}

}  // namespace npsd::storage::pg
