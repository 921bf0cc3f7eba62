// last_surveyed.h — when a person last answered: read from their responses, kept on
// the subject for responses that are gone (migration 0014).
#ifndef NPSD_STORAGE_PG_LAST_SURVEYED_H_
#define NPSD_STORAGE_PG_LAST_SURVEYED_H_

#include <map>
#include <set>
#include <string>

#include <pqxx/pqxx>

#include "absl/time/time.h"

namespace npsd::storage::pg {

// LastSurveyedSql returns the SQL expression (timestamptz, NULL for never) of the
// last-surveyed time of the npsd.subjects row aliased `subject`: the later of its
// stored time and its latest stored response.
std::string LastSurveyedSql(const std::string& subject);

// KeepLastSurveyed moves the stored last-surveyed time of each subject in `latest` (by
// subject id: the latest answer among its responses about to go) to that time, where it
// is later; call it before retention deletes or anonymizes those responses. It locks
// the subjects, skipping any another transaction holds (a data-subject request in
// progress, which holds them while it waits for their responses: waiting here could
// deadlock), and returns the skipped ones: their time is not kept, and their responses
// must be left for a later batch.
std::set<std::string> KeepLastSurveyed(pqxx::work& txn, const std::string& tenant_id,
                                       const std::map<std::string, absl::Time>& latest);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_LAST_SURVEYED_H_
