// npsctl_e2e_test.cc — npsctl's command functions against a real in-process npsd.
//
// One scenario an administrator runs: tenant, key, catalogue, campaign, activation, a
// CSV import run twice (the second stores nothing new), then reads.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands/campaigns.h"
#include "cli/commands/eligibility.h"
#include "cli/commands/keys.h"
#include "cli/commands/privacy.h"
#include "cli/commands/reports.h"
#include "cli/commands/responses.h"
#include "cli/commands/retention.h"
#include "cli/commands/tenants.h"
#include "cli/commands/units.h"
#include "cli/import/importer.h"
#include "nps/v1/privacy_service.grpc.pb.h"
#include "tests/server/server_fixture.h"

namespace npsd::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kCsv[] =
    "score,channel,region_code,comment,subject_email\n"
    "10,web,FR-IDF,\"Parfait, rien à redire\",jane@example.com\n"
    "9,email,FR,\"Rapide\net efficace\",\n"
    "neuf,web,FR,bad score,john@example.com\n"
    "3,web,XX-UNKNOWN,unknown region,\n"
    "7,email,,,\n"
    "2,web,FR,\"Trop lent\",\n";

class NpsctlEndToEndTest : public testing::ServerTest {
 protected:
  Connection As(const std::string& token) const { return Connection(channel_, token, absl::Seconds(10)); }

  // WriteCsv writes the test's CSV to a file of its own (tests run in parallel processes).
  static std::string WriteCsv() {
    const std::string path = ::testing::TempDir() + "/npsctl_e2e_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv";
    std::ofstream(path) << kCsv;
    return path;
  }

  static std::string ReadFile(const std::string& path) {
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
  }

  // SetUpTenant creates a tenant, an all-scopes key, a catalogue and an active campaign.
  void SetUpTenant() {
    TenantFields fields;
    fields.display_name = "npsctl e2e";
    fields.minimum_sample_size = 1;  // reports show scores for a handful of responses
    absl::StatusOr<nps::v1::Tenant> tenant = cli::CreateTenant(As(testing::kOperatorToken), fields);
    ASSERT_TRUE(tenant.ok()) << tenant.status();
    tenant_id_ = tenant->id();
    absl::StatusOr<CreatedKey> key = cli::CreateKey(As(testing::kOperatorToken), tenant_id_, "npsctl",
                                               {"ingest", "read", "campaigns", "privacy", "admin"}, "");
    ASSERT_TRUE(key.ok()) << key.status();
    token_ = key->secret;
    for (const UnitFields& unit : {UnitFields{"region", "EMEA", "Europe", ""}, UnitFields{"region", "FR", "France", "EMEA"},
                                   UnitFields{"region", "FR-IDF", "Île-de-France", "FR"}}) {
      ASSERT_TRUE(CreateUnit(As(token_), unit).ok());
    }
    CampaignSpec spec;
    spec.name = "Post-purchase";
    spec.channels = {"web", "email"};
    spec.questions = {"fr-FR=Recommanderiez-vous Acme ?"};
    spec.region_code = "FR";
    absl::StatusOr<nps::v1::Campaign> campaign = CreateCampaign(As(token_), {}, spec);
    ASSERT_TRUE(campaign.ok()) << campaign.status();
    campaign_id_ = campaign->id();
    absl::StatusOr<nps::v1::Campaign> active = TransitionCampaign(As(token_), campaign_id_, Transition::kActivate, "");
    ASSERT_TRUE(active.ok()) << active.status();
    EXPECT_EQ(active->state(), nps::v1::Campaign::ACTIVE);
  }

  ImportOptions Options(const std::string& csv_path) const {
    ImportOptions options;
    options.csv_path = csv_path;
    options.campaign_id = campaign_id_;
    options.window = 2;  // exercises the flow control with a tiny window
    options.progress = false;
    return options;
  }

  std::string tenant_id_;
  std::string token_;
  std::string campaign_id_;
};

TEST_F(NpsctlEndToEndTest, ImportTwiceStoresEachRowOnceAndReportsBadRowsWithoutData) {
  ASSERT_NO_FATAL_FAILURE(SetUpTenant());
  const std::string csv = WriteCsv();

  absl::StatusOr<ImportSummary> first = ImportResponses(As(token_), Options(csv));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->rows, 6);
  EXPECT_EQ(first->stored, 4);
  EXPECT_EQ(first->replayed, 0);
  EXPECT_EQ(first->rejected, 2);
  const std::string report = ReadFile(first->error_report_path);
  EXPECT_THAT(report, HasSubstr("row,code,field,message\n4,INVALID_ARGUMENT,score,"));
  EXPECT_THAT(report, HasSubstr("\n5,"));
  for (const char* personal : {"john", "example.com", "bad score", "unknown region"}) {
    EXPECT_THAT(report, Not(HasSubstr(personal)));
  }

  absl::StatusOr<ImportSummary> second = ImportResponses(As(token_), Options(csv));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->stored, 0);
  EXPECT_EQ(second->replayed, 4);
  EXPECT_EQ(second->rejected, 2);

  ResponseFilter filter;
  filter.limit = 0;
  absl::StatusOr<std::vector<nps::v1::Response>> responses = ListResponses(As(token_), filter);
  ASSERT_TRUE(responses.ok()) << responses.status();
  ASSERT_EQ(responses->size(), 4u);
  absl::StatusOr<std::vector<CountRow>> counts = CountResponses(As(token_), filter, {"region"});
  ASSERT_TRUE(counts.ok()) << counts.status();
  ASSERT_EQ(counts->size(), 3u);  // all, FR, FR-IDF
  const ResponseCounts& total = (*counts)[0].counts;
  EXPECT_EQ(total.responses, 4);
  EXPECT_EQ(total.promoters, 2);
  EXPECT_EQ(total.passives, 1);
  EXPECT_EQ(total.detractors, 1);
  EXPECT_DOUBLE_EQ(total.Nps(), 25.0);
  EXPECT_EQ((*counts)[2].value, "FR-IDF");
  EXPECT_EQ((*counts)[2].counts.promoters, 1);
  EXPECT_FALSE(CountResponses(As(token_), filter, {"planet"}).ok());

  filter.region_code = "FR-IDF";
  absl::StatusOr<std::vector<nps::v1::Response>> idf = ListResponses(As(token_), filter);
  ASSERT_TRUE(idf.ok()) << idf.status();
  ASSERT_EQ(idf->size(), 1u);
  EXPECT_EQ((*idf)[0].comment(), "Parfait, rien à redire");
  EXPECT_TRUE((*idf)[0].has_subject());
  absl::StatusOr<nps::v1::Response> one = GetResponse(As(token_), (*idf)[0].id());
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->idempotency_key(), std::filesystem::path(csv).filename().string() + ":2");
  std::remove(csv.c_str());
  std::remove(first->error_report_path.c_str());
}

TEST_F(NpsctlEndToEndTest, ListsUpdatesAndChecksEligibility) {
  ASSERT_NO_FATAL_FAILURE(SetUpTenant());
  absl::StatusOr<std::vector<nps::v1::Tenant>> tenants = ListTenants(As(testing::kOperatorToken), 0);
  ASSERT_TRUE(tenants.ok()) << tenants.status();
  EXPECT_TRUE(std::any_of(tenants->begin(), tenants->end(), [&](const auto& t) { return t.id() == tenant_id_; }));

  absl::StatusOr<std::vector<nps::v1::ApiKey>> keys = ListKeys(As(token_), tenant_id_, 0);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->size(), 1u);

  UnitFilter children;
  children.kind = "region";
  children.parent_code = "EMEA";
  absl::StatusOr<std::vector<nps::v1::OrgUnit>> units = ListUnits(As(token_), children);
  ASSERT_TRUE(units.ok()) << units.status();
  ASSERT_EQ(units->size(), 1u);
  EXPECT_EQ((*units)[0].code(), "FR");

  CampaignSpec rename;
  rename.name = "Post-purchase (web)";
  absl::StatusOr<nps::v1::Campaign> renamed = UpdateCampaign(As(token_), campaign_id_, rename, "");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->name(), "Post-purchase (web)");
  CampaignFilter active;
  active.state = "active";
  absl::StatusOr<std::vector<nps::v1::Campaign>> campaigns = ListCampaigns(As(token_), active);
  ASSERT_TRUE(campaigns.ok()) << campaigns.status();
  EXPECT_EQ(CampaignTable(*campaigns).rows().size(), 1u);

  EligibilityQuery query;
  query.campaign_id = campaign_id_;
  query.interaction_id = "call-1";
  absl::StatusOr<nps::v1::CheckEligibilityResponse> answer = CheckEligibility(As(token_), query);
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_TRUE(answer->eligible());
}

TEST_F(NpsctlEndToEndTest, AccessRequestExportsThePersonsDataToAPrivateFile) {
  ASSERT_NO_FATAL_FAILURE(SetUpTenant());
  const std::string csv = WriteCsv();
  ASSERT_TRUE(ImportResponses(As(token_), Options(csv)).ok());

  PrivacyRequestSpec spec;
  spec.type = "access";
  spec.identifiers.set_email("jane@example.com");
  spec.reason = "ticket 1";
  absl::StatusOr<nps::v1::DataSubjectRequest> access = CreatePrivacyRequest(As(token_), spec);
  ASSERT_TRUE(access.ok()) << access.status();
  EXPECT_EQ(access->status(), nps::v1::DataSubjectRequest::COMPLETED);

  const std::string out = ::testing::TempDir() + "/npsctl_e2e_export.json";
  absl::StatusOr<int64_t> bytes = ExportPrivacyRequest(As(token_), access->id(), out);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  const std::string document = ReadFile(out);
  EXPECT_EQ(static_cast<int64_t>(document.size()), *bytes);
  EXPECT_THAT(document, HasSubstr("Parfait, rien à redire"));
  struct stat info {};
  ASSERT_EQ(stat(out.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  spec.type = "erasure";
  spec.dry_run = true;
  absl::StatusOr<nps::v1::DataSubjectRequest> erasure = CreatePrivacyRequest(As(token_), spec);
  ASSERT_TRUE(erasure.ok()) << erasure.status();
  EXPECT_TRUE(erasure->dry_run());
  PrivacyRequestFilter all;
  absl::StatusOr<std::vector<nps::v1::DataSubjectRequest>> requests = ListPrivacyRequests(As(token_), all);
  ASSERT_TRUE(requests.ok()) << requests.status();
  EXPECT_EQ(requests->size(), 2u);
  EXPECT_THAT(RenderCsv(PrivacyRequestTable(*requests)), Not(HasSubstr("jane")));

  absl::StatusOr<nps::v1::RetentionPreview> preview = PreviewRetention(As(token_));
  ASSERT_TRUE(preview.ok()) << preview.status();
  EXPECT_EQ(preview->responses_to_delete(), 0);
  std::remove(out.c_str());
  std::remove(csv.c_str());
}

TEST_F(NpsctlEndToEndTest, RetentionRunAppliesThePolicyNowAndShowsWhatItChanged) {
  ASSERT_NO_FATAL_FAILURE(SetUpTenant());
  const auto day = [](absl::Duration ago) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now() - ago, absl::UTCTimeZone());
  };
  const std::string csv = ::testing::TempDir() + "/npsctl_e2e_retention.csv";
  std::ofstream(csv) << "score,channel,answered_at,comment\n"
                     << "9,web," << day(absl::Hours(24 * 400)) << ",Old news\n"
                     << "3,email," << day(absl::Hours(24 * 500)) << ",\n"
                     << "10,web," << day(absl::Hours(1)) << ",Fresh\n";
  absl::StatusOr<ImportSummary> imported = ImportResponses(As(token_), Options(csv));
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->stored, 3);
  nps::v1::SetRetentionPolicyRequest request;
  request.mutable_policy()->mutable_default_rule()->set_delete_after_days(365);
  nps::v1::RetentionPolicy stored;
  auto privacy = nps::v1::PrivacyService::NewStub(channel_);
  ASSERT_TRUE(privacy->SetRetentionPolicy(Context(token_).get(), request, &stored).ok());

  absl::StatusOr<nps::v1::RetentionRun> run = RunRetention(As(token_));
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->responses_deleted(), 2);
  EXPECT_EQ(run->responses_anonymized(), 0);
  const Table table = RetentionRunTable(*run);
  ASSERT_EQ(table.rows().size(), 1u);
  EXPECT_EQ(table.rows()[0][1], "2");
  EXPECT_THAT(Render(table, OutputFormat::kJson), HasSubstr("\"responses_deleted\": \"2\""));
  absl::StatusOr<std::vector<CountRow>> left = CountResponses(As(token_), ResponseFilter{}, {});
  ASSERT_TRUE(left.ok()) << left.status();
  EXPECT_EQ(left->front().counts.responses, 1) << "only the response answered within 365 days is left";
  absl::StatusOr<nps::v1::RetentionRun> again = RunRetention(As(token_));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->responses_deleted(), 0);
  EXPECT_EQ(RunRetention(As("npsk_forged")).status().code(), absl::StatusCode::kUnauthenticated);
  std::remove(csv.c_str());
}

TEST_F(NpsctlEndToEndTest, ReportsScoreSegmentsAndTrend) {
  ASSERT_NO_FATAL_FAILURE(SetUpTenant());
  const std::string csv = WriteCsv();
  ASSERT_TRUE(ImportResponses(As(token_), Options(csv)).ok());

  absl::StatusOr<nps::v1::GetScoreResponse> score = GetScore(As(token_), ReportFilter{}, 0);
  ASSERT_TRUE(score.ok()) << score.status();
  EXPECT_EQ(score->statistics().n(), 4);
  EXPECT_DOUBLE_EQ(score->statistics().nps(), 25.0);
  EXPECT_EQ(ScoreTable(*score).rows()[0][4], "25.0");

  ComparisonSpec spec;
  spec.dimension = "region";
  spec.parent_code = "FR";
  absl::StatusOr<nps::v1::CompareSegmentsResponse> segments = CompareSegments(As(token_), ReportFilter{}, spec);
  ASSERT_TRUE(segments.ok()) << segments.status();
  const Table table = SegmentTable(*segments);
  ASSERT_EQ(table.rows().size(), 3u);  // FR's own responses, FR-IDF, total
  EXPECT_EQ(table.rows()[0][1], "FR (own)");
  EXPECT_EQ(table.rows()[0][3], "3");
  EXPECT_EQ(table.rows()[1][1], "FR-IDF");
  EXPECT_EQ(table.rows()[2][1], "total");

  ReportFilter web;
  web.channels = {"web"};
  TrendSpec monthly;
  monthly.time_zone = "UTC";
  absl::StatusOr<nps::v1::GetTrendResponse> trend = GetTrend(As(token_), web, monthly);
  ASSERT_TRUE(trend.ok()) << trend.status();
  ASSERT_EQ(trend->points_size(), 1);
  EXPECT_EQ(trend->points(0).statistics().n(), 2);
  spec.dimension = "planet";
  EXPECT_EQ(CompareSegments(As(token_), ReportFilter{}, spec).status().code(), absl::StatusCode::kInvalidArgument);
  std::remove(csv.c_str());
}

TEST_F(NpsctlEndToEndTest, ErrorsCarryTheirCodeAndField) {
  absl::StatusOr<nps::v1::Tenant> missing_name = cli::CreateTenant(As(testing::kOperatorToken), TenantFields{});
  ASSERT_FALSE(missing_name.ok());
  EXPECT_EQ(missing_name.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(missing_name.status().message()), HasSubstr("display_name"));
  EXPECT_EQ(ListTenants(As("npsk_forged"), 0).status().code(), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace npsd::cli
