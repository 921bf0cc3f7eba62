// retention.h — how long a tenant keeps responses and the personal data in them.
//
// A tenant's policy has a default rule and per-campaign overrides. A rule removes the
// personal data of a response (its link to a person, comment, contact-center
// interaction id, idempotency key and personal attributes) `personal_data_days` after
// it was answered, keeping the anonymous score, and deletes the response
// `delete_after_days` after it was answered; 0 means no limit. A legal hold — on the
// whole tenant or on one campaign — suspends both until it is lifted.
//
// Evaluation is pure and takes the time as a parameter:
//
//   RetentionPlan plan(policy, now);
//   switch (plan.Decide(response.campaign_id, response.answered_at, has_personal_data)) {...}
//
// The storage layer turns the plan's cutoffs into SQL to find candidates in batches
// and applies Decide to each of them.
#ifndef NPSD_DOMAIN_RETENTION_H_
#define NPSD_DOMAIN_RETENTION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace npsd::domain {

// kMaxRetentionDays bounds every retention period (100 years).
inline constexpr int32_t kMaxRetentionDays = 36500;

// kMinRetentionDays is the shortest non-zero period: idempotency keys, which leave with
// the personal data, are promised for at least this long.
inline constexpr int32_t kMinRetentionDays = 7;

// kMaxRetentionOverrides bounds the per-campaign overrides of a policy.
inline constexpr size_t kMaxRetentionOverrides = 1000;

// RetentionRule gives the two retention periods, in days after answering; 0: no limit.
struct RetentionRule {
  int32_t personal_data_days = 0;
  int32_t delete_after_days = 0;
};

// CampaignRetention overrides the default rule for one campaign.
struct CampaignRetention {
  std::string campaign_id;
  RetentionRule rule;       // replaces the default rule for this campaign
  bool legal_hold = false;  // suspends retention for this campaign
};

// RetentionPolicy is a tenant's retention policy.
struct RetentionPolicy {
  RetentionRule default_rule;
  std::vector<CampaignRetention> campaign_overrides;
  bool legal_hold = false;                // suspends retention for the whole tenant
  std::optional<absl::Time> update_time;  // unset until the policy is first set

  // IsHeld is true when a legal hold covers the campaign `campaign_id`.
  bool IsHeld(const std::string& campaign_id) const;
};

// ValidateRetentionPolicy checks a policy and canonicalizes its campaign ids: periods
// of 0 or kMinRetentionDays..kMaxRetentionDays, a personal_data_days not after a
// non-zero delete_after_days, valid and distinct
// campaign ids, at most kMaxRetentionOverrides overrides. Field paths start with
// "policy." (e.g. "policy.campaign_overrides[2].rule.delete_after_days").
absl::Status ValidateRetentionPolicy(RetentionPolicy& policy);

// RetentionAction is what retention does to one response.
enum class RetentionAction { kKeep, kRemovePersonalData, kDelete };

// RetentionCutoffs are the times before which a campaign's responses lose their
// personal data or are deleted; unset: never.
struct RetentionCutoffs {
  std::optional<absl::Time> remove_personal_data_before;
  std::optional<absl::Time> delete_before;
};

// RetentionPlan is a policy evaluated at one moment.
class RetentionPlan {
 public:
  // RetentionPlan evaluates `policy` at `now`.
  RetentionPlan(const RetentionPolicy& policy, absl::Time now);

  // Decide says what happens to a response of `campaign_id` answered at `answered_at`
  // that still holds personal data when `has_personal_data`.
  RetentionAction Decide(const std::string& campaign_id, absl::Time answered_at, bool has_personal_data) const;

  // default_cutoffs apply to every campaign without an override.
  const RetentionCutoffs& default_cutoffs() const { return default_cutoffs_; }

  // campaign_cutoffs are those of the campaigns with an override, by campaign id.
  const std::map<std::string, RetentionCutoffs>& campaign_cutoffs() const { return campaign_cutoffs_; }

  // latest_cutoff is the latest of all cutoffs: no response answered at or after it is
  // touched. Unset when the plan does nothing at all.
  std::optional<absl::Time> latest_cutoff() const { return latest_cutoff_; }

  // subject_cutoff: a person none of whose responses is kept any more, and who was last
  // surveyed before this time, is deleted with their identifiers. It follows the
  // shortest period of the policy; unset under a tenant-wide legal hold or without limits.
  std::optional<absl::Time> subject_cutoff() const { return subject_cutoff_; }

 private:
  RetentionCutoffs default_cutoffs_;
  std::map<std::string, RetentionCutoffs> campaign_cutoffs_;
  std::optional<absl::Time> latest_cutoff_;
  std::optional<absl::Time> subject_cutoff_;
};

}  // namespace npsd::domain

#endif  // NPSD_DOMAIN_RETENTION_H_
