// organization_service_test.cc — OrganizationService end to end: real gRPC, real PostgreSQL.
//
// Covers who may call each RPC, that another tenant's units are indistinguishable from
// missing ones on every RPC, the field paths of INVALID_ARGUMENT errors, and the
// catalogue rules (duplicates, hierarchy, archive, etags, pagination) as a client sees them.
#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "nps/v1/error_details.pb.h"
#include "nps/v1/organization_service.grpc.pb.h"
#include "tests/server/server_fixture.h"

namespace npsd::testing {
namespace {

using nps::v1::OrgUnit;
using nps::v1::Scope;

constexpr char kMissingId[] = "00000000-0000-4000-8000-000000000000";

// FieldPaths returns the fields of the google.rpc.BadRequest detail of `status`.
std::vector<std::string> FieldPaths(const grpc::Status& status) {
  std::vector<std::string> fields;
  nps::v1::ErrorStatus details;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& detail : details.details()) {
    nps::v1::BadRequest bad_request;
    if (detail.type_url() != "type.googleapis.com/google.rpc.BadRequest" ||
        !bad_request.ParseFromString(detail.value())) {
      continue;
    }
    for (const auto& violation : bad_request.field_violations()) fields.push_back(violation.field());
  }
  return fields;
}

OrgUnit NewUnit(nps::v1::OrgUnitKind kind, const std::string& code, const std::string& parent = "") {
  OrgUnit unit;
  unit.set_kind(kind);
  unit.set_code(code);
  unit.set_display_name("Unit " + code);
  unit.set_parent_code(parent);
  return unit;
}

class OrganizationServiceTest : public ServerTest {
 protected:
  void SetUp() override { units_ = nps::v1::OrganizationService::NewStub(channel_); }

  grpc::Status Create(const std::string& token, const OrgUnit& unit, OrgUnit* created = nullptr) {
    nps::v1::CreateOrgUnitRequest request;
    *request.mutable_org_unit() = unit;
    OrgUnit response;
    const grpc::Status status = units_->CreateOrgUnit(Context(token).get(), request, &response);
    if (created != nullptr) *created = response;
    return status;
  }

  // MustCreate creates `unit` with `token` and returns it.
  OrgUnit MustCreate(const std::string& token, const OrgUnit& unit) {
    OrgUnit created;
    const grpc::Status status = Create(token, unit, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Get(const std::string& token, const std::string& id) {
    nps::v1::GetOrgUnitRequest request;
    request.set_id(id);
    OrgUnit response;
    return units_->GetOrgUnit(Context(token).get(), request, &response);
  }

  grpc::Status List(const std::string& token, const nps::v1::ListOrgUnitsRequest& request,
                    nps::v1::ListOrgUnitsResponse* response) {
    return units_->ListOrgUnits(Context(token).get(), request, response);
  }

  grpc::Status Update(const std::string& token, const OrgUnit& unit, std::vector<std::string> paths,
                      OrgUnit* updated = nullptr) {
    nps::v1::UpdateOrgUnitRequest request;
    *request.mutable_org_unit() = unit;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    OrgUnit response;
    const grpc::Status status = units_->UpdateOrgUnit(Context(token).get(), request, &response);
    if (updated != nullptr) *updated = response;
    return status;
  }

  grpc::Status Archive(const std::string& token, const std::string& id, const std::string& etag = "") {
    nps::v1::ArchiveOrgUnitRequest request;
    request.set_id(id);
    request.set_etag(etag);
    OrgUnit response;
    return units_->ArchiveOrgUnit(Context(token).get(), request, &response);
  }

  grpc::Status Unarchive(const std::string& token, const std::string& id) {
    nps::v1::UnarchiveOrgUnitRequest request;
    request.set_id(id);
    OrgUnit response;
    return units_->UnarchiveOrgUnit(Context(token).get(), request, &response);
  }

  // Rename returns `unit` with a new display name, for UpdateOrgUnit.
  static OrgUnit Rename(OrgUnit unit, const std::string& name) {
    unit.set_display_name(name);
    return unit;
  }

  std::unique_ptr<nps::v1::OrganizationService::Stub> units_;
};

TEST_F(OrganizationServiceTest, EachRpcNeedsItsScopeAndRefusesTheOperator) {
  const std::string tenant = CreateTenant("Org scopes");
  const std::string writer = CreateKey(tenant, {Scope::SCOPE_CAMPAIGNS});
  const std::string reader = CreateKey(tenant, {Scope::SCOPE_READ});
  const OrgUnit unit = MustCreate(writer, NewUnit(nps::v1::BRAND, "SCOPED"));
  int next_code = 0;

  struct Rpc {
    const char* name;
    bool write;
    std::function<grpc::Status(const std::string&)> call;
  };
  const std::vector<Rpc> rpcs = {
      {"CreateOrgUnit", true,
       [&](const std::string& token) {
         return Create(token, NewUnit(nps::v1::BRAND, "S" + std::to_string(next_code++)));
       }},
      {"GetOrgUnit", false, [&](const std::string& token) { return Get(token, unit.id()); }},
      {"ListOrgUnits", false,
       [&](const std::string& token) {
         nps::v1::ListOrgUnitsResponse response;
         return List(token, nps::v1::ListOrgUnitsRequest(), &response);
       }},
      {"UpdateOrgUnit", true,
       [&](const std::string& token) { return Update(token, Rename(unit, "Renamed"), {"display_name"}); }},
      {"ArchiveOrgUnit", true, [&](const std::string& token) { return Archive(token, unit.id()); }},
      {"UnarchiveOrgUnit", true, [&](const std::string& token) { return Unarchive(token, unit.id()); }},
  };
  const std::vector<std::pair<std::string, std::string>> others = {
      {"ingest", CreateKey(tenant, {Scope::SCOPE_INGEST})},
      {"privacy", CreateKey(tenant, {Scope::SCOPE_PRIVACY})},
      {"admin", CreateKey(tenant, {Scope::SCOPE_ADMIN})},
      {"operator", kOperatorToken}};
  for (const Rpc& rpc : rpcs) {
    const std::string& allowed = rpc.write ? writer : reader;
    const std::string& other_scope = rpc.write ? reader : writer;
    EXPECT_EQ(rpc.call(allowed).error_code(), grpc::StatusCode::OK) << rpc.name;
    EXPECT_EQ(rpc.call(other_scope).error_code(), grpc::StatusCode::PERMISSION_DENIED) << rpc.name;
    for (const auto& [label, token] : others) {
      EXPECT_EQ(rpc.call(token).error_code(), grpc::StatusCode::PERMISSION_DENIED) << rpc.name << " " << label;
    }
    EXPECT_EQ(rpc.call("").error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
  }
}

TEST_F(OrganizationServiceTest, AnotherTenantsUnitsAreNotFoundExactlyLikeMissingOnes) {
  const std::string tenant_a = CreateTenant("Org A");
  const std::string tenant_b = CreateTenant("Org B");
  const std::string writer_a = CreateKey(tenant_a, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  const std::string key_b = CreateKey(tenant_b, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  MustCreate(writer_a, NewUnit(nps::v1::REGION, "EMEA"));
  const OrgUnit child = MustCreate(writer_a, NewUnit(nps::v1::REGION, "FR", "EMEA"));

  const std::vector<std::pair<const char*, std::function<grpc::Status(const std::string&)>>> by_id = {
      {"GetOrgUnit", [&](const std::string& id) { return Get(key_b, id); }},
      {"UpdateOrgUnit", [&](const std::string& id) {
         OrgUnit unit = Rename(child, "Hijacked");
         unit.set_id(id);
         return Update(key_b, unit, {"display_name"});
       }},
      {"ArchiveOrgUnit", [&](const std::string& id) { return Archive(key_b, id); }},
      {"UnarchiveOrgUnit", [&](const std::string& id) { return Unarchive(key_b, id); }},
  };
  for (const auto& [name, call] : by_id) {
    const grpc::Status foreign = call(child.id());
    const grpc::Status missing = call(kMissingId);
    EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND) << name;
    EXPECT_EQ(foreign.error_code(), missing.error_code()) << name;
    EXPECT_EQ(foreign.error_message(), missing.error_message()) << name;
    EXPECT_EQ(foreign.error_details(), missing.error_details()) << name;
  }

  // Codes: another tenant's parent is as unknown as a missing one, and its children
  // are not listed.
  const grpc::Status foreign_parent = Create(key_b, NewUnit(nps::v1::REGION, "DE", "EMEA"));
  const grpc::Status missing_parent = Create(key_b, NewUnit(nps::v1::REGION, "DE", "NOWHERE"));
  EXPECT_EQ(foreign_parent.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(foreign_parent.error_message(), missing_parent.error_message());
  EXPECT_EQ(FieldPaths(foreign_parent), std::vector<std::string>{"org_unit.parent_code"});
  nps::v1::ListOrgUnitsRequest list;
  list.set_kind(nps::v1::REGION);
  list.set_parent_code("EMEA");
  list.set_show_archived(true);
  nps::v1::ListOrgUnitsResponse listed;
  ASSERT_TRUE(List(key_b, list, &listed).ok());
  EXPECT_EQ(listed.org_units_size(), 0);
  ASSERT_TRUE(List(key_b, nps::v1::ListOrgUnitsRequest(), &listed).ok());
  EXPECT_EQ(listed.org_units_size(), 0);
  // Tenant B may use the same codes for its own catalogue.
  EXPECT_TRUE(Create(key_b, NewUnit(nps::v1::REGION, "EMEA")).ok());

  // A's units are untouched.
  nps::v1::GetOrgUnitRequest get;
  get.set_id(child.id());
  OrgUnit current;
  ASSERT_TRUE(units_->GetOrgUnit(Context(writer_a).get(), get, &current).ok());
  EXPECT_EQ(current.display_name(), "Unit FR");
  EXPECT_FALSE(current.archived());
  EXPECT_EQ(current.etag(), child.etag());
}

TEST_F(OrganizationServiceTest, InvalidRequestsNameTheFieldPath) {
  const std::string tenant = CreateTenant("Org validation");
  const std::string key = CreateKey(tenant, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  const OrgUnit root = MustCreate(key, NewUnit(nps::v1::REGION, "ROOT"));
  const OrgUnit leaf = MustCreate(key, NewUnit(nps::v1::REGION, "LEAF", "ROOT"));

  nps::v1::ListOrgUnitsRequest brands;
  brands.set_kind(nps::v1::BRAND);
  brands.set_page_size(1);
  MustCreate(key, NewUnit(nps::v1::BRAND, "B1"));
  MustCreate(key, NewUnit(nps::v1::BRAND, "B2"));
  nps::v1::ListOrgUnitsResponse first_page;
  ASSERT_TRUE(List(key, brands, &first_page).ok());
  ASSERT_FALSE(first_page.next_page_token().empty());

  auto list_with = [&](std::function<void(nps::v1::ListOrgUnitsRequest&)> mutate) {
    nps::v1::ListOrgUnitsRequest request;
    mutate(request);
    nps::v1::ListOrgUnitsResponse response;
    return List(key, request, &response);
  };
  auto create_with = [&](std::function<void(OrgUnit&)> mutate) {
    OrgUnit unit = NewUnit(nps::v1::REGION, "NEW", "ROOT");
    mutate(unit);
    return Create(key, unit);
  };
  struct Case {
    const char* name;
    std::function<grpc::Status()> call;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"create without kind", [&] { return create_with([](OrgUnit& u) { u.set_kind(nps::v1::ORG_UNIT_KIND_UNSPECIFIED); }); },
       {"org_unit.kind"}},
      {"create with unknown kind", [&] { return create_with([](OrgUnit& u) { u.set_kind(static_cast<nps::v1::OrgUnitKind>(42)); }); },
       {"org_unit.kind"}},
      {"create with bad code", [&] { return create_with([](OrgUnit& u) { u.set_code("no spaces"); }); },
       {"org_unit.code"}},
      {"create with long code", [&] { return create_with([](OrgUnit& u) { u.set_code(std::string(65, 'c')); }); },
       {"org_unit.code"}},
      {"create without name", [&] { return create_with([](OrgUnit& u) { u.set_display_name(""); }); },
       {"org_unit.display_name"}},
      {"create with long name", [&] { return create_with([](OrgUnit& u) { u.set_display_name(std::string(201, 'n')); }); },
       {"org_unit.display_name"}},
      {"create brand with parent", [&] { return create_with([](OrgUnit& u) { u.set_kind(nps::v1::BRAND); }); },
       {"org_unit.parent_code"}},
      {"create under unknown parent", [&] { return create_with([](OrgUnit& u) { u.set_parent_code("NOWHERE"); }); },
       {"org_unit.parent_code"}},
      {"create with every field wrong", [&] {
         return create_with([](OrgUnit& u) {
           u.set_code("");
           u.set_display_name("");
           u.set_parent_code("bad parent");
         });
       }, {"org_unit.code", "org_unit.display_name", "org_unit.parent_code"}},
      {"get without id", [&] { return Get(key, ""); }, {"id"}},
      {"get with malformed id", [&] { return Get(key, "not-a-uuid"); }, {"id"}},
      {"list with negative page size", [&] { return list_with([](auto& r) { r.set_page_size(-1); }); },
       {"page_size"}},
      {"list with huge page size", [&] { return list_with([](auto& r) { r.set_page_size(1001); }); },
       {"page_size"}},
      {"list by parent without kind", [&] { return list_with([](auto& r) { r.set_parent_code("ROOT"); }); },
       {"kind"}},
      {"list by malformed parent", [&] {
         return list_with([](auto& r) {
           r.set_kind(nps::v1::REGION);
           r.set_parent_code("a/b");
         });
       }, {"parent_code"}},
      {"list with garbage token", [&] { return list_with([](auto& r) { r.set_page_token("garbage"); }); },
       {"page_token"}},
      {"list with a token of another filter", [&] {
         return list_with([&](auto& r) {
           r.set_kind(nps::v1::REGION);
           r.set_page_token(first_page.next_page_token());
         });
       }, {"page_token"}},
      {"update without mask", [&] { return Update(key, Rename(root, "x"), {}); }, {"update_mask"}},
      {"update of the code", [&] { return Update(key, root, {"display_name", "code"}); },
       {"update_mask.paths[1]"}},
      {"update of an unknown path", [&] { return Update(key, root, {"colour"}); }, {"update_mask.paths[0]"}},
      {"update with malformed etag", [&] {
         OrgUnit unit = root;
         unit.set_etag("W/\"x\"");
         return Update(key, unit, {"display_name"});
       }, {"org_unit.etag"}},
      {"update without id", [&] {
         OrgUnit unit = root;
         unit.clear_id();
         return Update(key, unit, {"display_name"});
       }, {"org_unit.id"}},
      {"update with empty name", [&] { return Update(key, Rename(root, ""), {"display_name"}); },
       {"org_unit.display_name"}},
      {"update into a cycle", [&] {
         OrgUnit unit = root;
         unit.set_parent_code("LEAF");
         return Update(key, unit, {"parent_code"});
       }, {"org_unit.parent_code"}},
      {"update to own parent", [&] {
         OrgUnit unit = root;
         unit.set_parent_code("ROOT");
         return Update(key, unit, {"parent_code"});
       }, {"org_unit.parent_code"}},
      {"archive with malformed id", [&] { return Archive(key, "x"); }, {"id"}},
      {"archive with malformed etag", [&] { return Archive(key, leaf.id(), "soon"); }, {"etag"}},
      {"unarchive without id", [&] { return Unarchive(key, ""); }, {"id"}},
  };
  for (const Case& c : cases) {
    const grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.name;
    EXPECT_EQ(FieldPaths(status), c.fields) << c.name;
  }
}

TEST_F(OrganizationServiceTest, CatalogueRulesAsAClientSeesThem) {
  const std::string tenant = CreateTenant("Org rules");
  const std::string key = CreateKey(tenant, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  const OrgUnit emea = MustCreate(key, NewUnit(nps::v1::REGION, "EMEA"));
  const OrgUnit fr = MustCreate(key, NewUnit(nps::v1::REGION, "FR", "EMEA"));
  EXPECT_EQ(fr.kind(), nps::v1::REGION);
  EXPECT_EQ(fr.parent_code(), "EMEA");
  EXPECT_EQ(fr.etag(), "1");
  EXPECT_GT(fr.create_time().seconds(), 0);

  const grpc::Status duplicate = Create(key, NewUnit(nps::v1::REGION, "FR"));
  EXPECT_EQ(duplicate.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(duplicate.error_message().find("org_unit.code"), std::string::npos);
  EXPECT_TRUE(Create(key, NewUnit(nps::v1::BUSINESS_UNIT, "FR")).ok()) << "codes are unique per kind";

  OrgUnit renamed;
  ASSERT_TRUE(Update(key, Rename(fr, "France"), {"display_name"}, &renamed).ok());
  EXPECT_EQ(renamed.display_name(), "France");
  EXPECT_EQ(renamed.parent_code(), "EMEA") << "fields outside the mask are kept";
  EXPECT_EQ(renamed.etag(), "2");
  EXPECT_EQ(Update(key, Rename(fr, "Stale"), {"display_name"}).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Archive(key, fr.id(), "1").error_code(), grpc::StatusCode::ABORTED);

  EXPECT_EQ(Archive(key, emea.id()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Archive(key, fr.id(), "2").ok());
  ASSERT_TRUE(Archive(key, emea.id()).ok());
  EXPECT_EQ(Unarchive(key, fr.id()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  nps::v1::ListOrgUnitsRequest regions;
  regions.set_kind(nps::v1::REGION);
  nps::v1::ListOrgUnitsResponse listed;
  ASSERT_TRUE(List(key, regions, &listed).ok());
  EXPECT_EQ(listed.org_units_size(), 0) << "archived units are hidden by default";
  regions.set_show_archived(true);
  ASSERT_TRUE(List(key, regions, &listed).ok());
  ASSERT_EQ(listed.org_units_size(), 2);
  EXPECT_EQ(listed.org_units(0).code(), "EMEA");
  EXPECT_TRUE(listed.org_units(1).archived());
}

TEST_F(OrganizationServiceTest, ListPagesWithoutGapsOrRepeats) {
  const std::string tenant = CreateTenant("Org paging");
  const std::string key = CreateKey(tenant, {Scope::SCOPE_CAMPAIGNS, Scope::SCOPE_READ});
  for (int i = 0; i < 7; ++i) MustCreate(key, NewUnit(nps::v1::BUSINESS_UNIT, "BU" + std::to_string(i)));
  MustCreate(key, NewUnit(nps::v1::BRAND, "NOT-A-BU"));
  std::vector<std::string> codes;
  std::string token;
  int pages = 0;
  do {
    nps::v1::ListOrgUnitsRequest request;
    request.set_kind(nps::v1::BUSINESS_UNIT);
    request.set_page_size(3);
    request.set_page_token(token);
    nps::v1::ListOrgUnitsResponse response;
    ASSERT_TRUE(List(key, request, &response).ok());
    for (const OrgUnit& unit : response.org_units()) codes.push_back(unit.code());
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 100);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(codes, (std::vector<std::string>{"BU0", "BU1", "BU2", "BU3", "BU4", "BU5", "BU6"}));
}

}  // namespace
}  // namespace npsd::testing
