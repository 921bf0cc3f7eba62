// batch_transaction.h — how the group-commit writer sends its statements.
//
// Every batch runs the same few statements. Planning the largest of them (the insert
// with its rollup upserts) costs PostgreSQL about 3 ms, more than storing a small batch,
// so by default each connection prepares them once and executes them by name. Behind a
// pooler that hands each transaction another server connection and does not track
// prepared statements (PgBouncer before 1.21 in transaction mode) they are sent whole.
#ifndef NPSD_STORAGE_PG_BATCH_TRANSACTION_H_
#define NPSD_STORAGE_PG_BATCH_TRANSACTION_H_

#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

namespace npsd::storage::pg {

// BatchStatement is one statement of the writer: a name unique among them and its SQL.
struct BatchStatement {
  std::string name;
  std::string sql;
};

// BatchTransaction is a writer's transaction and how it sends statements.
class BatchTransaction {
 public:
  // BatchTransaction runs in `txn`; `prepared` selects named prepared statements.
  BatchTransaction(pqxx::transaction_base& txn, bool prepared) : txn_(txn), prepared_(prepared) {}

  // Exec runs `statement` with `parameters`.
  template <typename... Parameters>
  pqxx::result Exec(const BatchStatement& statement, Parameters&&... parameters) {
    if (!prepared_) return txn_.exec_params(statement.sql, std::forward<Parameters>(parameters)...);
    // Registering is idempotent; libpqxx prepares on the connection at the first use.
    txn_.conn().prepare(statement.name, statement.sql);
    return txn_.exec_prepared(statement.name, std::forward<Parameters>(parameters)...);
  }

  // Inline returns SQL text that runs `statement` with `literals` (SQL literals of its
  // parameters $1, $2..., in order), to share a simple-query round trip with other
  // commands: an EXECUTE of the statement, prepared on the connection now if it is not
  // yet (PostgreSQL then neither parses nor plans it again), or its own text with the
  // literals in place of the parameters.
  std::string Inline(const BatchStatement& statement, const std::vector<std::string>& literals);

  // ExecTogether runs `queries` (SQL text each, with no `;` inside one, such as
  // Inline's) in one round trip and returns their results in order.
  std::vector<pqxx::result> ExecTogether(const std::vector<std::string>& queries);

  // Quote renders `text` as an SQL string literal, for statements sent as text.
  std::string Quote(const std::string& text) const { return txn_.quote(text); }

 private:
  pqxx::transaction_base& txn_;
  const bool prepared_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_BATCH_TRANSACTION_H_
