// response_batch.h — storing the responses of one tenant inside a shared transaction.
//
// The group-commit writer (response_writer.h) hands each tenant's share of a batch to
// StoreTenantBatch inside one transaction; a few set-based statements do the work of
// the whole group, whatever its size:
//   1. resolve every item against its campaign (read, with the lookup of the items'
//      identifiers, in the round trip that opens the tenant's context);
//   2. check the catalogue codes;
//   3. find or create the subjects (suppressed or restricted people are refused);
//   4. insert the responses (replays of a stored idempotency key return the original
//      id, a different payload under a used key is ALREADY_EXISTS);
//   5. add the new responses to the rollups (the writer's own shard of them).
// A subject's last-surveyed time is read from its responses (last_surveyed.h): storing
// one changes no subject row.
// Items rejected on their own merits get their outcome; the others are stored.
#ifndef NPSD_STORAGE_PG_RESPONSE_BATCH_H_
#define NPSD_STORAGE_PG_RESPONSE_BATCH_H_

#include <map>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "domain/campaign.h"
#include "privacy/personal_data_cipher.h"
#include "storage/pg/batch_transaction.h"
#include "storage/response_repository.h"

namespace npsd::storage::pg {

// TenantBatchOptions says how a writer stores a tenant's batch.
struct TenantBatchOptions {
  // rollup_shard is the writer's own shard of the rollups (see rollup_update.h).
  int rollup_shard = 0;
  // skip_used_keys: true, the insert skips a row whose idempotency key is stored (ON
  // CONFLICT DO NOTHING) and the entry is settled as a replay; false, such a row fails
  // the whole statement with a unique violation (AlreadyExists), for the writer to
  // retry with true. Writers expect new keys: ON CONFLICT probes the key index once more
  // per row, about a sixth of the insert's cost in PostgreSQL (measured with perf).
  bool skip_used_keys = true;
  // begin: the tenant's share opens the writer's transaction (it is the batch's first).
  bool begin = false;
};

// StoreTenantBatch stores `items` (all of tenant `tenant_id`) in `txn`: it opens the
// tenant's context (and with `options.begin` the transaction), reads the campaigns the
// items name and looks up their people in one round trip, then validates, resolves and
// inserts. It returns one outcome per item, in order; the outcomes hold only once `txn`
// commits. Database exceptions propagate to the caller.
std::vector<SubmitOutcome> StoreTenantBatch(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher,
                                            const std::string& tenant_id, const std::vector<const SubmitItem*>& items,
                                            const TenantBatchOptions& options);

}  // namespace npsd::storage::pg

#endif  // NPSD_STORAGE_PG_RESPONSE_BATCH_H_
