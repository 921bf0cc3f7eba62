// org_unit_test.cc — catalogue validation, hierarchy and archive rules.
#include <gtest/gtest.h>

#include "domain/field_violation.h"
#include "domain/org_unit.h"

namespace npsd::domain {
namespace {

OrgUnit ValidUnit() {
  OrgUnit unit;
  unit.id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  unit.kind = OrgUnitKind::kRegion;
  unit.code = "FR-IDF";
  unit.display_name = "Île-de-France";
  unit.parent_code = "FR";
  unit.version = 3;
  return unit;
}

// Fields lists the field paths of the violations carried by `status`.
std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : FieldViolationsOf(status)) fields.push_back(violation.field);
  return fields;
}

struct ValidationCase {
  const char* name;
  void (*mutate)(OrgUnit&);
  std::vector<std::string> fields;  // empty: valid
};

// PrintTo names a case in test listings by its name.
void PrintTo(const ValidationCase& c, std::ostream* os) { *os << c.name; }

class OrgUnitValidationTest : public ::testing::TestWithParam<ValidationCase> {};

TEST_P(OrgUnitValidationTest, NamesExactlyTheOffendingFields) {
  OrgUnit unit = ValidUnit();
  GetParam().mutate(unit);
  const absl::Status status = ValidateNewOrgUnit(unit);
  EXPECT_EQ(Fields(status), GetParam().fields);
  EXPECT_EQ(status.code(), GetParam().fields.empty() ? absl::StatusCode::kOk
                                                     : absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(
    Table, OrgUnitValidationTest,
    ::testing::Values(
        ValidationCase{"Valid", [](OrgUnit&) {}, {}},
        ValidationCase{"RootRegion", [](OrgUnit& u) { u.parent_code.reset(); }, {}},
        ValidationCase{"CodeOf64", [](OrgUnit& u) { u.code = std::string(64, 'a'); }, {}},
        ValidationCase{"CodeAllCharacters", [](OrgUnit& u) { u.code = "aZ09_.-"; }, {}},
        ValidationCase{"NameOf200CodePoints", [](OrgUnit& u) {
                         u.display_name.clear();
                         for (int i = 0; i < 200; ++i) u.display_name += "é";
                       }, {}},
        ValidationCase{"EmptyCode", [](OrgUnit& u) { u.code = ""; }, {"org_unit.code"}},
        ValidationCase{"CodeOf65", [](OrgUnit& u) { u.code = std::string(65, 'a'); }, {"org_unit.code"}},
        ValidationCase{"CodeWithSpace", [](OrgUnit& u) { u.code = "FR IDF"; }, {"org_unit.code"}},
        ValidationCase{"CodeWithSlash", [](OrgUnit& u) { u.code = "FR/IDF"; }, {"org_unit.code"}},
        ValidationCase{"CodeNonAscii", [](OrgUnit& u) { u.code = "Ré"; }, {"org_unit.code"}},
        ValidationCase{"EmptyName", [](OrgUnit& u) { u.display_name = ""; }, {"org_unit.display_name"}},
        ValidationCase{"NameOf201", [](OrgUnit& u) { u.display_name = std::string(201, 'n'); },
                       {"org_unit.display_name"}},
        ValidationCase{"NameWithNewline", [](OrgUnit& u) { u.display_name = "a\nb"; },
                       {"org_unit.display_name"}},
        ValidationCase{"NameInvalidUtf8", [](OrgUnit& u) { u.display_name = "\xC3\x28"; },
                       {"org_unit.display_name"}},
        ValidationCase{"ParentBadCode", [](OrgUnit& u) { u.parent_code = "F R"; },
                       {"org_unit.parent_code"}},
        ValidationCase{"ParentEmptyString", [](OrgUnit& u) { u.parent_code = ""; },
                       {"org_unit.parent_code"}},
        ValidationCase{"ParentIsSelf", [](OrgUnit& u) { u.parent_code = u.code; },
                       {"org_unit.parent_code"}},
        ValidationCase{"BrandWithParent", [](OrgUnit& u) { u.kind = OrgUnitKind::kBrand; },
                       {"org_unit.parent_code"}},
        ValidationCase{"BrandRoot", [](OrgUnit& u) {
                         u.kind = OrgUnitKind::kBrand;
                         u.parent_code.reset();
                       }, {}},
        ValidationCase{"BusinessUnitWithParent", [](OrgUnit& u) { u.kind = OrgUnitKind::kBusinessUnit; },
                       {}},
        ValidationCase{"EverythingWrong", [](OrgUnit& u) {
                         u.code = "";
                         u.display_name = "";
                         u.parent_code = "bad code";
                       }, {"org_unit.code", "org_unit.display_name", "org_unit.parent_code"}}),
    [](const ::testing::TestParamInfo<ValidationCase>& info) { return std::string(info.param.name); });

TEST(OrgUnitTest, KindNamesRoundTrip) {
  for (OrgUnitKind kind : {OrgUnitKind::kRegion, OrgUnitKind::kBrand, OrgUnitKind::kBusinessUnit}) {
    EXPECT_EQ(ParseOrgUnitKind(OrgUnitKindName(kind)), kind);
  }
  EXPECT_EQ(std::string(OrgUnitKindName(OrgUnitKind::kBusinessUnit)), "BUSINESS_UNIT");
  EXPECT_FALSE(ParseOrgUnitKind("region").has_value());
  EXPECT_FALSE(OrgUnitKindHasParents(OrgUnitKind::kBrand));
  EXPECT_TRUE(OrgUnitKindHasParents(OrgUnitKind::kRegion));
}

TEST(OrgUnitTest, PatchAppliesAndValidates) {
  OrgUnit unit = ValidUnit();
  OrgUnitPatch patch;
  patch.display_name = "Paris region";
  patch.parent_code = std::optional<std::string>();  // become a root
  patch.expected_version = 3;
  ASSERT_TRUE(ApplyOrgUnitPatch(patch, unit).ok());
  EXPECT_EQ(unit.display_name, "Paris region");
  EXPECT_FALSE(unit.parent_code.has_value());
  EXPECT_EQ(unit.code, "FR-IDF");

  OrgUnit other = ValidUnit();
  OrgUnitPatch bad;
  bad.parent_code = std::optional<std::string>("FR-IDF");
  EXPECT_EQ(Fields(ApplyOrgUnitPatch(bad, other)), std::vector<std::string>{"org_unit.parent_code"});
}

TEST(OrgUnitTest, StaleVersionIsAbortedAndLeavesUnitUnchanged) {
  OrgUnit unit = ValidUnit();
  OrgUnitPatch patch;
  patch.display_name = "Renamed";
  patch.expected_version = 2;
  EXPECT_EQ(ApplyOrgUnitPatch(patch, unit).code(), absl::StatusCode::kAborted);
  EXPECT_EQ(unit.display_name, "Île-de-France");
}

TEST(OrgUnitTest, CheckParentRejectsUnknownArchivedAndCycles) {
  OrgUnit unit = ValidUnit();  // FR-IDF with parent FR
  EXPECT_TRUE(CheckParent(unit, ParentChain{false, {"FR", "EMEA"}}).ok());

  EXPECT_EQ(Fields(CheckParent(unit, std::nullopt)), std::vector<std::string>{"org_unit.parent_code"});
  EXPECT_EQ(Fields(CheckParent(unit, ParentChain{true, {"FR"}})),
            std::vector<std::string>{"org_unit.parent_code"});
  // FR-IDF under FR while FR sits (through EMEA) under FR-IDF: a cycle.
  EXPECT_EQ(Fields(CheckParent(unit, ParentChain{false, {"FR", "EMEA", "FR-IDF", "WORLD"}})),
            std::vector<std::string>{"org_unit.parent_code"});
  // Codes compare exactly: a similar code higher up is no cycle.
  EXPECT_TRUE(CheckParent(unit, ParentChain{false, {"FR", "fr-idf"}}).ok());

  unit.archived = true;
  EXPECT_TRUE(CheckParent(unit, ParentChain{true, {"FR"}}).ok()) << "archived under archived";
  unit.parent_code.reset();
  EXPECT_TRUE(CheckParent(unit, std::nullopt).ok()) << "a root needs no parent";
}

TEST(OrgUnitTest, ArchiveNeedsArchivedChildrenAndRestoreNeedsActiveParent) {
  OrgUnit unit = ValidUnit();
  EXPECT_EQ(ApplyArchived(true, std::nullopt, 2, false, unit).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(unit.archived);
  EXPECT_EQ(ApplyArchived(true, 2, 0, false, unit).code(), absl::StatusCode::kAborted);
  ASSERT_TRUE(ApplyArchived(true, 3, 0, false, unit).ok());
  EXPECT_TRUE(unit.archived);
  EXPECT_TRUE(ApplyArchived(true, std::nullopt, 5, false, unit).ok()) << "archiving twice is a no-op";

  EXPECT_EQ(ApplyArchived(false, std::nullopt, 0, true, unit).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(unit.archived);
  ASSERT_TRUE(ApplyArchived(false, std::nullopt, 0, false, unit).ok());
  EXPECT_FALSE(unit.archived);
}

TEST(OrgUnitTest, FilterWithParentNeedsKindAndValidCode) {
  EXPECT_TRUE(ValidateOrgUnitFilter(OrgUnitFilter{}).ok());
  EXPECT_TRUE(ValidateOrgUnitFilter(OrgUnitFilter{OrgUnitKind::kRegion, "EMEA", false}).ok());
  EXPECT_EQ(Fields(ValidateOrgUnitFilter(OrgUnitFilter{std::nullopt, "EMEA", false})),
            std::vector<std::string>{"kind"});
  EXPECT_EQ(Fields(ValidateOrgUnitFilter(OrgUnitFilter{OrgUnitKind::kRegion, "EM EA", false})),
            std::vector<std::string>{"parent_code"});
}

}  // namespace
}  // namespace npsd::domain
