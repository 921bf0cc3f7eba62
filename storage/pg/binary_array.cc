// binary_array.cc — PostgreSQL's binary array format (array_recv): a header with the
// number of dimensions, a has-null flag, the element type's OID and each dimension's
// length and lower bound, then every element as a big-endian length and its bytes.
#include "storage/pg/binary_array.h"

#include <optional>

#include "domain/uuid.h"

namespace npsd::storage::pg {
namespace {

// PostgreSQL stores timestamps as microseconds since 2000-01-01 00:00 UTC.
constexpr int64_t kPostgresEpochUnixMicros = 946684800LL * 1000000;

template <typename Integer>
void AppendBigEndian(std::string& out, Integer value) {
  char bytes[sizeof(Integer)];
  for (size_t i = 0; i < sizeof(Integer); ++i) {
    bytes[i] = static_cast<char>((static_cast<uint64_t>(value) >> (8 * (sizeof(Integer) - 1 - i))) & 0xff);
  }
  out.append(bytes, sizeof(Integer));
}

}  // namespace

absl::Status BinaryArray::AddUuid(std::string_view uuid) {
  const std::optional<std::array<char, 16>> bytes = domain::UuidBytes(uuid);
  if (!bytes.has_value()) return absl::InvalidArgumentError("not a UUID in its 8-4-4-4-12 form");
  AddBytes(std::string_view(bytes->data(), bytes->size()));
  return absl::OkStatus();
}

void BinaryArray::AddSmallint(int16_t value) {
  StartElement(2);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddInteger(int32_t value) {
  StartElement(4);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddBigint(int64_t value) {
  StartElement(8);
  AppendBigEndian(elements_, value);
}

void BinaryArray::AddTimestamp(absl::Time time) { AddBigint(absl::ToUnixMicros(time) - kPostgresEpochUnixMicros); }

void BinaryArray::AddBytes(std::string_view bytes) {
  StartElement(static_cast<int32_t>(bytes.size()));
  elements_.append(bytes.data(), bytes.size());
}

void BinaryArray::AddNull() {
  StartElement(-1);
  has_null_ = true;
}

void BinaryArray::StartElement(int32_t length) {
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
