// response_writer.h — group commit for response ingestion.
//
// Calls of every kind (unary, batch, stream) queue their items here; a few writer
// threads, each with its own connection, take everything queued (up to `max_batch`)
// and store it in one transaction, tenant by tenant, with one commit (one WAL flush)
// for all. Under load batches grow and the cost of a commit is shared by more items;
// when idle an item is written at once. Outcomes are delivered after the commit, by a
// thread of their own (outcome_delivery.h), while the writer takes its next batch.
//
// The first writer takes whatever is queued; the others join in only when the queue
// is deep or its oldest item has waited a while (see ShouldJoin): at a moderate load one
// writer's batches are larger, and PostgreSQL spends less per item.
//
// A batch that fails as a whole is retried when the failure is transient (serialization,
// deadlock, a concurrent insert of the same identifier), then written item by item, so
// one bad item never fails the others. A lost connection fails the batch UNAVAILABLE
// (nothing acknowledged, clients retry with their idempotency keys).
#ifndef NPSD_STORAGE_PG_RESPONSE_WRITER_H_
#define NPSD_STORAGE_PG_RESPONSE_WRITER_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/pqxx>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "privacy/personal_data_cipher.h"
#include "storage/pg/outcome_delivery.h"
#include "storage/response_repository.h"

namespace npsd::storage::pg {

// ResponseWriter is the PostgreSQL ResponseSink.
class ResponseWriter final : public ResponseSink {
 public:
  // BatchReport is what a writer reports after each batch it wrote.
  struct BatchReport {
    size_t items = 0;                               // items in the batch
    absl::Duration written = absl::ZeroDuration();  // from taking it to its outcomes, retries included
    absl::Duration commit = absl::ZeroDuration();   // its last COMMIT round trip (the WAL flush); zero if none
  };

  // Options tune the writer.
  struct Options {
    std::string database_url;  // the runtime role
    int writer_threads = 2;    // concurrent transactions
    int max_batch = 500;       // items per transaction at most
    int max_queued = 20000;    // beyond this, Submit answers RESOURCE_EXHAUSTED
    bool prepared_statements = true;  // off behind PgBouncer < 1.21 in transaction mode
    std::function<void(const BatchReport&)> report;  // called on the writer's thread; may be empty
  };

  // ResponseWriter starts its threads; `cipher` must outlive it.
  ResponseWriter(Options options, const privacy::PersonalDataCipher& cipher);
  // ~ResponseWriter writes what is queued, then stops its threads.
  ~ResponseWriter() override;

  void Submit(SubmitItem item, std::function<void(SubmitOutcome)> done) override;

  // queued is the number of items waiting for a writer.
  size_t queued() const;

 private:
  struct Pending {
    SubmitItem item;
    std::function<void(SubmitOutcome)> done;
    absl::Time queued_at;
  };

  // Writer is one writer thread's own state.
  struct Writer {
    std::unique_ptr<pqxx::connection> connection;  // null until connected, or after losing it
    int rollup_shard;                              // the rollup rows it counts into
    int batches_skipping_used_keys = 0;            // left since its last replay (see WriteBatch)
    absl::Duration last_commit = absl::ZeroDuration();  // its last COMMIT round trip
  };

  void RunWriter(int index);
  // TakeBatch waits until writer `index` should write, then takes a batch; empty when
  // stopping and drained.
  std::vector<Pending> TakeBatch(int index);
  // ShouldJoin says whether writer `index` takes a batch now (see the file comment).
  bool ShouldJoin(int index) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // QueueDeepFor says whether enough items wait for writer `index` to join the others.
  bool QueueDeepFor(int index) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // WriteBatch stores `batch` and returns one outcome per item, in order.
  std::vector<SubmitOutcome> WriteBatch(Writer& writer, const std::vector<Pending>& batch);
  absl::StatusOr<std::vector<SubmitOutcome>> TryTransaction(Writer& writer, const std::vector<const SubmitItem*>& items,
                                                            bool skip_used_keys);

  const Options options_;
  const privacy::PersonalDataCipher& cipher_;
  mutable absl::Mutex mutex_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  OutcomeDelivery delivery_;  // answers the writers' batches; drains after they stop
  std::vector<std::thread> threads_;
};

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RESPONSE_WRITER_H_
