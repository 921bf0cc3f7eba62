// response_writer.cc — the group-commit loop.
#include "storage/pg/response_writer.h"

#include <unistd.h>

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"

#include "storage/pg/connection_pool.h"
#include "storage/pg/error_mapping.h"
#include "storage/pg/response_batch.h"

namespace npsd::storage::pg {
namespace {

constexpr int kTransientRetries = 3;

// Writers beyond the first join in when this many items per writer already at work are
// queued, or when the oldest queued item has waited kLongestWaitForOneWriter, so a
// slow batch of the first writer (a slow WAL flush, a lock) does not hold the others.
// Each transaction costs PostgreSQL a fixed part (its round trips, the rollup rows,
// the commit), so fewer and larger batches cost it less per item: in the open-loop
// benchmark (0.3 x E, ~7,000 calls/s, three runs each) PostgreSQL used 0.76-0.80 cores
// with two writers taking every item at once, 0.58-0.61 with one, 0.62-0.64 with a
// second one joining at 64 queued items. Under saturation that second writer still
// started many small batches; joining at 256 (about half a batch) streamed faster in 6
// of 7 alternating runs (42,500/s against 38,800 on average over the last four), with
// less CPU per item.
constexpr size_t kQueuedItemsPerBusyWriter = 256;
constexpr absl::Duration kLongestWaitForOneWriter = absl::Milliseconds(5);

// After a batch meets a stored idempotency key, a writer's next batches skip stored keys
// from their first attempt, so a client replaying what was stored (after an outage, say)
// does not make every batch fail once.
constexpr int kBatchesSkippingUsedKeysAfterReplay = 64;

// RollBack ends the transaction a failed batch left open, so the connection can serve
// the next one; a connection that cannot is dropped.
void RollBack(std::unique_ptr<pqxx::connection>& connection) {
  if (connection == nullptr || !connection->is_open()) {
    connection.reset();
    return;
  }
  try {
    pqxx::nontransaction(*connection).exec("ROLLBACK");
  } catch (const std::exception&) {
    connection.reset();
  }
}

bool IsTransient(const absl::Status& status) {
  return absl::IsAborted(status) || absl::IsAlreadyExists(status);
}

}  // namespace

ResponseWriter::ResponseWriter(Options options, const privacy::PersonalDataCipher& cipher)
    : options_(std::move(options)), cipher_(cipher) {
  for (int i = 0; i < options_.writer_threads; ++i) threads_.emplace_back([this, i] { RunWriter(i); });
}

ResponseWriter::~ResponseWriter() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

void ResponseWriter::Submit(SubmitItem item, std::function<void(SubmitOutcome)> done) {
  {
    absl::MutexLock lock(&mutex_);
    if (!stopping_ && queue_.size() < static_cast<size_t>(options_.max_queued)) {
      queue_.push_back(Pending{std::move(item), std::move(done), absl::Now()});
      return;
    }
  }
  SubmitOutcome outcome;
  outcome.status = absl::ResourceExhaustedError("the ingestion queue is full; retry with backoff");
  done(std::move(outcome));
}

size_t ResponseWriter::queued() const {
  absl::MutexLock lock(&mutex_);
  return queue_.size();
}

bool ResponseWriter::QueueDeepFor(int index) const {
  return queue_.size() >= static_cast<size_t>(index) * kQueuedItemsPerBusyWriter;
}

bool ResponseWriter::ShouldJoin(int index) const {
  if (stopping_) return true;
  if (queue_.empty()) return false;
  return index == 0 || QueueDeepFor(index) || absl::Now() - queue_.front().queued_at >= kLongestWaitForOneWriter;
}

// The first writer wakes for any item; the others for a deep enough queue, or when the
// oldest item has waited too long.
std::vector<ResponseWriter::Pending> ResponseWriter::TakeBatch(int index) {
  absl::MutexLock lock(&mutex_);
  const auto any = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return stopping_ || !queue_.empty(); };
  const auto deep = [this, index]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return stopping_ || QueueDeepFor(index); };
  while (!ShouldJoin(index)) {
    if (queue_.empty()) {
      mutex_.Await(absl::Condition(&any));
    } else {
      mutex_.AwaitWithDeadline(absl::Condition(&deep), queue_.front().queued_at + kLongestWaitForOneWriter);
    }
  }
  std::vector<Pending> batch;
  batch.reserve(std::min(queue_.size(), static_cast<size_t>(options_.max_batch)));
  while (!queue_.empty() && batch.size() < static_cast<size_t>(options_.max_batch)) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return batch;
}

void ResponseWriter::RunWriter(int index) {
  Writer writer{nullptr, index};  // its index is its rollup shard
  while (true) {
    std::vector<Pending> batch = TakeBatch(index);
    if (batch.empty()) return;  // stopping and drained
    const absl::Time start = absl::Now();
    writer.last_commit = absl::ZeroDuration();
    std::vector<SubmitOutcome> outcomes = WriteBatch(writer, batch);
    if (options_.report) options_.report(BatchReport{batch.size(), absl::Now() - start, writer.last_commit});
    std::vector<Completion> completions;
    completions.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      completions.push_back(Completion{std::move(batch[i].done), std::move(outcomes[i])});
    }
    delivery_.Deliver(std::move(completions));
  }
}

absl::StatusOr<std::vector<SubmitOutcome>> ResponseWriter::TryTransaction(Writer& writer,
                                                                          const std::vector<const SubmitItem*>& items,
                                                                          bool skip_used_keys) {
  std::unique_ptr<pqxx::connection>& connection = writer.connection;
  try {
    if (connection == nullptr || !connection->is_open()) {
      connection.reset();
      connection = std::make_unique<pqxx::connection>(
          WithApplicationName(options_.database_url, absl::StrCat("npsd-writer-", getpid())));
    }
    std::map<std::string, std::vector<size_t>> by_tenant;
    for (size_t i = 0; i < items.size(); ++i) by_tenant[items[i]->tenant_id].push_back(i);
    std::vector<SubmitOutcome> outcomes(items.size());
    // The transaction is spelled out (BEGIN with the first tenant's context, COMMIT)
    // rather than a pqxx::work, whose BEGIN would cost a round trip of its own.
    pqxx::nontransaction txn(*connection);
    BatchTransaction batch(txn, options_.prepared_statements);
    bool begun = false;
    for (const auto& [tenant_id, indices] : by_tenant) {
      std::vector<const SubmitItem*> group;
      for (size_t index : indices) group.push_back(items[index]);
      const TenantBatchOptions options{writer.rollup_shard, skip_used_keys, !begun};
      std::vector<SubmitOutcome> stored = StoreTenantBatch(batch, cipher_, tenant_id, group, options);
      begun = true;
      for (size_t k = 0; k < indices.size(); ++k) outcomes[indices[k]] = std::move(stored[k]);
    }
    const absl::Time commit_start = absl::Now();
    txn.exec("COMMIT");
    writer.last_commit = absl::Now() - commit_start;
    return outcomes;
  } catch (const std::exception& error) {
    const absl::Status status = StatusFromException(error);
    if (IsConnectionLoss(status)) {
      connection.reset();
    } else {
      RollBack(connection);
    }
    return status;
  }
}

// A batch's first attempt expects new idempotency keys (the cheaper insert, see
// TenantBatchOptions); a stored key fails it AlreadyExists, and its retries skip stored
// keys, as do the writer's next batches while replays keep coming.
std::vector<SubmitOutcome> ResponseWriter::WriteBatch(Writer& writer, const std::vector<Pending>& batch) {
  std::vector<const SubmitItem*> items;
  for (const Pending& pending : batch) items.push_back(&pending.item);
  bool skip_used_keys = writer.batches_skipping_used_keys > 0;
  if (skip_used_keys) --writer.batches_skipping_used_keys;
  absl::StatusOr<std::vector<SubmitOutcome>> outcomes = TryTransaction(writer, items, skip_used_keys);
  for (int retry = 0; !outcomes.ok() && IsTransient(outcomes.status()) && retry < kTransientRetries; ++retry) {
    skip_used_keys = true;
    outcomes = TryTransaction(writer, items, skip_used_keys);
  }
  if (outcomes.ok()) {
    const bool replayed = std::any_of(outcomes->begin(), outcomes->end(),
                                      [](const SubmitOutcome& outcome) { return outcome.replayed; });
    if (replayed) writer.batches_skipping_used_keys = kBatchesSkippingUsedKeysAfterReplay;
    return *std::move(outcomes);
  }
  if (batch.size() == 1 || IsConnectionLoss(outcomes.status()) || absl::IsUnavailable(outcomes.status())) {
    return std::vector<SubmitOutcome>(batch.size(), SubmitOutcome{outcomes.status(), "", false, {}});
  }
  // Isolate whatever failed the batch: every item in its own transaction.
  std::vector<SubmitOutcome> isolated;
  for (const Pending& pending : batch) {
    absl::StatusOr<std::vector<SubmitOutcome>> single = TryTransaction(writer, {&pending.item}, true);
    isolated.push_back(single.ok() ? std::move(single->front()) : SubmitOutcome{single.status(), "", false, {}});
  }
  return isolated;
}

}  // namespace npsd::storage::pg
