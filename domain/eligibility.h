// eligibility.h — should a person be offered a campaign's survey now?
//
// The storage layer gathers the facts (campaign, the person's suppression, restriction
// and last survey); DecideEligibility applies the rules in a fixed order: suppression,
// restriction, campaign state, fatigue, sampling.
#ifndef NPSD_DOMAIN_ELIGIBILITY_H_
#define NPSD_DOMAIN_ELIGIBILITY_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "domain/campaign.h"

namespace npsd::domain {

// EligibilityReason explains a decision.
enum class EligibilityReason { kEligible, kCampaignNotActive, kNotSampled, kFatigue, kSuppressed, kRestricted };

// EligibilityFacts are the inputs of a decision.
struct EligibilityFacts {
  Campaign campaign;
  bool suppressed = false;                   // the person's data was erased
  bool restricted = false;                   // the person restricted processing
  std::optional<absl::Time> last_surveyed;   // the person's latest answer to this tenant
  double sampling_draw = 0;                  // uniform in [0, 100)
  absl::Time now;
};

// EligibilityDecision is the answer.
struct EligibilityDecision {
  bool eligible = false;
  EligibilityReason reason = EligibilityReason::kCampaignNotActive;
  std::optional<absl::Time> eligible_after;  // with kFatigue
};

// DecideEligibility applies the rules to `facts`.
EligibilityDecision DecideEligibility(const EligibilityFacts& facts);

// SamplingDraw maps a campaign and an interaction id to a stable number in [0, 100), so
// that retries for one interaction get the same sampling answer.
double SamplingDraw(const std::string& campaign_id, const std::string& interaction_id);

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_ELIGIBILITY_H_
