// last_surveyed.h — when a person last answered: read from their responses, kept on
// the subject for responses that are gone (migration 0014).
#ifndef NPSD_STORAGE_PG_LAST_SURVEYED_H_
#define NPSD_STORAGE_PG_LAST_SURVEYED_H_

#include <set>
#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace npsd::storage::pg {

// LastSurveyedSql returns the SQL expression (timestamptz, NULL for never) of the
// last-surveyed time of the npsd.subjects row aliased `subject`: the later of its
// stored time and its latest stored response.
std::string LastSurveyedSql(const std::string& subject);

// KeepLastSurveyed moves the stored last-surveyed time of the subjects of the responses
// `response_ids` of `tenant_id` to the latest of those responses' answers, where that
// is later; call it before retention deletes or anonymizes them. It locks those
// subjects, skipping any another transaction holds (a data-subject request in
// progress, which holds them while it waits for their responses: waiting here could
// deadlock). It returns the responses whose subject was skipped: their time is not
// kept, and they must be left for a later batch.
std::set<std::string> KeepLastSurveyed(pqxx::work& txn, const std::string& tenant_id,
                                       const std::vector<std::string>& response_ids);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_LAST_SURVEYED_H_
