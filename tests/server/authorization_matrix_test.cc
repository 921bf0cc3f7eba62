// authorization_matrix_test.cc — every RPC of every service, against every credential.
//
// Two tables over one list of RPCs:
//   * the scope matrix: each RPC called with the operator and with a key holding a
//     single scope passes authorization exactly for its intended credential;
//   * the cross-tenant table: each RPC called by another tenant's all-scope key with this
//     tenant's ids never succeeds, answers exactly as it does for ids that do not exist,
//     and no response to the other tenant contains any of this tenant's ids.
#include <functional>
#include <optional>

#include <gtest/gtest.h>

#include "nps/v1/audit_service.grpc.pb.h"
#include "nps/v1/benchmark_service.grpc.pb.h"
#include "nps/v1/campaign_service.grpc.pb.h"
#include "nps/v1/organization_service.grpc.pb.h"
#include "nps/v1/privacy_service.grpc.pb.h"
#include "nps/v1/response_service.grpc.pb.h"
#include "tests/server/server_fixture.h"

namespace npsd::testing {
namespace {

using nps::v1::Scope;

// Ids are the resources an RPC may name.
struct Ids {
  std::string tenant, api_key, campaign, org_unit, response, privacy_request;
};

// Outcome is a call's status and its serialized response (to search for leaked ids).
struct Outcome {
  grpc::Status status;
  std::string response;
};

// Rpc is one row of the tables.
struct Rpc {
  std::string name;
  std::optional<Scope> scope;  // the tenant scope that may call it (none: operator only)
  bool operator_allowed;
  bool names_resource;         // takes one of the ids (cross-tenant same-status check)
  std::function<Outcome(const std::string& token, const Ids& ids)> call;
};

class AuthorizationMatrixTest : public ServerTest {
 protected:
  void SetUp() override {
    tenants_stub_ = tenants_.get();
    organization_ = nps::v1::OrganizationService::NewStub(channel_);
    campaigns_ = nps::v1::CampaignService::NewStub(channel_);
    responses_ = nps::v1::ResponseService::NewStub(channel_);
    audit_ = nps::v1::AuditService::NewStub(channel_);
    privacy_ = nps::v1::PrivacyService::NewStub(channel_);
    benchmarks_ = nps::v1::BenchmarkService::NewStub(channel_);
  }

  // Call makes one unary call with `token` and captures its outcome.
  template <typename Stub, typename Request, typename Response>
  static Outcome Call(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      const std::string& token, const Request& request) {
    Response response;
    const grpc::Status status = (stub.*method)(Context(token).get(), request, &response);
    return {status, response.SerializeAsString()};
  }

  Ids SeedTenant(const std::string& name, std::string* all_scopes_key);
  std::vector<Rpc> Rpcs();

  nps::v1::TenantService::Stub* tenants_stub_ = nullptr;
  std::unique_ptr<nps::v1::OrganizationService::Stub> organization_;
  std::unique_ptr<nps::v1::CampaignService::Stub> campaigns_;
  std::unique_ptr<nps::v1::ResponseService::Stub> responses_;
  std::unique_ptr<nps::v1::AuditService::Stub> audit_;
  std::unique_ptr<nps::v1::PrivacyService::Stub> privacy_;
  std::unique_ptr<nps::v1::BenchmarkService::Stub> benchmarks_;
};

Ids AuthorizationMatrixTest::SeedTenant(const std::string& name, std::string* all_scopes_key) {
  Ids ids;
  ids.tenant = CreateTenant(name);
  *all_scopes_key = CreateKey(ids.tenant, {Scope::SCOPE_INGEST, Scope::SCOPE_READ, Scope::SCOPE_CAMPAIGNS,
                                           Scope::SCOPE_PRIVACY, Scope::SCOPE_ADMIN});
  const std::string& key = *all_scopes_key;
  nps::v1::ListApiKeysRequest keys;
  keys.set_tenant_id(ids.tenant);
  nps::v1::ListApiKeysResponse listed;
  EXPECT_TRUE(tenants_->ListApiKeys(Context(key).get(), keys, &listed).ok());
  ids.api_key = listed.api_keys(0).id();
  nps::v1::CreateOrgUnitRequest unit;
  unit.mutable_org_unit()->set_kind(nps::v1::REGION);
  unit.mutable_org_unit()->set_code("EMEA");
  unit.mutable_org_unit()->set_display_name("Europe");
  nps::v1::OrgUnit created_unit;
  EXPECT_TRUE(organization_->CreateOrgUnit(Context(key).get(), unit, &created_unit).ok());
  ids.org_unit = created_unit.id();
  nps::v1::CreateCampaignRequest campaign;
  campaign.mutable_campaign()->set_name("Matrix");
  campaign.mutable_campaign()->add_channels(nps::v1::WEB);
  campaign.mutable_campaign()->set_default_locale("en");
  campaign.mutable_campaign()->add_questions()->set_locale("en");
  campaign.mutable_campaign()->mutable_questions(0)->set_nps_question("How likely are you to recommend us?");
  nps::v1::Campaign created_campaign;
  EXPECT_TRUE(campaigns_->CreateCampaign(Context(key).get(), campaign, &created_campaign).ok());
  ids.campaign = created_campaign.id();
  nps::v1::CampaignTransitionRequest activate;
  activate.set_campaign_id(ids.campaign);
  EXPECT_TRUE(campaigns_->ActivateCampaign(Context(key).get(), activate, &created_campaign).ok());
  nps::v1::SubmitResponseRequest submit;
  submit.mutable_response()->set_campaign_id(ids.campaign);
  submit.mutable_response()->set_score(9);
  submit.mutable_response()->set_channel(nps::v1::WEB);
  submit.mutable_response()->mutable_subject()->set_external_id("matrix-customer");
  nps::v1::SubmitResponseResult result;
  EXPECT_TRUE(responses_->SubmitResponse(Context(key).get(), submit, &result).ok());
  ids.response = result.response_id();
  nps::v1::CreateDataSubjectRequestRequest access;
  access.set_type(nps::v1::DataSubjectRequest::ACCESS);
  access.mutable_identifiers()->set_external_id("matrix-customer");
  nps::v1::DataSubjectRequest request;
  EXPECT_TRUE(privacy_->CreateDataSubjectRequest(Context(key).get(), access, &request).ok());
  ids.privacy_request = request.id();
  return ids;
}

std::vector<Rpc> AuthorizationMatrixTest::Rpcs() {
  using nps::v1::TenantService;
  auto& t = *tenants_stub_;
  auto& o = *organization_;
  auto& c = *campaigns_;
  auto& r = *responses_;
  auto& p = *privacy_;
  std::vector<Rpc> rpcs;
  const auto add = [&](std::string name, std::optional<Scope> scope, bool op, bool names,
                       std::function<Outcome(const std::string&, const Ids&)> call) {
    rpcs.push_back({std::move(name), scope, op, names, std::move(call)});
  };
  // TenantService: the operator, or a tenant admin for its own tenant.
  add("CreateTenant", std::nullopt, true, false, [&](const std::string& k, const Ids&) {
    nps::v1::CreateTenantRequest q;
    q.mutable_tenant()->set_display_name("created by matrix");
    return Call(t, &TenantService::Stub::CreateTenant, k, q);
  });
  add("GetTenant", Scope::SCOPE_ADMIN, true, true, [&](const std::string& k, const Ids& i) {
    nps::v1::GetTenantRequest q;
    q.set_tenant_id(i.tenant);
    return Call(t, &TenantService::Stub::GetTenant, k, q);
  });
  add("ListTenants", std::nullopt, true, false, [&](const std::string& k, const Ids&) {
    return Call(t, &TenantService::Stub::ListTenants, k, nps::v1::ListTenantsRequest());
  });
  add("UpdateTenant", Scope::SCOPE_ADMIN, true, true, [&](const std::string& k, const Ids& i) {
    nps::v1::UpdateTenantRequest q;
    q.mutable_tenant()->set_id(i.tenant);
    q.mutable_tenant()->set_display_name("renamed by matrix");
    q.mutable_update_mask()->add_paths("display_name");
    return Call(t, &TenantService::Stub::UpdateTenant, k, q);
  });
  add("CreateApiKey", Scope::SCOPE_ADMIN, true, true, [&](const std::string& k, const Ids& i) {
    nps::v1::CreateApiKeyRequest q;
    q.set_tenant_id(i.tenant);
    q.mutable_api_key()->set_display_name("matrix");
    q.mutable_api_key()->add_scopes(Scope::SCOPE_READ);
    return Call(t, &TenantService::Stub::CreateApiKey, k, q);
  });
  add("ListApiKeys", Scope::SCOPE_ADMIN, true, true, [&](const std::string& k, const Ids& i) {
    nps::v1::ListApiKeysRequest q;
    q.set_tenant_id(i.tenant);
    return Call(t, &TenantService::Stub::ListApiKeys, k, q);
  });
  add("RevokeApiKey", Scope::SCOPE_ADMIN, true, true, [&](const std::string& k, const Ids& i) {
    nps::v1::RevokeApiKeyRequest q;
    q.set_tenant_id(i.tenant);
    q.set_api_key_id(i.api_key);
    return Call(t, &TenantService::Stub::RevokeApiKey, k, q);
  });
  // OrganizationService.
  using nps::v1::OrganizationService;
  add("GetOrgUnit", Scope::SCOPE_READ, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::GetOrgUnitRequest q;
    q.set_id(i.org_unit);
    return Call(o, &OrganizationService::Stub::GetOrgUnit, k, q);
  });
  add("ListOrgUnits", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    return Call(o, &OrganizationService::Stub::ListOrgUnits, k, nps::v1::ListOrgUnitsRequest());
  });
  add("CreateOrgUnit", Scope::SCOPE_CAMPAIGNS, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::CreateOrgUnitRequest q;
    q.mutable_org_unit()->set_kind(nps::v1::BRAND);
    q.mutable_org_unit()->set_code("MATRIX");
    q.mutable_org_unit()->set_display_name("Matrix");
    return Call(o, &OrganizationService::Stub::CreateOrgUnit, k, q);
  });
  add("UpdateOrgUnit", Scope::SCOPE_CAMPAIGNS, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::UpdateOrgUnitRequest q;
    q.mutable_org_unit()->set_id(i.org_unit);
    q.mutable_org_unit()->set_display_name("Renamed");
    q.mutable_update_mask()->add_paths("display_name");
    return Call(o, &OrganizationService::Stub::UpdateOrgUnit, k, q);
  });
  add("ArchiveOrgUnit", Scope::SCOPE_CAMPAIGNS, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::ArchiveOrgUnitRequest q;
    q.set_id(i.org_unit);
    return Call(o, &OrganizationService::Stub::ArchiveOrgUnit, k, q);
  });
  add("UnarchiveOrgUnit", Scope::SCOPE_CAMPAIGNS, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::UnarchiveOrgUnitRequest q;
    q.set_id(i.org_unit);
    return Call(o, &OrganizationService::Stub::UnarchiveOrgUnit, k, q);
  });
  // CampaignService.
  using nps::v1::CampaignService;
  add("CreateCampaign", Scope::SCOPE_CAMPAIGNS, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::CreateCampaignRequest q;
    q.mutable_campaign()->set_name("x");
    return Call(c, &CampaignService::Stub::CreateCampaign, k, q);
  });
  add("GetCampaign", Scope::SCOPE_READ, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::GetCampaignRequest q;
    q.set_campaign_id(i.campaign);
    return Call(c, &CampaignService::Stub::GetCampaign, k, q);
  });
  add("ListCampaigns", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    return Call(c, &CampaignService::Stub::ListCampaigns, k, nps::v1::ListCampaignsRequest());
  });
  add("UpdateCampaign", Scope::SCOPE_CAMPAIGNS, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::UpdateCampaignRequest q;
    q.mutable_campaign()->set_id(i.campaign);
    q.mutable_campaign()->set_name("renamed");
    q.mutable_update_mask()->add_paths("name");
    return Call(c, &CampaignService::Stub::UpdateCampaign, k, q);
  });
  for (const char* verb : {"ActivateCampaign", "PauseCampaign", "CloseCampaign"}) {
    add(verb, Scope::SCOPE_CAMPAIGNS, false, true, [&, verb = std::string(verb)](const std::string& k, const Ids& i) {
      nps::v1::CampaignTransitionRequest q;
      q.set_campaign_id(i.campaign);
      if (verb == "ActivateCampaign") return Call(c, &CampaignService::Stub::ActivateCampaign, k, q);
      if (verb == "PauseCampaign") return Call(c, &CampaignService::Stub::PauseCampaign, k, q);
      return Call(c, &CampaignService::Stub::CloseCampaign, k, q);
    });
  }
  // ResponseService.
  using nps::v1::ResponseService;
  add("SubmitResponse", Scope::SCOPE_INGEST, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::SubmitResponseRequest q;
    q.mutable_response()->set_campaign_id(i.campaign);
    q.mutable_response()->set_score(5);
    q.mutable_response()->set_channel(nps::v1::WEB);
    return Call(r, &ResponseService::Stub::SubmitResponse, k, q);
  });
  add("SubmitResponses", Scope::SCOPE_INGEST, false, false, [&](const std::string& k, const Ids& i) {
    nps::v1::SubmitResponsesRequest q;
    q.add_responses()->set_campaign_id(i.campaign);
    return Call(r, &ResponseService::Stub::SubmitResponses, k, q);
  });
  add("StreamResponses", Scope::SCOPE_INGEST, false, false, [&](const std::string& k, const Ids&) {
    auto context = Context(k);
    auto stream = r.StreamResponses(context.get());
    stream->WritesDone();
    return Outcome{stream->Finish(), ""};
  });
  add("GetResponse", Scope::SCOPE_READ, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::GetResponseRequest q;
    q.set_response_id(i.response);
    return Call(r, &ResponseService::Stub::GetResponse, k, q);
  });
  add("ListResponses", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    return Call(r, &ResponseService::Stub::ListResponses, k, nps::v1::ListResponsesRequest());
  });
  add("CheckEligibility", Scope::SCOPE_READ, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::CheckEligibilityRequest q;
    q.set_campaign_id(i.campaign);
    return Call(r, &ResponseService::Stub::CheckEligibility, k, q);
  });
  // AuditService.
  add("ListAuditEvents", Scope::SCOPE_ADMIN, false, false, [&](const std::string& k, const Ids&) {
    return Call(*audit_, &nps::v1::AuditService::Stub::ListAuditEvents, k, nps::v1::ListAuditEventsRequest());
  });
  // PrivacyService.
  using nps::v1::PrivacyService;
  add("CreateDataSubjectRequest", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::CreateDataSubjectRequestRequest q;
    q.set_type(nps::v1::DataSubjectRequest::ACCESS);
    q.mutable_identifiers()->set_external_id("matrix-customer");
    q.set_dry_run(true);
    return Call(p, &PrivacyService::Stub::CreateDataSubjectRequest, k, q);
  });
  add("GetDataSubjectRequest", Scope::SCOPE_PRIVACY, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::GetDataSubjectRequestRequest q;
    q.set_request_id(i.privacy_request);
    return Call(p, &PrivacyService::Stub::GetDataSubjectRequest, k, q);
  });
  add("ListDataSubjectRequests", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::ListDataSubjectRequests, k, nps::v1::ListDataSubjectRequestsRequest());
  });
  add("ExportDataSubjectData", Scope::SCOPE_PRIVACY, false, true, [&](const std::string& k, const Ids& i) {
    nps::v1::ExportDataSubjectDataRequest q;
    q.set_request_id(i.privacy_request);
    auto context = Context(k);
    auto stream = p.ExportDataSubjectData(context.get(), q);
    std::string content;
    nps::v1::DataExportChunk chunk;
    while (stream->Read(&chunk)) content += chunk.SerializeAsString();
    return Outcome{stream->Finish(), content};
  });
  add("GetPrivacySettings", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::GetPrivacySettings, k, nps::v1::GetPrivacySettingsRequest());
  });
  add("SetPrivacySettings", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::SetPrivacySettingsRequest q;
    q.mutable_settings()->set_erasure_mode(nps::v1::PrivacySettings::KEEP_ANONYMOUS_SCORES);
    return Call(p, &PrivacyService::Stub::SetPrivacySettings, k, q);
  });
  add("GetRetentionPolicy", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::GetRetentionPolicy, k, nps::v1::GetRetentionPolicyRequest());
  });
  add("SetRetentionPolicy", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::SetRetentionPolicy, k, nps::v1::SetRetentionPolicyRequest());
  });
  add("PreviewRetention", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::PreviewRetention, k, nps::v1::PreviewRetentionRequest());
  });
  // The run applies the caller's own tenant's policy: no request field can name another.
  add("RunRetention", Scope::SCOPE_PRIVACY, false, false, [&](const std::string& k, const Ids&) {
    return Call(p, &PrivacyService::Stub::RunRetention, k, nps::v1::RunRetentionRequest());
  });
  // BenchmarkService: analytics over the caller's own tenant only.
  using nps::v1::BenchmarkService;
  auto& b = *benchmarks_;
  // A filter naming a foreign campaign matches nothing of the caller's: an empty score,
  // exactly as for a missing campaign (checked by the leak check, not as a failure).
  add("GetScore", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids& i) {
    nps::v1::GetScoreRequest q;
    q.mutable_filter()->add_campaign_ids(i.campaign);
    return Call(b, &BenchmarkService::Stub::GetScore, k, q);
  });
  add("CompareSegments", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::CompareSegmentsRequest q;
    q.set_dimension(nps::v1::DIMENSION_CAMPAIGN);
    return Call(b, &BenchmarkService::Stub::CompareSegments, k, q);
  });
  add("GetTrend", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::GetTrendRequest q;
    q.set_interval(nps::v1::TREND_INTERVAL_MONTH);
    return Call(b, &BenchmarkService::Stub::GetTrend, k, q);
  });
  add("GetIndustryBenchmark", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    return Call(b, &BenchmarkService::Stub::GetIndustryBenchmark, k, nps::v1::GetIndustryBenchmarkRequest());
  });
  add("PlanSampleSize", Scope::SCOPE_READ, false, false, [&](const std::string& k, const Ids&) {
    nps::v1::PlanSampleSizeRequest q;
    q.set_target_margin(5);
    q.set_confidence_percent(95);
    return Call(b, &BenchmarkService::Stub::PlanSampleSize, k, q);
  });
  return rpcs;
}

bool PassedAuthorization(const grpc::Status& status) {
  return status.error_code() != grpc::StatusCode::PERMISSION_DENIED &&
         status.error_code() != grpc::StatusCode::UNAUTHENTICATED;
}

TEST_F(AuthorizationMatrixTest, EachRpcAdmitsExactlyItsIntendedCredential) {
  std::string all_scopes;
  const Ids ids = SeedTenant("Scope matrix", &all_scopes);
  const Scope scopes[] = {Scope::SCOPE_INGEST, Scope::SCOPE_READ, Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_PRIVACY,
                          Scope::SCOPE_ADMIN};
  std::map<Scope, std::string> keys;
  for (Scope scope : scopes) keys[scope] = CreateKey(ids.tenant, {scope});
  for (const Rpc& rpc : Rpcs()) {
    EXPECT_EQ(PassedAuthorization(rpc.call(kOperatorToken, ids).status), rpc.operator_allowed)
        << rpc.name << " with the operator credential";
    for (Scope scope : scopes) {
      const grpc::Status status = rpc.call(keys[scope], ids).status;
      EXPECT_EQ(PassedAuthorization(status), rpc.scope == scope)
          << rpc.name << " with scope " << nps::v1::Scope_Name(scope) << ": " << status.error_message();
    }
  }
}

TEST_F(AuthorizationMatrixTest, AnotherTenantNeverSucceedsAndCannotTellForeignFromMissing) {
  std::string owner_key, intruder_key;
  const Ids owned = SeedTenant("Victim", &owner_key);
  SeedTenant("Intruder", &intruder_key);
  const std::string missing_id = "00000000-0000-4000-8000-000000000000";
  const Ids missing{missing_id, missing_id, missing_id, missing_id, missing_id, missing_id};
  for (const Rpc& rpc : Rpcs()) {
    const Outcome foreign = rpc.call(intruder_key, owned);
    for (const std::string* id : {&owned.tenant, &owned.api_key, &owned.campaign, &owned.org_unit, &owned.response,
                                  &owned.privacy_request}) {
      EXPECT_EQ(foreign.response.find(*id), std::string::npos) << rpc.name << " leaked an id of another tenant";
    }
    if (!rpc.names_resource) continue;
    const Outcome absent = rpc.call(intruder_key, missing);
    EXPECT_FALSE(foreign.status.ok()) << rpc.name << " succeeded on another tenant's resource";
    EXPECT_EQ(foreign.status.error_code(), absent.status.error_code()) << rpc.name;
    EXPECT_EQ(foreign.status.error_message(), absent.status.error_message()) << rpc.name;
  }
}

}  // namespace
}  // namespace npsd::testing
