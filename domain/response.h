// response.h — an NPS response: what a client submits, and the rules that accept it.
//
// Acceptance happens in two steps. ValidateResponseInput checks the request on its own
// (score 0-10, lengths, formats) before anything touches the database; then, inside
// the storing transaction, ResolveResponse checks it against its campaign (state,
// timing, channel) and fills the defaults (answered_at, catalogue codes).
#ifndef NPSD_DOMAIN_RESPONSE_H_
#define NPSD_DOMAIN_RESPONSE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/campaign.h"
#include "domain/identity.h"
#include "domain/nps_statistics.h"

namespace npsd::domain {

// kMaxFutureSkew is how far in the future an answered_at may be (client clocks drift).
inline constexpr absl::Duration kMaxFutureSkew = absl::Minutes(5);

// ContactCenterContext describes the interaction a post-call survey is about.
struct ContactCenterContext {
  std::string interaction_id;
  std::string agent_id;
  std::string team;
  std::string queue;
  int32_t wait_seconds = 0;
  int32_t handle_seconds = 0;
  std::string wrap_up_code;
};

// ResponseInput is one response as submitted.
struct ResponseInput {
  std::string campaign_id;  // canonical UUID after validation
  int64_t score = -1;
  std::optional<absl::Time> answered_at;
  std::optional<Channel> channel;
  OrgScope scope;
  std::string comment;
  std::string locale;
  SubjectIdentity subject;
  ContactCenterContext contact_center;
  std::map<std::string, std::string> attributes;
  std::string idempotency_key;
};

// ResolvedResponse is what accepting a response against its campaign decided; the
// stored row is the input it was resolved from with these values.
struct ResolvedResponse {
  absl::Time answered_at;
  absl::Time received_at;
  Channel channel = Channel::kWeb;
  OrgScope scope;  // after the campaign's defaults
  NpsCategory category = NpsCategory::kDetractor;
};

// ValidateResponseInput checks a response on its own and canonicalizes its campaign
// id; field paths start with `field_prefix` (e.g. "response." or "responses[3].").
absl::Status ValidateResponseInput(ResponseInput& input, const std::string& field_prefix);

// ResolveResponse checks a validated response against `campaign` at `received_at`:
// FAILED_PRECONDITION when the campaign does not accept it (DRAFT, closed beyond the
// late window), INVALID_ARGUMENT for an answered_at in the future or before the start,
// or a channel the campaign does not use.
absl::StatusOr<ResolvedResponse> ResolveResponse(const ResponseInput& input, const Campaign& campaign,
                                                 absl::Time received_at, const std::string& field_prefix);

// ResponseFingerprint is a canonical text of everything the client sent; two
// submissions with one idempotency key are the same when their fingerprints are.
std::string ResponseFingerprint(const ResponseInput& input);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_RESPONSE_H_
