// subject_export.h — reading everything stored about a person, decrypted, for ACCESS.
//
// The person is found again by the lookup hashes their ACCESS request recorded; each of
// their subject records is read with its data key: identifiers and comments decrypted,
// every response with its contact-center context and attributes, and every request
// that named any of their identifiers. Nothing of any other subject is read.
#ifndef NPSD_STORAGE_PG_SUBJECT_EXPORT_H_
#define NPSD_STORAGE_PG_SUBJECT_EXPORT_H_

#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/data_subject_request.h"
#include "privacy/personal_data_cipher.h"
#include "storage/privacy_repository.h"

namespace npsd::storage::pg {

// ReadSubjectDataExport gathers the export answering the ACCESS request `request` of
// `tenant_id` at `now`; DATA_LOSS when stored ciphertext does not open.
absl::StatusOr<SubjectDataExport> ReadSubjectDataExport(pqxx::work& txn, const privacy::PersonalDataCipher& cipher,
                                                        const std::string& tenant_id,
                                                        const domain::DataSubjectRequest& request, absl::Time now);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_SUBJECT_EXPORT_H_
