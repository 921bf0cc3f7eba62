// binary_array.h — one-dimensional array parameters in PostgreSQL's binary format.
//
// The writer sends a batch's rows to its insert as one array per column. As text,
// PostgreSQL parses every element of every array (array_in, uuid_in, strtoull, hex
// decoding: about a tenth of its CPU per ingested row, measured with perf); in binary
// form it copies them. The statement fixes each parameter's type with a cast
// (`$2::uuid[]`), and PostgreSQL refuses an array whose element type differs:
//
//   BinaryArray ids(BinaryArray::Element::kUuid);
//   NPSD_RETURN_IF_ERROR(ids.AddUuid(response_id));
//   txn.exec_prepared("insert", ids.Parameter());
#ifndef NPSD_STORAGE_PG_BINARY_ARRAY_H_
#define NPSD_STORAGE_PG_BINARY_ARRAY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::storage::pg {

// BinaryArray accumulates the elements of one array parameter. Each Add method writes
// one element in the representation of the array's element type; calling the method
// of another type makes PostgreSQL refuse the parameter.
class BinaryArray {
 public:
  // Element is the array's element type; its value is the type's OID (pg_type.dat,
  // fixed since PostgreSQL 8), which the array's header names.
  enum class Element : uint32_t {
    kUuid = 2950,
    kSmallint = 21,
    kInteger = 23,
    kBigint = 20,
    kTimestamptz = 1184,
    kText = 25,
    kBytea = 17,
  };

  explicit BinaryArray(Element element) : element_(element) {}

  // AddUuid appends a UUID written as 32 hexadecimal digits in the 8-4-4-4-12 form, of
  // either case; INVALID_ARGUMENT for anything else.
  absl::Status AddUuid(std::string_view uuid);
  void AddSmallint(int16_t value);
  void AddInteger(int32_t value);
  void AddBigint(int64_t value);
  // AddTimestamp appends an instant at microsecond precision (finer is truncated).
  void AddTimestamp(absl::Time time);
  // AddBytes appends a text (valid UTF-8) or bytea element.
  void AddBytes(std::string_view bytes);
  void AddNull();

  // size is the number of elements added.
  int32_t size() const { return size_; }

  // Parameter returns the array, to pass as a binary statement parameter.
  pqxx::binarystring Parameter() const;

 private:
  // StartElement counts one more element and writes its length (-1 for NULL); its
  // bytes follow.
  void StartElement(int32_t length);

  Element element_;
  std::string elements_;  // each as a 4-byte length (-1 for NULL) and its bytes
  int32_t size_ = 0;
  bool has_null_ = false;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_BINARY_ARRAY_H_
