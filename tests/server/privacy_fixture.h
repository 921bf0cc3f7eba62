// privacy_fixture.h — a tenant with keys, a campaign and helpers for PrivacyService tests.
//
// PrivacyServiceTest runs on the in-process npsd of ServerTest: a fresh tenant per test
// with an ingestion key, a campaigns key and a `privacy` key (dpo_), one active
// campaign, and helpers to submit responses, make data-subject requests and inspect
// storage as the superuser (TestCipher reads what npsd encrypted). RetentionTest adds
// aged responses and retention policies.
#ifndef NPSD_TESTS_SERVER_PRIVACY_FIXTURE_H_
#define NPSD_TESTS_SERVER_PRIVACY_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "crypto/key_hierarchy.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/privacy_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "privacy/personal_data_cipher.h"
#include "tests/server/server_fixture.h"
#include "tests/support/test_database.h"

namespace npsd::testing {

using nps::v1::DataSubjectRequest;
using nps::v1::ResponseInput;
using nps::v1::Scope;
using nps::v1::SubjectIdentity;

// Person is the identity of a person known by `email` (and optionally more).
inline SubjectIdentity Person(const std::string& email, const std::string& phone = "",
                              const std::string& external_id = "") {
  SubjectIdentity identity;
  identity.set_email(email);
  identity.set_phone(phone);
  identity.set_external_id(external_id);
  return identity;
}

// TestCipher is the personal data cipher of the test server (to read what it stored).
inline privacy::PersonalDataCipher TestCipher() {
  return privacy::PersonalDataCipher(crypto::MasterKey::Parse(kMasterKeyHex).value());
}

// PrivacyServiceTest is a tenant set up for privacy calls.
class PrivacyServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    campaigns_ = nps::v1::CampaignService::NewStub(channel_);
    responses_ = nps::v1::ResponseService::NewStub(channel_);
    privacy_ = nps::v1::PrivacyService::NewStub(channel_);
    tenant_ = CreateTenant("Privacy");
    ingest_ = CreateKey(tenant_, {Scope::SCOPE_INGEST, Scope::SCOPE_READ});
    admin_ = CreateKey(tenant_, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
    dpo_ = CreateKey(tenant_, {Scope::SCOPE_PRIVACY});
    campaign_ = CreateCampaign(admin_);
  }

  // CreateCampaign creates and activates a campaign with `key`; a person who answered
  // it is not surveyed again for `fatigue_days`.
  std::string CreateCampaign(const std::string& key, int fatigue_days = 0) {
    nps::v1::CreateCampaignRequest request;
    nps::v1::Campaign* campaign = request.mutable_campaign();
    campaign->set_name("Post-call");
    campaign->set_fatigue_days(fatigue_days);
    campaign->add_channels(nps::v1::VOICE_POST_CALL);
    campaign->set_default_locale("en");
    campaign->add_questions()->set_locale("en");
    campaign->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
    campaign->set_sampling_percent(100);
    nps::v1::Campaign created;
    EXPECT_TRUE(campaigns_->CreateCampaign(Context(key).get(), request, &created).ok());
    nps::v1::CampaignTransitionRequest transition;
    transition.set_campaign_id(created.id());
    EXPECT_TRUE(campaigns_->ActivateCampaign(Context(key).get(), transition, &created).ok());
    return created.id();
  }

  ResponseInput Input(int score, const SubjectIdentity& subject, const std::string& comment) const {
    ResponseInput input;
    input.set_campaign_id(campaign_);
    input.set_score(score);
    input.set_channel(nps::v1::VOICE_POST_CALL);
    input.set_comment(comment);
    *input.mutable_subject() = subject;
    input.mutable_contact_center()->set_agent_id("agent-7");
    input.mutable_contact_center()->set_queue("billing");
    input.mutable_contact_center()->set_interaction_id(absl::StrCat("call-", ++sequence_));
    return input;
  }

  grpc::Status Push(const ResponseInput& input, std::string* id = nullptr) {
    nps::v1::SubmitResponseRequest request;
    *request.mutable_response() = input;
    nps::v1::SubmitResponseResult result;
    const grpc::Status status = responses_->SubmitResponse(Context(ingest_).get(), request, &result);
    if (id != nullptr) *id = result.response_id();
    return status;
  }

  std::string Submit(const ResponseInput& input) {
    std::string id;
    const grpc::Status status = Push(input, &id);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return id;
  }

  DataSubjectRequest Request(DataSubjectRequest::Type type, const SubjectIdentity& who, bool dry_run = false,
                             const std::string& key = "") {
    nps::v1::CreateDataSubjectRequestRequest request;
    request.set_type(type);
    *request.mutable_identifiers() = who;
    request.set_dry_run(dry_run);
    request.set_reason("ticket DPO-1");
    return Create(request, key);
  }

  DataSubjectRequest Create(const nps::v1::CreateDataSubjectRequestRequest& request, const std::string& key = "") {
    DataSubjectRequest created;
    const grpc::Status status =
        privacy_->CreateDataSubjectRequest(Context(key.empty() ? dpo_ : key).get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Export(const std::string& request_id, std::string* document, int* chunks) {
    nps::v1::ExportDataSubjectDataRequest request;
    request.set_request_id(request_id);
    std::unique_ptr<grpc::ClientContext> context = Context(dpo_);
    auto reader = privacy_->ExportDataSubjectData(context.get(), request);
    nps::v1::DataExportChunk chunk;
    bool last = false;
    while (reader->Read(&chunk)) {
      EXPECT_EQ(chunk.offset(), static_cast<int64_t>(document->size()));
      EXPECT_EQ(chunk.content_type().empty(), *chunks > 0);
      EXPECT_FALSE(last);
      last = chunk.last();
      document->append(chunk.data());
      ++*chunks;
    }
    const grpc::Status status = reader->Finish();
    if (status.ok()) {
      EXPECT_TRUE(last);
    }
    return status;
  }

  nps::v1::CheckEligibilityResponse::Reason Eligibility(const SubjectIdentity& who) {
    nps::v1::CheckEligibilityRequest check;
    check.set_campaign_id(campaign_);
    *check.mutable_subject() = who;
    nps::v1::CheckEligibilityResponse decision;
    EXPECT_TRUE(responses_->CheckEligibility(Context(ingest_).get(), check, &decision).ok());
    return decision.reason();
  }

  void SetErasureMode(nps::v1::PrivacySettings::ErasureMode mode, const std::vector<std::string>& personal_keys) {
    nps::v1::SetPrivacySettingsRequest request;
    request.mutable_settings()->set_erasure_mode(mode);
    for (const std::string& key : personal_keys) request.mutable_settings()->add_personal_attribute_keys(key);
    nps::v1::PrivacySettings stored;
    ASSERT_TRUE(privacy_->SetPrivacySettings(Context(dpo_).get(), request, &stored).ok());
    EXPECT_EQ(stored.erasure_mode(), mode);
  }

  int64_t Count(const std::string& sql) const { return SuperuserQuery(sql)[0][0].as<int64_t>(); }

  std::string Tenant() const { return absl::StrCat("'", tenant_, "'::uuid"); }

  std::string SubjectOf(const std::string& response_id) const {
    return SuperuserQuery(absl::StrCat("SELECT subject_id::text FROM npsd.responses WHERE response_id = '",
                                       response_id, "'"))[0][0]
        .as<std::string>();
  }

  // RollupMismatches counts rollup cells of the tenant that differ from a recount of
  // its raw responses (in both rollup tables, shards summed).
  int64_t RollupMismatches() const {
    std::string cells;
    for (int score = 0; score <= 10; ++score) absl::StrAppend(&cells, score ? ", " : "", "(", score, ", s", score, ")");
    const auto compare = [&](const std::string& table, const std::string& dimensions, const std::string& filter) {
      return absl::StrCat(
          "WITH raw AS (SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, ", dimensions, ", score, count(*) AS n",
          " FROM npsd.responses WHERE tenant_id = ", Tenant(), filter, " GROUP BY day, ", dimensions, ", score),",
          " rolled AS (SELECT day, ", dimensions, ", c.score, sum(c.n)::bigint FROM npsd.", table,
          ", LATERAL (VALUES ", cells, ") AS c(score, n) WHERE tenant_id = ", Tenant(), " GROUP BY day, ", dimensions,
          ", c.score HAVING sum(c.n) <> 0)",
          " SELECT count(*) FROM ((TABLE raw EXCEPT TABLE rolled) UNION ALL (TABLE rolled EXCEPT TABLE raw)) d");
    };
    return Count(compare("response_rollups", "campaign_id, channel, region_code, brand_code, business_unit_code",
                         "")) +
           Count(compare("agent_rollups", "campaign_id, channel, agent_id, queue, team",
                         " AND (agent_id <> '' OR queue <> '' OR team <> '')"));
  }

  std::unique_ptr<nps::v1::CampaignService::Stub> campaigns_;
  std::unique_ptr<nps::v1::ResponseService::Stub> responses_;
  std::unique_ptr<nps::v1::PrivacyService::Stub> privacy_;
  std::string tenant_, ingest_, admin_, dpo_, campaign_;
  mutable int sequence_ = 0;
};

// RetentionTest seeds responses of several ages into campaigns under different rules.
class RetentionTest : public PrivacyServiceTest {
 protected:
  std::string SubmitAged(const std::string& campaign, double days_ago, const SubjectIdentity& who) {
    ResponseInput input = Input(static_cast<int>(days_ago) % 11, who, "aged comment");
    input.set_campaign_id(campaign);
    input.mutable_answered_at()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24 * days_ago)));
    return Submit(input);
  }

  void SetPolicy(const nps::v1::RetentionPolicy& policy, nps::v1::RetentionPolicy* stored) {
    nps::v1::SetRetentionPolicyRequest request;
    *request.mutable_policy() = policy;
    const grpc::Status status = privacy_->SetRetentionPolicy(Context(dpo_).get(), request, stored);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // RunRetentionAs calls RunRetention with `key` and returns its status.
  grpc::Status RunRetentionAs(const std::string& key, nps::v1::RetentionRun* run) {
    return privacy_->RunRetention(Context(key).get(), nps::v1::RunRetentionRequest(), run);
  }

  // Older counts the tenant's responses of `campaign` answered more than `days` before
  // `now` that satisfy `condition`.
  int64_t Older(const std::string& campaign, absl::Time now, int days, const std::string& condition) const {
    return Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant(),
                              " AND campaign_id = '", campaign, "' AND answered_at < npsd.from_micros(",
                              absl::ToUnixMicros(now - absl::Hours(24 * days)), ") AND ", condition));
  }
};

}  // namespace npsd::testing

#endif  // NPSD_TESTS_SERVER_PRIVACY_FIXTURE_H_
