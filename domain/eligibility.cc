// eligibility.cc — survey eligibility rules.
#include "domain/eligibility.h"

#include <cstdint>

#include "domain/stable_hash.h"

namespace npsd::domain {

EligibilityDecision DecideEligibility(const EligibilityFacts& facts) {
  if (facts.suppressed) return {false, EligibilityReason::kSuppressed, std::nullopt};
  if (facts.restricted) return {false, EligibilityReason::kRestricted, std::nullopt};
  const Campaign& campaign = facts.campaign;
  const bool ended = campaign.end_time && *campaign.end_time <= facts.now;
  const bool started = !campaign.start_time || *campaign.start_time <= facts.now;
  if (campaign.state != CampaignState::kActive || ended || !started) {
    return {false, EligibilityReason::kCampaignNotActive, std::nullopt};
  }
  if (campaign.fatigue_days > 0 && facts.last_surveyed) {
    const absl::Time eligible_after = *facts.last_surveyed + absl::Hours(24) * campaign.fatigue_days;
    if (facts.now < eligible_after) return {false, EligibilityReason::kFatigue, eligible_after};
  }
  if (facts.sampling_draw >= campaign.sampling_percent) return {false, EligibilityReason::kNotSampled, std::nullopt};
  return {true, EligibilityReason::kEligible, std::nullopt};
}

double SamplingDraw(const std::string& campaign_id, const std::string& interaction_id) {
  const uint64_t hash = StableHash64(campaign_id + '\0' + interaction_id);
  return static_cast<double>(hash % 1000000) / 10000.0;
}

}  // namespace npsd::domain
