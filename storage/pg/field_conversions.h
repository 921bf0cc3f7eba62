// field_conversions.h — reading result fields into domain types.
//
// Timestamps travel as integer microseconds (npsd.to_micros / npsd.from_micros in SQL),
// which is exact both ways.
#ifndef NPSD_STORAGE_PG_FIELD_CONVERSIONS_H_
#define NPSD_STORAGE_PG_FIELD_CONVERSIONS_H_

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/time/time.h"
#include "storage/page.h"

namespace npsd::storage::pg {

// TimeField reads a non-null bigint of microseconds since the epoch.
absl::Time TimeField(const pqxx::field& field);

// OptionalTimeField reads a nullable bigint of microseconds since the epoch.
std::optional<absl::Time> OptionalTimeField(const pqxx::field& field);

// OptionalMicros converts an optional time to an optional microsecond count, the form
// in which it is passed as a query parameter.
std::optional<int64_t> OptionalMicros(const std::optional<absl::Time>& time);

// CursorMicros and CursorId are the parameters of a keyset condition
// `(time, id) > (npsd.from_micros($n), $m::uuid)`: NULL and the nil UUID on a first page.
std::optional<int64_t> CursorMicros(const PageRequest& page);
std::string CursorId(const PageRequest& page);

// TextArrayLiteral renders `items` as a PostgreSQL text[] literal for a parameter.
std::string TextArrayLiteral(const std::vector<std::string>& items);

// NullableTextArrayLiteral renders `items` as a text[] literal whose unset members are
// NULL; it also serves bytea[] parameters whose members come from ByteaText.
std::string NullableTextArrayLiteral(const std::vector<std::optional<std::string>>& items);

// ByteaText renders raw bytes in PostgreSQL's hex input form ("\x0a1b..."), for
// array parameters of type bytea[].
std::string ByteaText(const std::string& bytes);

// BytesField reads a non-null bytea field as raw bytes.
std::string BytesField(const pqxx::field& field);

// EscapeLike quotes the LIKE wildcards of user text (% _ \\) so it matches literally.
std::string EscapeLike(const std::string& text);

// TextArrayField reads a text[] field.
std::vector<std::string> TextArrayField(const pqxx::field& field);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_FIELD_CONVERSIONS_H_
