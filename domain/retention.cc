// retention.cc — retention policy validation and evaluation.
#include "domain/retention.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "domain/field_violation.h"
#include "domain/uuid.h"

namespace npsd::domain {
namespace {

void CheckPeriod(const std::string& field, int32_t days, FieldViolations& violations) {
  if (days != 0 && (days < kMinRetentionDays || days > kMaxRetentionDays)) {
    violations.Add(field, absl::StrCat("must be 0 (no limit) or ", kMinRetentionDays, " to ", kMaxRetentionDays,
                                       " days"));
  }
}

void CheckRule(const std::string& prefix, const RetentionRule& rule, FieldViolations& violations) {
  CheckPeriod(prefix + "personal_data_days", rule.personal_data_days, violations);
  CheckPeriod(prefix + "delete_after_days", rule.delete_after_days, violations);
  if (rule.delete_after_days != 0 && rule.personal_data_days > rule.delete_after_days) {
    violations.Add(prefix + "personal_data_days", "must not exceed delete_after_days");
  }
}

// Before returns the cutoff of a period ending at `now`; unset for no limit.
std::optional<absl::Time> Before(absl::Time now, int32_t days) {
  if (days == 0) return std::nullopt;
  return now - absl::Hours(24) * days;
}

RetentionCutoffs CutoffsOf(const RetentionRule& rule, bool held, absl::Time now) {
  if (held) return {};
  return {Before(now, rule.personal_data_days), Before(now, rule.delete_after_days)};
}

// Later returns the later of two optional times (unset counts as absent).
std::optional<absl::Time> Later(std::optional<absl::Time> a, std::optional<absl::Time> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

}  // namespace

bool RetentionPolicy::IsHeld(const std::string& campaign_id) const {
  if (legal_hold) return true;
  return std::any_of(campaign_overrides.begin(), campaign_overrides.end(), [&](const CampaignRetention& entry) {
    return entry.legal_hold && entry.campaign_id == campaign_id;
  });
}

absl::Status ValidateRetentionPolicy(RetentionPolicy& policy) {
  FieldViolations violations;
  CheckRule("policy.default_rule.", policy.default_rule, violations);
  if (policy.campaign_overrides.size() > kMaxRetentionOverrides) {
    violations.Add("policy.campaign_overrides",
                   absl::StrCat("must hold at most ", kMaxRetentionOverrides, " overrides"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < policy.campaign_overrides.size(); ++i) {
    CampaignRetention& entry = policy.campaign_overrides[i];
    const std::string prefix = absl::StrCat("policy.campaign_overrides[", i, "].");
    std::optional<std::string> id = CanonicalUuid(entry.campaign_id);
    if (!id) {
      violations.Add(prefix + "campaign_id", "must be a campaign id");
    } else if (!seen.insert(*id).second) {
      violations.Add(prefix + "campaign_id", "has another override already");
    } else {
      entry.campaign_id = *id;
    }
    CheckRule(prefix + "rule.", entry.rule, violations);
  }
  return violations.ToStatus();
}

RetentionPlan::RetentionPlan(const RetentionPolicy& policy, absl::Time now)
    : default_cutoffs_(CutoffsOf(policy.default_rule, policy.legal_hold, now)) {
  int32_t shortest = 0;
  const auto consider = [&](const RetentionRule& rule, const RetentionCutoffs& cutoffs) {
    latest_cutoff_ = Later(latest_cutoff_, Later(cutoffs.remove_personal_data_before, cutoffs.delete_before));
    for (int32_t days : {rule.personal_data_days, rule.delete_after_days}) {
      if (days != 0 && (shortest == 0 || days < shortest)) shortest = days;
    }
  };
  consider(policy.default_rule, default_cutoffs_);
  for (const CampaignRetention& entry : policy.campaign_overrides) {
    const RetentionCutoffs cutoffs = CutoffsOf(entry.rule, policy.legal_hold || entry.legal_hold, now);
    campaign_cutoffs_[entry.campaign_id] = cutoffs;
    consider(entry.rule, cutoffs);
  }
  if (!policy.legal_hold) subject_cutoff_ = Before(now, shortest);
}

RetentionAction RetentionPlan::Decide(const std::string& campaign_id, absl::Time answered_at,
                                      bool has_personal_data) const {
  const auto found = campaign_cutoffs_.find(campaign_id);
  const RetentionCutoffs& cutoffs = found == campaign_cutoffs_.end() ? default_cutoffs_ : found->second;
  if (cutoffs.delete_before && answered_at < *cutoffs.delete_before) return RetentionAction::kDelete;
  if (has_personal_data && cutoffs.remove_personal_data_before && answered_at < *cutoffs.remove_personal_data_before) {
    return RetentionAction::kRemovePersonalData;
  }
  return RetentionAction::kKeep;
}

}  // namespace npsd::domain
