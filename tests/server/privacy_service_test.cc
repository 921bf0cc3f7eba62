// privacy_service_test.cc — data-subject requests and retention end to end: real gRPC,
// real PostgreSQL, storage inspected as the superuser and with pg_dump.
#include <cstdio>
#include <set>

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "domain/retention.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/field_conversions.h"
#include "storage/pg/retention_runner.h"
#include "tests/server/privacy_fixture.h"
#include "tests/support/test_database.h"

namespace npsd::testing {
namespace {

// PgDump returns a plain-text dump of the whole test database.
std::string PgDump() {
  const std::string command = "/usr/lib/postgresql/15/bin/pg_dump --no-owner '" + SuperuserUrl() + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string dump;
  if (pipe == nullptr) return dump;
  char buffer[1 << 16];
  size_t read;
  while ((read = fread(buffer, 1, sizeof(buffer), pipe)) > 0) dump.append(buffer, read);
  EXPECT_EQ(pclose(pipe), 0);
  return dump;
}

TEST_F(PrivacyServiceTest, ErasureShredsTheSubjectKeepsAnonymousScoresAndSuppressesItsIdentifiers) {
  SetErasureMode(nps::v1::PrivacySettings::KEEP_ANONYMOUS_SCORES, {"customer_name"});
  const SubjectIdentity ana = Person("Erasure.Canary.Ana@Example.com", "+33 6 11 22 33 44", "cust-canary-77");
  std::vector<std::string> ana_responses;
  for (int i = 0; i < 3; ++i) {
    ResponseInput input = Input(3 + i, i == 2 ? Person("", "", "cust-canary-77") : ana,
                                absl::StrCat("zq canary comment ", i));
    (*input.mutable_attributes())["customer_name"] = "Zyxw Canaryname";
    (*input.mutable_attributes())["plan"] = "gold";
    ana_responses.push_back(Submit(input));
  }
  const std::string bob_response = Submit(Input(9, Person("bob@example.com"), "bob likes it"));
  const std::string ana_subject = SubjectOf(ana_responses[0]);
  const std::string bob_subject = SubjectOf(bob_response);
  const pqxx::row saved = SuperuserQuery(absl::StrCat(
      "SELECT (SELECT comment_ciphertext FROM npsd.responses WHERE response_id = '", ana_responses[0], "'),"
      " (SELECT value_ciphertext FROM npsd.subject_identifiers WHERE subject_id = '", ana_subject,
      "' AND kind = 'EMAIL'), (SELECT value_ciphertext FROM npsd.subject_identifiers WHERE subject_id = '",
      bob_subject, "'), (SELECT wrapped_key FROM npsd.subjects WHERE subject_id = '", bob_subject, "')"))[0];

  const DataSubjectRequest dry = Request(DataSubjectRequest::ERASURE, Person("erasure.canary.ana@example.com"), true);
  EXPECT_EQ(dry.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(dry.records_found(), 6);  // 3 identifiers, 3 responses
  EXPECT_EQ(dry.records_affected(), 6);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE subject_id = '", ana_subject, "'")), 3);

  nps::v1::CreateDataSubjectRequestRequest create;
  create.set_type(DataSubjectRequest::ERASURE);
  *create.mutable_identifiers() = Person("erasure.canary.ana@example.com");
  create.set_reason("dsr-reason-marker-4242");
  const DataSubjectRequest erased = Create(create);
  EXPECT_EQ(erased.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(erased.subjects_found(), 1);
  EXPECT_EQ(erased.records_affected(), 6);
  EXPECT_TRUE(erased.has_complete_time());

  // No row anywhere refers to the subject any more.
  for (const auto& table : SuperuserQuery("SELECT table_name FROM information_schema.columns"
                                          " WHERE table_schema = 'npsd' AND column_name = 'subject_id'")) {
    EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.", table[0].as<std::string>(), " WHERE subject_id = '",
                                 ana_subject, "'")),
              0)
        << table[0].as<std::string>();
  }
  // The scores stay, anonymous: no comment, interaction, key or personal attribute.
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant(),
                               " AND subject_id IS NULL AND comment_ciphertext IS NULL AND interaction_id = ''"
                               " AND attributes = '{plan=gold}'")),
            3);
  EXPECT_EQ(RollupMismatches(), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.suppressed_identifiers WHERE tenant_id = ", Tenant())), 3);

  // The saved ciphertext cannot be opened any more; the other subject's still can.
  const privacy::PersonalDataCipher cipher = TestCipher();
  const std::string bob_key =
      cipher.UnwrapSubjectKey(tenant_, bob_subject, storage::pg::BytesField(saved[3])).value();
  EXPECT_EQ(cipher.OpenIdentifier(bob_key, tenant_, bob_subject, domain::IdentifierKind::kEmail,
                                  storage::pg::BytesField(saved[2]))
                .value(),
            "bob@example.com");
  EXPECT_FALSE(cipher.OpenComment("", tenant_, ana_responses[0], storage::pg::BytesField(saved[0])).ok());
  EXPECT_FALSE(cipher.OpenComment(bob_key, tenant_, ana_responses[0], storage::pg::BytesField(saved[0])).ok());
  EXPECT_FALSE(cipher.OpenIdentifier(bob_key, tenant_, ana_subject, domain::IdentifierKind::kEmail,
                                     storage::pg::BytesField(saved[1]))
                   .ok());
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.subjects WHERE subject_id = '", ana_subject, "'")), 0);

  // Nothing of the person survives in clear text anywhere in the database.
  const std::string dump = PgDump();
  ASSERT_NE(dump.find("dsr-reason-marker-4242"), std::string::npos) << "the dump misses the privacy tables";
  for (const char* secret : {"erasure.canary.ana", "Erasure.Canary", "+33611223344", "33 6 11 22", "cust-canary-77",
                             "zq canary comment", "Zyxw Canaryname"}) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << secret;
  }

  // Every identifier of the person, named in the request or not, is refused from now on.
  for (const SubjectIdentity& who : {Person("ERASURE.canary.ana@example.com"), Person("", "+33611223344"),
                                     Person("", "", "cust-canary-77")}) {
    EXPECT_EQ(Push(Input(8, who, "")).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(Eligibility(who), nps::v1::CheckEligibilityResponse::SUPPRESSED);
  }
  EXPECT_EQ(Eligibility(Person("bob@example.com")), nps::v1::CheckEligibilityResponse::ELIGIBLE);

  // Erasing again completes with nothing affected and the suppression kept.
  const DataSubjectRequest again = Request(DataSubjectRequest::ERASURE, Person("erasure.canary.ana@example.com"));
  EXPECT_EQ(again.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(again.subjects_found(), 0);
  EXPECT_EQ(again.records_affected(), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.suppressed_identifiers WHERE tenant_id = ", Tenant())), 3);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events WHERE tenant_id = ", Tenant(),
                               " AND action = 'privacy.erasure' AND actor <> '' AND target_id <> ''")),
            3);
}

TEST_F(PrivacyServiceTest, ErasureCanDeleteTheResponsesOutOfTheRollups) {
  SetErasureMode(nps::v1::PrivacySettings::DELETE_RESPONSES, {});
  for (int i = 0; i < 4; ++i) Submit(Input(i * 3, Person("gone@example.com"), "soon gone"));
  const std::string kept = Submit(Input(10, Person("stays@example.com"), "still here"));
  EXPECT_EQ(RollupMismatches(), 0);
  const DataSubjectRequest erased = Request(DataSubjectRequest::ERASURE, Person("gone@example.com"));
  EXPECT_EQ(erased.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(erased.records_affected(), 5);  // 4 responses, 1 identifier
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant())), 1);
  EXPECT_EQ(Count(absl::StrCat("SELECT coalesce(sum(s0 + s3 + s6 + s9), 0) FROM npsd.response_rollups"
                               " WHERE tenant_id = ", Tenant())),
            0);
  EXPECT_EQ(RollupMismatches(), 0);
  nps::v1::GetResponseRequest get;
  get.set_response_id(kept);
  nps::v1::Response stored;
  ASSERT_TRUE(responses_->GetResponse(Context(ingest_).get(), get, &stored).ok());
  EXPECT_EQ(stored.comment(), "still here");
}

TEST_F(PrivacyServiceTest, AccessExportEqualsWhatIsStoredAboutThePersonAndNothingElse) {
  const SubjectIdentity ana = Person("ana@example.com", "+33 6 12 34 56 78", "c-123");
  std::vector<std::string> seeded;
  std::vector<ResponseInput> inputs;
  for (int i = 0; i < 9; ++i) {
    ResponseInput input = Input(i, ana, std::string(4000, static_cast<char>('a' + i)));
    input.mutable_answered_at()->set_seconds(absl::ToUnixSeconds(absl::Now()) - 1000 + i);
    input.mutable_contact_center()->set_wait_seconds(10 + i);
    (*input.mutable_attributes())["visit"] = absl::StrCat(i);
    inputs.push_back(input);
    seeded.push_back(Submit(input));
  }
  Submit(Input(7, Person("bob@example.com"), "bob-private-comment"));
  const std::string other = CreateTenant("Other");
  const std::string other_ingest = CreateKey(other, {Scope::SCOPE_INGEST});
  const std::string other_admin = CreateKey(other, {Scope::SCOPE_CAMPAIGNS});
  ResponseInput foreign = Input(1, ana, "other-tenant-comment");
  foreign.set_campaign_id(CreateCampaign(other_admin));
  nps::v1::SubmitResponseRequest push;
  *push.mutable_response() = foreign;
  nps::v1::SubmitResponseResult pushed;
  ASSERT_TRUE(responses_->SubmitResponse(Context(other_ingest).get(), push, &pushed).ok());

  const DataSubjectRequest earlier = Request(DataSubjectRequest::RESTRICTION, Person("", "+33612345678"), true);
  const DataSubjectRequest access = Request(DataSubjectRequest::ACCESS, Person("ANA@example.com"));
  EXPECT_EQ(access.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(access.records_found(), 12);  // 3 identifiers, 9 responses
  EXPECT_EQ(access.records_affected(), 0);

  std::string document;
  int chunks = 0;
  ASSERT_TRUE(Export(access.id(), &document, &chunks).ok());
  EXPECT_GE(chunks, 2);
  nps::v1::DataSubjectExport exported;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(document, &exported).ok());
  EXPECT_EQ(exported.request_id(), access.id());
  ASSERT_EQ(exported.subjects_size(), 1);
  const nps::v1::ExportedSubject& subject = exported.subjects(0);
  EXPECT_EQ(subject.subject_id(), SubjectOf(seeded[0]));
  EXPECT_FALSE(subject.restricted());
  ASSERT_EQ(subject.identifiers_size(), 3);
  EXPECT_EQ(subject.identifiers(0).kind(), nps::v1::ExportedIdentifier::EXTERNAL_ID);
  EXPECT_EQ(subject.identifiers(0).value(), "c-123");
  EXPECT_EQ(subject.identifiers(1).kind(), nps::v1::ExportedIdentifier::EMAIL);
  EXPECT_EQ(subject.identifiers(1).value(), "ana@example.com");
  EXPECT_EQ(subject.identifiers(2).kind(), nps::v1::ExportedIdentifier::PHONE);
  EXPECT_EQ(subject.identifiers(2).value(), "+33612345678");
  ASSERT_EQ(subject.responses_size(), 9);
  for (int i = 0; i < 9; ++i) {
    const nps::v1::Response& response = subject.responses(i);
    EXPECT_EQ(response.id(), seeded[i]);
    EXPECT_EQ(response.score(), inputs[i].score());
    EXPECT_EQ(response.comment(), inputs[i].comment());
    EXPECT_EQ(response.answered_at().seconds(), inputs[i].answered_at().seconds());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(response.contact_center(),
                                                                   inputs[i].contact_center()));
    EXPECT_EQ(response.attributes().at("visit"), absl::StrCat(i));
    nps::v1::GetResponseRequest get;
    get.set_response_id(seeded[i]);
    nps::v1::Response stored;
    ASSERT_TRUE(responses_->GetResponse(Context(ingest_).get(), get, &stored).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(response, stored)) << i;
  }
  ASSERT_EQ(exported.requests_size(), 2);
  EXPECT_EQ(exported.requests(0).id(), earlier.id());
  EXPECT_EQ(exported.requests(1).id(), access.id());
  for (const std::string& foreign_text : {std::string("bob"), std::string("other-tenant-comment"), other,
                                          pushed.response_id()}) {
    EXPECT_EQ(document.find(foreign_text), std::string::npos) << foreign_text;
  }

  // Only completed ACCESS requests have an export, and only for their own tenant.
  document.clear();
  chunks = 0;
  EXPECT_EQ(Export(earlier.id(), &document, &chunks).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const std::string other_dpo = CreateKey(other, {Scope::SCOPE_PRIVACY});
  nps::v1::GetDataSubjectRequestRequest get;
  get.set_request_id(access.id());
  DataSubjectRequest found;
  EXPECT_EQ(privacy_->GetDataSubjectRequest(Context(other_dpo).get(), get, &found).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(privacy_->GetDataSubjectRequest(Context(ingest_).get(), get, &found).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const DataSubjectRequest elsewhere = Request(DataSubjectRequest::ACCESS, Person("ana@example.com"), false, other_dpo);
  EXPECT_EQ(elsewhere.records_found(), 4);  // the other tenant's own 3 identifiers and 1 response
}

TEST_F(PrivacyServiceTest, RestrictionStopsSurveysAndIngestionUntilLifted) {
  const SubjectIdentity carl = Person("carl@example.com");
  Submit(Input(6, carl, "meh"));
  const DataSubjectRequest restricted = Request(DataSubjectRequest::RESTRICTION, carl);
  EXPECT_EQ(restricted.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(restricted.records_affected(), 2);
  EXPECT_EQ(Eligibility(carl), nps::v1::CheckEligibilityResponse::RESTRICTED);
  EXPECT_EQ(Push(Input(7, carl, "")).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Request(DataSubjectRequest::RESTRICTION, carl).records_affected(), 0);

  nps::v1::CreateDataSubjectRequestRequest lift;
  lift.set_type(DataSubjectRequest::RESTRICTION);
  *lift.mutable_identifiers() = carl;
  lift.set_lift_restriction(true);
  const DataSubjectRequest lifted = Create(lift);
  EXPECT_TRUE(lifted.lift_restriction());
  EXPECT_EQ(lifted.records_affected(), 2);
  EXPECT_EQ(Eligibility(carl), nps::v1::CheckEligibilityResponse::ELIGIBLE);
  EXPECT_TRUE(Push(Input(7, carl, "")).ok());
}

TEST_F(PrivacyServiceTest, RectificationReplacesIdentifierValuesUnderTheSubjectsKey) {
  const std::string dora_response = Submit(Input(8, Person("dora.old@example.com"), "fine"));
  Submit(Input(9, Person("eve@example.com"), "great"));
  const std::string dora = SubjectOf(dora_response);
  nps::v1::CreateDataSubjectRequestRequest rectify;
  rectify.set_type(DataSubjectRequest::RECTIFICATION);
  *rectify.mutable_identifiers() = Person("dora.old@example.com");
  *rectify.mutable_rectified_identifiers() = Person("Dora.New@example.com", "+44 20 7946 0000");
  const DataSubjectRequest done = Create(rectify);
  EXPECT_EQ(done.status(), DataSubjectRequest::COMPLETED);
  EXPECT_EQ(done.records_affected(), 2);

  EXPECT_EQ(Request(DataSubjectRequest::ACCESS, Person("dora.old@example.com")).subjects_found(), 0);
  const DataSubjectRequest access = Request(DataSubjectRequest::ACCESS, Person("dora.new@example.com"));
  std::string document;
  int chunks = 0;
  ASSERT_TRUE(Export(access.id(), &document, &chunks).ok());
  nps::v1::DataSubjectExport exported;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(document, &exported).ok());
  ASSERT_EQ(exported.subjects_size(), 1);
  EXPECT_EQ(exported.subjects(0).subject_id(), dora);
  ASSERT_EQ(exported.subjects(0).identifiers_size(), 2);
  EXPECT_EQ(exported.subjects(0).identifiers(0).value(), "dora.new@example.com");
  EXPECT_EQ(exported.subjects(0).identifiers(1).value(), "+442079460000");
  EXPECT_EQ(document.find("dora.old"), std::string::npos);
  EXPECT_EQ(SubjectOf(Submit(Input(5, Person("dora.new@example.com"), ""))), dora);

  // A value that already names someone else is not applied.
  *rectify.mutable_identifiers() = Person("dora.new@example.com");
  *rectify.mutable_rectified_identifiers() = Person("eve@example.com", "+44 20 7946 0001");
  const DataSubjectRequest partial = Create(rectify);
  EXPECT_EQ(partial.status(), DataSubjectRequest::PARTIALLY_COMPLETED);
  EXPECT_FALSE(partial.detail().empty());
  *rectify.mutable_rectified_identifiers() = Person("eve@example.com");
  EXPECT_EQ(Create(rectify).status(), DataSubjectRequest::REJECTED);
  EXPECT_EQ(Request(DataSubjectRequest::ACCESS, Person("eve@example.com")).records_found(), 2);
}

TEST_F(PrivacyServiceTest, RequestsAreValidatedListedAndReportedOverdue) {
  nps::v1::CreateDataSubjectRequestRequest bad;
  bad.set_type(DataSubjectRequest::ERASURE);
  bad.mutable_identifiers()->set_email("not-an-address-zq");
  DataSubjectRequest created;
  const grpc::Status invalid = privacy_->CreateDataSubjectRequest(Context(dpo_).get(), bad, &created);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(invalid.error_message().find("identifiers.email"), std::string::npos);
  EXPECT_EQ(invalid.error_message().find("not-an-address-zq"), std::string::npos);

  const DataSubjectRequest access = Request(DataSubjectRequest::ACCESS, Person("fay@example.com"));
  const DataSubjectRequest erasure = Request(DataSubjectRequest::ERASURE, Person("gus@example.com"), true);
  const DataSubjectRequest stuck = Request(DataSubjectRequest::RESTRICTION, Person("hal@example.com"));
  EXPECT_EQ(access.due_time().seconds() - access.receive_time().seconds(), 30 * 24 * 3600);
  SuperuserQuery(absl::StrCat("UPDATE npsd.data_subject_requests SET status = 'RUNNING', complete_time = NULL,"
                              " receive_time = now() - interval '31 days', due_time = now() - interval '1 day'"
                              " WHERE request_id = '", stuck.id(), "'"));

  nps::v1::ListDataSubjectRequestsRequest list;
  list.set_page_size(1);
  std::vector<std::string> ids;
  do {
    nps::v1::ListDataSubjectRequestsResponse page;
    ASSERT_TRUE(privacy_->ListDataSubjectRequests(Context(dpo_).get(), list, &page).ok());
    for (const DataSubjectRequest& request : page.requests()) ids.push_back(request.id());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(ids, (std::vector<std::string>{erasure.id(), access.id(), stuck.id()}));

  list.Clear();
  list.set_overdue_only(true);
  nps::v1::ListDataSubjectRequestsResponse overdue;
  ASSERT_TRUE(privacy_->ListDataSubjectRequests(Context(dpo_).get(), list, &overdue).ok());
  ASSERT_EQ(overdue.requests_size(), 1);
  EXPECT_EQ(overdue.requests(0).id(), stuck.id());
  EXPECT_TRUE(overdue.requests(0).overdue());
  list.Clear();
  list.set_type(DataSubjectRequest::ERASURE);
  list.set_status(DataSubjectRequest::COMPLETED);
  nps::v1::ListDataSubjectRequestsResponse erasures;
  ASSERT_TRUE(privacy_->ListDataSubjectRequests(Context(dpo_).get(), list, &erasures).ok());
  ASSERT_EQ(erasures.requests_size(), 1);
  EXPECT_TRUE(erasures.requests(0).dry_run());
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.data_subject_requests WHERE tenant_id = ", Tenant(),
                               " AND array_length(identifier_hashes, 1) = 1")),
            3);
}

TEST_F(RetentionTest, RunsWithAnInjectedClockLeaveNothingOlderThanThePolicyExceptUnderLegalHold) {
  const std::string longer = CreateCampaign(admin_);
  const std::string held = CreateCampaign(admin_);
  SubmitAged(campaign_, 5, Person("ida@example.com"));
  SubmitAged(campaign_, 40, Person("ida@example.com"));
  SubmitAged(campaign_, 400, Person("jon@example.com"));  // jon has nothing else: deleted as a person too
  SubmitAged(longer, 40, Person("kim@example.com"));
  SubmitAged(longer, 400, Person("kim@example.com"));
  SubmitAged(held, 900, Person("lea@example.com"));
  SubmitAged(held, 10, Person("lea@example.com"));

  nps::v1::RetentionPolicy policy;
  policy.mutable_default_rule()->set_personal_data_days(30);
  policy.mutable_default_rule()->set_delete_after_days(365);
  nps::v1::CampaignRetention* longer_rule = policy.add_campaign_overrides();
  longer_rule->set_campaign_id(longer);
  longer_rule->mutable_rule()->set_personal_data_days(100);
  longer_rule->mutable_rule()->set_delete_after_days(730);
  nps::v1::CampaignRetention* hold = policy.add_campaign_overrides();
  hold->set_campaign_id(held);
  *hold->mutable_rule() = policy.default_rule();
  hold->set_legal_hold(true);
  nps::v1::RetentionPolicy stored;
  SetPolicy(policy, &stored);
  EXPECT_TRUE(stored.has_update_time());
  EXPECT_EQ(stored.campaign_overrides_size(), 2);

  nps::v1::RetentionPreview preview;
  ASSERT_TRUE(privacy_->PreviewRetention(Context(dpo_).get(), {}, &preview).ok());
  EXPECT_EQ(preview.responses_to_delete(), 1);
  EXPECT_EQ(preview.responses_to_anonymize(), 2);
  EXPECT_EQ(preview.subjects_to_delete(), 1);

  storage::pg::ConnectionPool pool(MigratedAppUrl(), 2);
  storage::pg::RetentionRunner runner(pool, {AppUrl(), 2});
  {
    // Another runner holds the lock: this one does nothing.
    pqxx::connection other(SuperuserUrl());
    pqxx::nontransaction lock(other);
    lock.exec_params("SELECT pg_advisory_lock($1)", storage::pg::RetentionRunner::kLockKey);
    const auto skipped = runner.RunTenant(tenant_, absl::Now());
    ASSERT_TRUE(skipped.ok()) << skipped.status();
    EXPECT_FALSE(skipped->ran);
    // Unlock explicitly: a closed connection's backend releases its locks only once it
    // has exited, which may be after the next line runs.
    lock.exec_params("SELECT pg_advisory_unlock($1)", storage::pg::RetentionRunner::kLockKey);
  }
  const absl::Time now = absl::Now();
  const auto first = runner.RunTenant(tenant_, now);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->ran);
  EXPECT_EQ(first->responses_deleted, preview.responses_to_delete());
  EXPECT_EQ(first->responses_anonymized, preview.responses_to_anonymize());
  EXPECT_EQ(first->subjects_deleted, preview.subjects_to_delete());
  EXPECT_EQ(RollupMismatches(), 0);

  const std::string personal = "(subject_id IS NOT NULL OR comment_ciphertext IS NOT NULL OR interaction_id <> '')";
  const absl::Time later = now + absl::Hours(24 * 1000);
  for (const absl::Time at : {now, later}) {
    if (at == later) {
      ASSERT_TRUE(runner.RunTenant(tenant_, later).ok());
    }
    EXPECT_EQ(Older(campaign_, at, 365, "true"), 0);
    EXPECT_EQ(Older(campaign_, at, 30, personal), 0);
    EXPECT_EQ(Older(longer, at, 730, "true"), 0);
    EXPECT_EQ(Older(longer, at, 100, personal), 0);
    EXPECT_EQ(RollupMismatches(), 0);
  }
  EXPECT_EQ(Older(held, later, 0, personal), 2);  // the legal hold keeps everything as it was
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant())), 2);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.subjects WHERE tenant_id = ", Tenant())), 1);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events WHERE tenant_id = ", Tenant(),
                               " AND action = 'retention.run' AND outcome = 'OK'")),
            2);

  // The legal hold also stops the erasure of anyone who answered the held campaign.
  const DataSubjectRequest refused = Request(DataSubjectRequest::ERASURE, Person("lea@example.com"));
  EXPECT_EQ(refused.status(), DataSubjectRequest::REJECTED);
  EXPECT_EQ(refused.records_affected(), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.suppressed_identifiers WHERE tenant_id = ", Tenant())), 0);
}

TEST_F(RetentionTest, AnAnswerRetentionTakesAwayStillCountsForSurveyFatigue) {
  // Max answered the fatigue campaign 40 days ago, kept 30 days, and a long-kept one
  // 200 days ago: once the recent answer is anonymized, only the subject remembers it.
  campaign_ = CreateCampaign(admin_, 120);
  const std::string long_kept = CreateCampaign(admin_);
  const SubjectIdentity max = Person("max@example.com");
  SubmitAged(campaign_, 40, max);
  SubmitAged(long_kept, 200, max);
  nps::v1::RetentionPolicy policy;
  policy.mutable_default_rule()->set_personal_data_days(30);
  nps::v1::CampaignRetention* longer = policy.add_campaign_overrides();
  longer->set_campaign_id(long_kept);
  longer->mutable_rule()->set_personal_data_days(365);
  nps::v1::RetentionPolicy stored;
  SetPolicy(policy, &stored);
  EXPECT_EQ(Eligibility(max), nps::v1::CheckEligibilityResponse::FATIGUE);

  storage::pg::ConnectionPool pool(MigratedAppUrl(), 2);
  storage::pg::RetentionRunner runner(pool, {AppUrl(), 2});
  {
    // A data-subject request holds Max's subject: the batch leaves Max's answer for later
    // rather than wait (the request may be waiting for that answer's row lock).
    pqxx::connection request(SuperuserUrl());
    pqxx::work lock(request);
    lock.exec(absl::StrCat("SELECT FROM npsd.subjects WHERE tenant_id = ", Tenant(), " FOR UPDATE"));
    const auto held = runner.RunTenant(tenant_, absl::Now());
    ASSERT_TRUE(held.ok()) << held.status();
    EXPECT_EQ(held->responses_anonymized, 0);
  }
  const auto run = runner.RunTenant(tenant_, absl::Now());
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->responses_anonymized, 1);
  EXPECT_EQ(run->subjects_deleted, 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant(),
                               " AND subject_id IS NOT NULL")),
            1);
  EXPECT_EQ(Eligibility(max), nps::v1::CheckEligibilityResponse::FATIGUE);
}

TEST_F(RetentionTest, PolicyIsValidatedAndReadBack) {
  nps::v1::RetentionPolicy empty;
  ASSERT_TRUE(privacy_->GetRetentionPolicy(Context(dpo_).get(), {}, &empty).ok());
  EXPECT_FALSE(empty.has_update_time());
  nps::v1::SetRetentionPolicyRequest request;
  request.mutable_policy()->mutable_default_rule()->set_personal_data_days(3);
  nps::v1::CampaignRetention* entry = request.mutable_policy()->add_campaign_overrides();
  entry->set_campaign_id("00000000-0000-4000-8000-000000000000");
  nps::v1::RetentionPolicy stored;
  grpc::Status status = privacy_->SetRetentionPolicy(Context(dpo_).get(), request, &stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("policy.default_rule.personal_data_days"), std::string::npos);
  request.mutable_policy()->mutable_default_rule()->set_personal_data_days(30);
  status = privacy_->SetRetentionPolicy(Context(dpo_).get(), request, &stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("policy.campaign_overrides[0].campaign_id"), std::string::npos);
  entry->set_campaign_id(campaign_);
  entry->set_legal_hold(true);
  ASSERT_TRUE(privacy_->SetRetentionPolicy(Context(dpo_).get(), request, &stored).ok());
  nps::v1::RetentionPolicy read;
  ASSERT_TRUE(privacy_->GetRetentionPolicy(Context(dpo_).get(), {}, &read).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read, stored));
  EXPECT_EQ(read.default_rule().personal_data_days(), 30);
  EXPECT_TRUE(read.campaign_overrides(0).legal_hold());
}

TEST_F(RetentionTest, RunRetentionAppliesThePolicyNowAsPreviewedAndIsAuditedUnderTheCallingKey) {
  const std::string held = CreateCampaign(admin_);
  SubmitAged(campaign_, 5, Person("ida@example.com"));
  SubmitAged(campaign_, 40, Person("ida@example.com"));
  SubmitAged(campaign_, 400, Person("jon@example.com"));  // jon has nothing else: deleted as a person too
  SubmitAged(held, 900, Person("lea@example.com"));
  SubmitAged(held, 10, Person("lea@example.com"));
  nps::v1::RetentionPolicy policy;
  policy.mutable_default_rule()->set_personal_data_days(30);
  policy.mutable_default_rule()->set_delete_after_days(365);
  nps::v1::CampaignRetention* hold = policy.add_campaign_overrides();
  hold->set_campaign_id(held);
  *hold->mutable_rule() = policy.default_rule();
  hold->set_legal_hold(true);
  nps::v1::RetentionPolicy stored;
  SetPolicy(policy, &stored);
  nps::v1::RetentionPreview preview;
  ASSERT_TRUE(privacy_->PreviewRetention(Context(dpo_).get(), {}, &preview).ok());
  ASSERT_EQ(preview.responses_to_delete(), 1);
  ASSERT_EQ(preview.responses_to_anonymize(), 1);
  ASSERT_EQ(preview.subjects_to_delete(), 1);

  nps::v1::RetentionRun run;
  const grpc::Status status = RunRetentionAs(dpo_, &run);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(run.has_as_of());
  EXPECT_EQ(run.responses_deleted(), preview.responses_to_delete());
  EXPECT_EQ(run.responses_anonymized(), preview.responses_to_anonymize());
  EXPECT_EQ(run.subjects_deleted(), preview.subjects_to_delete());
  EXPECT_EQ(RollupMismatches(), 0);
  const std::string personal = "(subject_id IS NOT NULL OR comment_ciphertext IS NOT NULL OR interaction_id <> '')";
  const absl::Time now = absl::Now();
  EXPECT_EQ(Older(campaign_, now, 365, "true"), 0);
  EXPECT_EQ(Older(campaign_, now, 30, personal), 0);
  EXPECT_EQ(Older(held, now, 0, personal), 2) << "the legal hold keeps the held campaign as it was";

  nps::v1::RetentionRun again;
  ASSERT_TRUE(RunRetentionAs(dpo_, &again).ok());
  EXPECT_EQ(again.responses_deleted() + again.responses_anonymized() + again.subjects_deleted(), 0);
  // Both runs are in the audit trail, by the `privacy` key that made them.
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events e JOIN npsd.api_keys k",
                               " ON k.tenant_id = e.tenant_id AND k.api_key_id::text = e.actor",
                               " WHERE e.tenant_id = ", Tenant(), " AND e.action = 'retention.run'",
                               " AND e.outcome = 'OK' AND k.scopes = ARRAY['privacy']")),
            2);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.audit_events WHERE tenant_id = ", Tenant(),
                               " AND action = 'retention.run' AND details->>'responses_deleted' = '1'",
                               " AND details->>'responses_anonymized' = '1' AND details->>'subjects_deleted' = '1'")),
            1);
}

TEST_F(RetentionTest, RunRetentionActsOnTheCallersTenantOnly) {
  SubmitAged(campaign_, 400, Person("max@example.com"));
  const std::string other = CreateTenant("Other");
  const std::string other_dpo = CreateKey(other, {Scope::SCOPE_PRIVACY});
  nps::v1::SetRetentionPolicyRequest strict;
  strict.mutable_policy()->mutable_default_rule()->set_delete_after_days(domain::kMinRetentionDays);
  nps::v1::RetentionPolicy stored;
  ASSERT_TRUE(privacy_->SetRetentionPolicy(Context(other_dpo).get(), strict, &stored).ok());

  nps::v1::RetentionRun run;
  ASSERT_TRUE(RunRetentionAs(other_dpo, &run).ok());
  EXPECT_EQ(run.responses_deleted() + run.responses_anonymized() + run.subjects_deleted(), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant())), 1)
      << "another tenant's strict policy reached this tenant's responses";
  // This tenant has no policy yet: its own run changes nothing either.
  ASSERT_TRUE(RunRetentionAs(dpo_, &run).ok());
  EXPECT_EQ(run.responses_deleted() + run.responses_anonymized() + run.subjects_deleted(), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM npsd.responses WHERE tenant_id = ", Tenant())), 1);
  EXPECT_EQ(RunRetentionAs(ingest_, &run).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RunRetentionAs(kOperatorToken, &run).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace npsd::testing
