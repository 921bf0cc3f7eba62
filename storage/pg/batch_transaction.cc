// batch_transaction.cc — writer statements sent inside a simple query.
#include "storage/pg/batch_transaction.h"

#include <cctype>

#include <pqxx/pipeline>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace npsd::storage::pg {

std::string BatchTransaction::Inline(const BatchStatement& statement, const std::vector<std::string>& literals) {
  if (prepared_) {
    txn_.conn().prepare(statement.name, statement.sql);
    txn_.conn().prepare_now(statement.name);
    return absl::StrCat("EXECUTE ", statement.name, "(", absl::StrJoin(literals, ", "), ")");
  }
  std::string sql;
  for (size_t i = 0; i < statement.sql.size(); ++i) {
    size_t end = i + 1;
    while (statement.sql[i] == '$' && end < statement.sql.size() && std::isdigit(statement.sql[end])) ++end;
    if (end > i + 1) {
      sql += literals.at(std::stoul(statement.sql.substr(i + 1, end - i - 1)) - 1);
      i = end - 1;
    } else {
      sql += statement.sql[i];
    }
  }
  return sql;
}

std::vector<pqxx::result> BatchTransaction::ExecTogether(const std::vector<std::string>& queries) {
  // libpqxx's pipeline sends what it retains as one multi-statement query and reads each
  // statement's result apart.
  pqxx::pipeline pipeline(txn_);
  pipeline.retain(static_cast<int>(queries.size()));
  std::vector<pqxx::pipeline::query_id> ids;
  for (const std::string& query : queries) ids.push_back(pipeline.insert(query));
  std::vector<pqxx::result> results;
  for (pqxx::pipeline::query_id id : ids) results.push_back(pipeline.retrieve(id));
  pipeline.complete();
  return results;
}

}  // namespace npsd::storage::pg
