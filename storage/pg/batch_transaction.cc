// batch_transaction.cc — writer statements sent inside a simple query.
#include "storage/pg/batch_transaction.h"

#include <cctype>

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

}  // namespace npsd::storage::pg
