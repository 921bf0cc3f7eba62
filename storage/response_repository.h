// response_repository.h — storing and reading NPS responses.
//
// Writes go through a ResponseSink: items from many concurrent calls are grouped into
// shared transactions (group commit), and each item's outcome is reported only after
// the transaction that stored it has committed.
#ifndef NPSD_STORAGE_RESPONSE_REPOSITORY_H_
#define NPSD_STORAGE_RESPONSE_REPOSITORY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/eligibility.h"
#include "domain/identity.h"
#include "domain/response.h"
#include "storage/page.h"

namespace npsd::storage {

// SubmitItem is one validated response waiting to be stored.
struct SubmitItem {
  std::string tenant_id;
  domain::ResponseInput input;  // passed domain::ValidateResponseInput
  absl::Time received_at;
  absl::Time deadline;          // not started after this: DEADLINE_EXCEEDED
  std::string field_prefix;     // e.g. "responses[3]." for error field paths
};

// SubmitOutcome is what happened to one item.
struct SubmitOutcome {
  absl::Status status;      // OK when stored (or replayed)
  std::string response_id;  // set when OK
  bool replayed = false;    // the idempotency key had stored this same payload before
  domain::NpsCategory category = domain::NpsCategory::kDetractor;
};

// ResponseSink stores responses durably.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;

  // Submit queues `item`; `done` runs exactly once, on another thread, after the item's
  // transaction committed (OK) or failed. RESOURCE_EXHAUSTED when the queue is full.
  virtual void Submit(SubmitItem item, std::function<void(SubmitOutcome)> done) = 0;
};

// StoredResponse is a response as read back; its comment decrypted, its subject
// identity never included.
struct StoredResponse {
  std::string id;
  std::string campaign_id;
  int32_t score = 0;
  absl::Time answered_at;
  absl::Time received_at;
  domain::Channel channel = domain::Channel::kWeb;
  domain::OrgScope scope;
  std::string comment;
  std::string locale;
  bool has_subject = false;
  domain::ContactCenterContext contact_center;
  std::map<std::string, std::string> attributes;
  std::string idempotency_key;
};

// ResponseFilter narrows a response list; unset members match everything.
struct ResponseFilter {
  std::string campaign_id;
  std::optional<absl::Time> answered_after;   // inclusive
  std::optional<absl::Time> answered_before;  // exclusive
  std::optional<domain::NpsCategory> category;
  domain::OrgScope scope;                     // regions and business units include descendants
  std::optional<domain::Channel> channel;
  std::string agent_id;
  std::string queue;
  std::optional<bool> has_comment;

  // Key is a canonical text of the filter, bound into page tokens.
  std::string Key() const {
    const auto time = [](const std::optional<absl::Time>& t) {
      return t ? absl::StrCat(absl::ToUnixMicros(*t)) : std::string();
    };
    return absl::StrCat("responses|", campaign_id, "|", time(answered_after), "|", time(answered_before), "|",
                        category ? static_cast<int>(*category) : -1, "|", scope.region_code, "|",
                        scope.brand_code, "|", scope.business_unit_code, "|",
                        channel ? domain::ChannelName(*channel) : "", "|", agent_id, "|", queue, "|",
                        has_comment ? (*has_comment ? "1" : "0") : "");
  }
};

// ResponseRepository reads responses of one tenant at a time; other tenants' responses
// are NOT_FOUND.
class ResponseRepository {
 public:
  virtual ~ResponseRepository() = default;

  // GetResponse returns one response, or NOT_FOUND.
  virtual absl::StatusOr<StoredResponse> GetResponse(const std::string& tenant_id, const std::string& response_id,
                                                     absl::Time deadline) = 0;

  // ListResponses pages through matching responses, most recently answered first.
  virtual absl::StatusOr<Page<StoredResponse>> ListResponses(const std::string& tenant_id,
                                                             const ResponseFilter& filter, const PageRequest& page,
                                                             absl::Time deadline) = 0;

  // GetEligibilityFacts gathers what DecideEligibility needs about the campaign and
  // the person named by `identifiers` (possibly none); NOT_FOUND for an unknown campaign.
  virtual absl::StatusOr<domain::EligibilityFacts> GetEligibilityFacts(
      const std::string& tenant_id, const std::string& campaign_id,
      const std::vector<domain::NormalizedIdentifier>& identifiers, absl::Time deadline) = 0;
};

}  // namespace npsd::storage

#endif  // NPSD_STORAGE_RESPONSE_REPOSITORY_H_
