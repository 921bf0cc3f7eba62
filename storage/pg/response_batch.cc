// response_batch.cc — one tenant's share of a group-commit batch.
#include "storage/pg/response_batch.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "crypto/digest.h"
#include "crypto/random.h"
#include "domain/field_violation.h"
#include "storage/pg/binary_array.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/pg_campaign_repository.h"
#include "storage/pg/rollup_update.h"
#include "storage/pg/subject_resolution.h"

namespace npsd::storage::pg {
namespace {

// Entry follows one item through the batch.
struct Entry {
  const SubmitItem* item;
  SubmitOutcome outcome;
  bool pending = true;  // no outcome decided yet
  domain::ResolvedResponse resolved;
  SubjectRequest subject;
  std::string response_id;  // drawn for the insert
  std::string payload_sha256;

  void Fail(absl::Status status) {
    outcome.status = std::move(status);
    pending = false;
  }
};

void ResolveAgainstCampaigns(const std::map<std::string, domain::Campaign>& campaigns, std::vector<Entry>& entries) {
  const absl::Time now = absl::Now();
  for (Entry& entry : entries) {
    if (!entry.pending) continue;
    const SubmitItem& item = *entry.item;
    if (now > item.deadline) {
      entry.Fail(absl::DeadlineExceededError("the deadline passed before the response could be stored"));
      continue;
    }
    const auto campaign = campaigns.find(item.input.campaign_id);
    if (campaign == campaigns.end()) {
      entry.Fail(absl::NotFoundError(absl::StrCat(item.field_prefix, "campaign_id names no campaign")));
      continue;
    }
    absl::StatusOr<domain::ResolvedResponse> resolved =
        domain::ResolveResponse(item.input, campaign->second, item.received_at, item.field_prefix);
    if (!resolved.ok()) {
      entry.Fail(resolved.status());
    } else {
      entry.resolved = *std::move(resolved);
    }
  }
}

void CheckCatalogue(BatchTransaction& txn, std::vector<Entry>& entries) {
  const bool any_code = std::any_of(entries.begin(), entries.end(), [](const Entry& entry) {
    const domain::OrgScope& scope = entry.resolved.scope;
    return entry.pending &&
           !(scope.region_code.empty() && scope.brand_code.empty() && scope.business_unit_code.empty());
  });
  if (!any_code) return;
  std::set<std::pair<std::string, std::string>> known;
  static const BatchStatement* const catalogue =
      new BatchStatement{"npsd_select_catalogue", "SELECT kind, code FROM npsd.org_units"};
  for (const auto& row : txn.Exec(*catalogue)) {
    known.insert({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  for (Entry& entry : entries) {
    if (!entry.pending) continue;
    domain::FieldViolations violations;
    const domain::OrgScope& scope = entry.resolved.scope;
    for (const auto& [kind, code, field] : {std::tuple<const char*, const std::string&, const char*>{
                                                "REGION", scope.region_code, "scope.region_code"},
                                            {"BRAND", scope.brand_code, "scope.brand_code"},
                                            {"BUSINESS_UNIT", scope.business_unit_code, "scope.business_unit_code"}}) {
      if (!code.empty() && known.count({kind, code}) == 0) {
        violations.Add(entry.item->field_prefix + field, "is not a code of the tenant's catalogue");
      }
    }
    if (!violations.empty()) entry.Fail(violations.ToStatus());
  }
}

// OpenTenantSql opens the tenant's share of the batch and reads the campaigns its
// entries name (see migration 0012 for the settings it makes), as an EXECUTE where
// statements are prepared: the campaigns query, planned as text, cost PostgreSQL a
// tenth of its writer backends' CPU in the open-loop benchmark (perf: planning,
// parsing, to_micros inlined anew for each batch).
std::string OpenTenantSql(BatchTransaction& txn, const std::string& tenant_id, const std::vector<Entry>& entries) {
  static const BatchStatement* const open = new BatchStatement{
      "npsd_open_ingestion_batch", SelectCampaignsSql("npsd.open_ingestion_batch($1::uuid, $2::uuid[])")};
  std::set<std::string> campaign_ids;
  for (const Entry& entry : entries) campaign_ids.insert(entry.item->input.campaign_id);
  const std::vector<std::string> ids(campaign_ids.begin(), campaign_ids.end());
  return txn.Inline(*open, {txn.Quote(tenant_id), txn.Quote(TextArrayLiteral(ids))});
}

// DrawResponseIds gives each pending entry a time-ordered id: the primary key then grows
// at its end.
absl::Status DrawResponseIds(std::vector<Entry>& entries) {
  const absl::Time now = absl::Now();
  for (Entry& entry : entries) {
    if (!entry.pending) continue;
    if (!entry.subject.status.ok()) {
      entry.Fail(entry.subject.status);
      continue;
    }
    absl::StatusOr<std::string> id = crypto::TimeOrderedUuid(now);
    if (!id.ok()) return id.status();
    entry.response_id = *id;
  }
  return absl::OkStatus();
}

// InsertStatement inserts the rows given as parallel arrays and, in the same statement,
// the batch's new subjects and identifiers ($25-$31, see NewSubjects), and counts the
// rows actually inserted into the rollups' shard $24; it returns the inserted ids. With
// `skip_used_keys` a used idempotency key skips its row, without it the key fails the
// statement. The inserted rows carry on only the columns the rollups read. The arrays
// are unnested in a select list, which steps through them together; unnest() of the 22
// arrays in FROM first copied each into a tuple store of its own (perf of the writer
// backends: 5 % of their time).
const BatchStatement& InsertStatement(bool skip_used_keys) {
  static const auto build = [](const std::string& name, const std::string& on_conflict) {
    std::string sql = absl::StrCat(
        "WITH new_subjects AS (INSERT INTO npsd.subjects (tenant_id, subject_id, wrapped_key, master_key_id)"
        " SELECT $1::uuid, id, key, $25 FROM unnest($26::uuid[], $27::bytea[]) AS u(id, key)),"
        " new_identifiers AS (INSERT INTO npsd.subject_identifiers (tenant_id, kind, lookup_hash, subject_id,"
        " value_ciphertext) SELECT $1::uuid, k, h, s, c"
        " FROM unnest($28::text[], $29::bytea[], $30::uuid[], $31::bytea[]) AS u(k, h, s, c)),"
        " inserted AS (INSERT INTO npsd.responses (tenant_id, response_id, campaign_id, score, answered_at,"
        " received_at, channel, region_code, brand_code, business_unit_code, locale, comment_ciphertext,"
        " subject_id, interaction_id, agent_id, team, queue, wait_seconds, handle_seconds, wrap_up_code,"
        " attributes, idempotency_key, payload_sha256)"
        " SELECT $1::uuid, id, campaign, score, answered, received, channel,"
        " region, brand, unit, locale, comment, subject, interaction, agent, team, queue, wait, handle, wrap_up,"
        " CASE WHEN attrs = '' THEN '{}'::text[] ELSE string_to_array(attrs, E'\\x1f') END, key, hash"
        " FROM (SELECT unnest($2::uuid[]) AS id, unnest($3::uuid[]) AS campaign, unnest($4::smallint[]) AS score,"
        " unnest($5::timestamptz[]) AS answered, unnest($6::timestamptz[]) AS received,"
        " unnest($7::text[]) AS channel, unnest($8::text[]) AS region, unnest($9::text[]) AS brand,"
        " unnest($10::text[]) AS unit, unnest($11::text[]) AS locale, unnest($12::bytea[]) AS comment,"
        " unnest($13::uuid[]) AS subject, unnest($14::text[]) AS interaction, unnest($15::text[]) AS agent,"
        " unnest($16::text[]) AS team, unnest($17::text[]) AS queue, unnest($18::integer[]) AS wait,"
        " unnest($19::integer[]) AS handle, unnest($20::text[]) AS wrap_up, unnest($21::text[]) AS attrs,"
        " unnest($22::text[]) AS key, unnest($23::bytea[]) AS hash) AS u",
        on_conflict,
        " RETURNING tenant_id, response_id, campaign_id, score, answered_at, channel, region_code, brand_code,"
        " business_unit_code, agent_id, queue, team)");
    const std::vector<std::string> rollups = RollupStatements(
        "inserted", "(SELECT reporting_time_zone FROM npsd.tenants WHERE tenant_id = $1::uuid)", "$24::smallint",
        RollupDirection::kAdd);
    for (size_t i = 0; i < rollups.size(); ++i) absl::StrAppend(&sql, ", rollup_", i, " AS (", rollups[i], ")");
    absl::StrAppend(&sql, " SELECT response_id::text FROM inserted");
    return new BatchStatement{name, sql};
  };
  static const BatchStatement* const skipping =
      build("npsd_insert_responses_skipping_used_keys", " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING");
  static const BatchStatement* const failing = build("npsd_insert_responses", "");
  return skip_used_keys ? *skipping : *failing;
}

// InsertColumns holds the insert's parameters: one binary array per column.
struct InsertColumns {
  using Element = BinaryArray::Element;
  BinaryArray ids{Element::kUuid}, campaigns{Element::kUuid}, scores{Element::kSmallint};
  BinaryArray answered{Element::kTimestamptz}, received{Element::kTimestamptz};
  BinaryArray channels{Element::kText}, regions{Element::kText}, brands{Element::kText}, units{Element::kText};
  BinaryArray locales{Element::kText}, comments{Element::kBytea}, subjects{Element::kUuid};
  BinaryArray interactions{Element::kText}, agents{Element::kText}, teams{Element::kText}, queues{Element::kText};
  BinaryArray waits{Element::kInteger}, handles{Element::kInteger}, wrap_ups{Element::kText};
  BinaryArray attributes{Element::kText}, keys{Element::kText}, hashes{Element::kBytea};

  // Add appends one entry's row; `sealed_comment` is its comment's ciphertext, empty
  // for no comment.
  absl::Status Add(const Entry& entry, const std::string& sealed_comment) {
    const domain::ResolvedResponse& r = entry.resolved;
    const domain::ResponseInput& in = entry.item->input;
    const domain::ContactCenterContext& call = in.contact_center;
    if (absl::Status id = ids.AddUuid(entry.response_id); !id.ok()) return id;
    if (absl::Status campaign = campaigns.AddUuid(in.campaign_id); !campaign.ok()) return campaign;
    scores.AddSmallint(static_cast<int16_t>(in.score));
    answered.AddTimestamp(r.answered_at);
    received.AddTimestamp(r.received_at);
    channels.AddBytes(domain::ChannelName(r.channel));
    regions.AddBytes(r.scope.region_code);
    brands.AddBytes(r.scope.brand_code);
    units.AddBytes(r.scope.business_unit_code);
    locales.AddBytes(in.locale);
    if (sealed_comment.empty()) {
      comments.AddNull();
    } else {
      comments.AddBytes(sealed_comment);
    }
    if (entry.subject.subject_id.empty()) {
      subjects.AddNull();
    } else if (absl::Status subject = subjects.AddUuid(entry.subject.subject_id); !subject.ok()) {
      return subject;
    }
    interactions.AddBytes(call.interaction_id);
    agents.AddBytes(call.agent_id);
    teams.AddBytes(call.team);
    queues.AddBytes(call.queue);
    waits.AddInteger(call.wait_seconds);
    handles.AddInteger(call.handle_seconds);
    wrap_ups.AddBytes(call.wrap_up_code);
    std::string pairs;
    for (const auto& [key, value] : in.attributes) absl::StrAppend(&pairs, pairs.empty() ? "" : "\x1f", key, "=", value);
    attributes.AddBytes(pairs);
    if (in.idempotency_key.empty()) {
      keys.AddNull();
    } else {
      keys.AddBytes(in.idempotency_key);
    }
    hashes.AddBytes(entry.payload_sha256);
    return absl::OkStatus();
  }
};

// InsertRows inserts the pending entries, with the subjects they created, as `options`
// say; returns the ids actually inserted.
absl::StatusOr<std::set<std::string>> InsertRows(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher,
                                                 const std::string& tenant_id, const TenantBatchOptions& options,
                                                 const NewSubjects& created, std::vector<Entry>& entries) {
  InsertColumns columns;
  for (const Entry& entry : entries) {
    if (!entry.pending) continue;
    std::string sealed_comment;
    if (const std::string& comment = entry.item->input.comment; !comment.empty()) {
      absl::StatusOr<std::string> sealed =
          cipher.SealComment(entry.subject.data_key, tenant_id, entry.response_id, comment);
      if (!sealed.ok()) return sealed.status();
      sealed_comment = *std::move(sealed);
    }
    if (absl::Status added = columns.Add(entry, sealed_comment); !added.ok()) {
      // The ids are npsd's own or were matched against stored ones: never the caller's fault.
      return absl::InternalError(absl::StrCat("an id of the batch is malformed: ", added.message()));
    }
  }
  std::set<std::string> inserted;
  if (columns.ids.size() == 0) return inserted;
  const pqxx::result rows = txn.Exec(
      InsertStatement(options.skip_used_keys), tenant_id, columns.ids.Parameter(), columns.campaigns.Parameter(),
      columns.scores.Parameter(), columns.answered.Parameter(), columns.received.Parameter(),
      columns.channels.Parameter(), columns.regions.Parameter(), columns.brands.Parameter(),
      columns.units.Parameter(), columns.locales.Parameter(), columns.comments.Parameter(),
      columns.subjects.Parameter(), columns.interactions.Parameter(), columns.agents.Parameter(),
      columns.teams.Parameter(), columns.queues.Parameter(), columns.waits.Parameter(), columns.handles.Parameter(),
      columns.wrap_ups.Parameter(), columns.attributes.Parameter(), columns.keys.Parameter(),
      columns.hashes.Parameter(), options.rollup_shard, cipher.master_key_id(), TextArrayLiteral(created.subject_ids),
      TextArrayLiteral(created.wrapped_keys), TextArrayLiteral(created.kinds), TextArrayLiteral(created.hashes),
      TextArrayLiteral(created.owner_ids), TextArrayLiteral(created.ciphertexts));
  for (const auto& row : rows) inserted.insert(row[0].as<std::string>());
  return inserted;
}

// SettleReplays looks up the idempotency keys of the entries whose insert the key
// skipped (`skipped`) and of those that failed (`failed`). A stored response with the
// same payload makes the entry a replay answered with that response, whatever made it
// fail now (the campaign closed since, the person restricted processing), so a retry
// always gets its original answer; another payload is ALREADY_EXISTS. A skipped entry
// whose key is not found is ABORTED (a concurrent transaction holds the key); a failed
// one keeps its error.
void SettleReplays(BatchTransaction& txn, const std::string& tenant_id, const std::vector<Entry*>& skipped,
                   const std::vector<Entry*>& failed) {
  std::vector<std::string> keys;
  for (const std::vector<Entry*>* group : {&skipped, &failed}) {
    for (const Entry* entry : *group) keys.push_back(entry->item->input.idempotency_key);
  }
  if (keys.empty()) return;
  struct Stored {
    std::string response_id;
    std::string payload_sha256;
    int score;
  };
  std::map<std::string, Stored> stored;  // by idempotency key
  // One probe of the unique (tenant, key) index per key: a LIMIT subquery is never
  // flattened, so the plan cannot drift with the table's statistics.
  static const BatchStatement* const select_keys = new BatchStatement{
      "npsd_select_idempotency_keys",
      "SELECT k.key, r.response_id::text, r.payload_sha256, r.score FROM unnest($2::text[]) AS k(key)"
      " CROSS JOIN LATERAL (SELECT response_id, payload_sha256, score FROM npsd.responses"
      " WHERE tenant_id = $1::uuid AND idempotency_key = k.key LIMIT 1) r"};
  for (const auto& row : txn.Exec(*select_keys, tenant_id, TextArrayLiteral(keys))) {
    stored[row[0].as<std::string>()] = {row[1].as<std::string>(), BytesField(row[2]), row[3].as<int>()};
  }
  for (const std::vector<Entry*>* group : {&skipped, &failed}) {
    for (Entry* entry : *group) {
      const auto found = stored.find(entry->item->input.idempotency_key);
      if (found == stored.end()) {
        if (group == &skipped) entry->Fail(absl::AbortedError("the idempotency key is being used concurrently; retry"));
      } else if (!crypto::ConstantTimeEquals(found->second.payload_sha256, entry->payload_sha256)) {
        entry->Fail(absl::AlreadyExistsError(absl::StrCat(
            entry->item->field_prefix, "idempotency_key was already used for a different response")));
      } else {
        entry->outcome.status = absl::OkStatus();
        entry->outcome.response_id = found->second.response_id;
        entry->outcome.category =
            domain::ClassifyScore(found->second.score).value_or(domain::NpsCategory::kDetractor);
        entry->outcome.replayed = true;
        entry->pending = false;
      }
    }
  }
}

// SettleKeys settles, after the insert (`inserted` holds the ids it stored; null when
// it did not run), every entry whose idempotency key may already be stored.
void SettleKeys(BatchTransaction& txn, const std::string& tenant_id, const std::set<std::string>* inserted,
                std::vector<Entry>& entries) {
  std::vector<Entry*> skipped, failed;
  for (Entry& entry : entries) {
    if (entry.item->input.idempotency_key.empty()) continue;
    if (entry.pending && inserted != nullptr && inserted->count(entry.response_id) == 0) skipped.push_back(&entry);
    if (!entry.pending && !entry.outcome.status.ok()) failed.push_back(&entry);
  }
  SettleReplays(txn, tenant_id, skipped, failed);
}

}  // namespace

std::vector<SubmitOutcome> StoreTenantBatch(BatchTransaction& txn, const privacy::PersonalDataCipher& cipher,
                                            const std::string& tenant_id, const std::vector<const SubmitItem*>& items,
                                            const TenantBatchOptions& options) {
  std::vector<Entry> entries;
  entries.reserve(items.size());
  for (const SubmitItem* item : items) {
    entries.push_back(Entry{item, {}, true, {}, {}, "", crypto::Sha256(domain::ResponseFingerprint(item->input))});
  }
  // Identities are hashed before anything is sent, so their lookup rides on the round
  // trip that opens the tenant (an item refused later was looked up for nothing).
  std::vector<SubjectRequest*> identified;
  for (Entry& entry : entries) {
    absl::StatusOr<std::vector<domain::NormalizedIdentifier>> identity =
        domain::NormalizeIdentity(entry.item->input.subject, entry.item->field_prefix + "subject.");
    if (!identity.ok()) {
      entry.Fail(identity.status());  // the server validated it already: never stored as anonymous
      continue;
    }
    if (identity->empty()) continue;
    entry.subject.identifiers = *std::move(identity);
    identified.push_back(&entry.subject);
  }
  absl::Status status = HashRequestIdentifiers(cipher, tenant_id, identified);
  const std::string look_up = status.ok() ? LookUpSql(txn, tenant_id, identified) : "";
  std::vector<std::string> opening;
  if (options.begin) opening.push_back("BEGIN");
  opening.push_back(OpenTenantSql(txn, tenant_id, entries));
  if (!look_up.empty()) opening.push_back(look_up);
  const std::vector<pqxx::result> opened = txn.ExecTogether(opening);
  const std::map<std::string, domain::Campaign> campaigns = CampaignsById(opened[options.begin ? 1 : 0]);
  ResolveAgainstCampaigns(campaigns, entries);
  CheckCatalogue(txn, entries);
  std::vector<SubjectRequest*> subject_requests;
  for (Entry& entry : entries) {
    if (entry.pending && !entry.subject.identifiers.empty()) subject_requests.push_back(&entry.subject);
  }
  NewSubjects created;
  if (status.ok()) {
    status = ResolveSubjects(cipher, tenant_id, look_up.empty() ? IdentifierLookup{} : ReadLookup(opened.back()),
                             subject_requests, created);
  }
  if (status.ok()) status = DrawResponseIds(entries);
  absl::StatusOr<std::set<std::string>> inserted = std::set<std::string>();
  if (status.ok()) inserted = InsertRows(txn, cipher, tenant_id, options, created, entries);
  if (!status.ok() || !inserted.ok()) {
    const absl::Status failure = status.ok() ? inserted.status() : status;
    for (Entry& entry : entries) {
      if (entry.pending) entry.Fail(failure);
    }
  }
  // Known keys are looked up only now, and only for the entries that need it: in the
  // common batch (new keys, all valid) that is none, and no statement is spent on them.
  SettleKeys(txn, tenant_id, status.ok() && inserted.ok() ? &*inserted : nullptr, entries);
  std::vector<SubmitOutcome> outcomes;
  for (Entry& entry : entries) {
    if (entry.pending) {
      entry.outcome.response_id = entry.response_id;
      entry.outcome.category = entry.resolved.category;
    }
    outcomes.push_back(std::move(entry.outcome));
  }
  return outcomes;
}

}  // namespace npsd::storage::pg
