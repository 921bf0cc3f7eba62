// response_rows.h — reading npsd.responses rows into StoredResponse.
//
//   SELECT <kResponseColumns> FROM npsd.responses r ...
//   NPSD_ASSIGN_OR_RETURN(StoredResponse response, ReadResponseRow(row, cipher, tenant_id, data_key));
#ifndef NPSD_STORAGE_PG_RESPONSE_ROWS_H_
#define NPSD_STORAGE_PG_RESPONSE_ROWS_H_

#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "privacy/personal_data_cipher.h"
#include "storage/response_repository.h"

namespace npsd::storage::pg {

// kResponseColumns selects, from `npsd.responses r`, the columns ReadResponseRow reads
// (20 of them; queries may append more after them).
extern const char kResponseColumns[];

// kResponseColumnCount is the number of columns in kResponseColumns.
inline constexpr int kResponseColumnCount = 20;

// ReadResponseRow reads a row that starts with kResponseColumns; the comment is opened
// with `data_key` (the subject's key, or empty for an anonymous response's tenant key).
// has_subject is left false: the caller knows whether the row has a subject.
absl::StatusOr<StoredResponse> ReadResponseRow(const pqxx::row& row, const privacy::PersonalDataCipher& cipher,
                                               const std::string& tenant_id, const std::string& data_key);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RESPONSE_ROWS_H_
