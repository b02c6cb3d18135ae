#include "platform/auth/roles.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

/// Every role has a distinct stored name that parses back to it.
TEST(RolesTest, NamesRoundTrip) {
    std::set<std::string_view> names;
    for (Role role : kAllRoles) {
        const std::string_view name = RoleName(role);
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_EQ(ParseRole(name), role) << name;
    }
    EXPECT_EQ(names.size(), 12u);
}

/// The stored names are fixed: renaming one would orphan rows in the database.
TEST(RolesTest, StoredNamesAreStable) {
    EXPECT_EQ(RoleName(Role::kStudent), "student");
    EXPECT_EQ(RoleName(Role::kTeacher), "teacher");
    EXPECT_EQ(RoleName(Role::kAdviser), "adviser");
    EXPECT_EQ(RoleName(Role::kDeansOffice), "deans_office");
    EXPECT_EQ(RoleName(Role::kRegistrar), "registrar");
    EXPECT_EQ(RoleName(Role::kQualityOfficer), "quality_officer");
    EXPECT_EQ(RoleName(Role::kLibrarian), "librarian");
    EXPECT_EQ(RoleName(Role::kResearcher), "researcher");
    EXPECT_EQ(RoleName(Role::kDormitoryOffice), "dormitory_office");
    EXPECT_EQ(RoleName(Role::kProctor), "proctor");
    EXPECT_EQ(RoleName(Role::kItAdmin), "it_admin");
    EXPECT_EQ(RoleName(Role::kMinistryAuditor), "ministry_auditor");
}

TEST(RolesTest, UnknownNamesDoNotParse) {
    EXPECT_EQ(ParseRole(""), std::nullopt);
    EXPECT_EQ(ParseRole("Student"), std::nullopt);
    EXPECT_EQ(ParseRole("admin"), std::nullopt);
    EXPECT_EQ(ParseRole("student "), std::nullopt);
}

/// Exactly the dean's office, registrar, quality officer and IT administrator must use a second factor.
TEST(RolesTest, AdministrativeRoles) {
    std::set<Role> administrative;
    for (Role role : kAllRoles) {
        if (IsAdministrative(role)) administrative.insert(role);
    }
    const std::set<Role> expected{Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer,
                                  Role::kItAdmin};
    EXPECT_EQ(administrative, expected);
}

TEST(RolesTest, RoleSetHoldsItsMembersOnly) {
    constexpr RoleSet kSet{Role::kTeacher, Role::kMinistryAuditor};
    static_assert(kSet.Has(Role::kTeacher));
    EXPECT_TRUE(kSet.Has(Role::kMinistryAuditor));
    EXPECT_FALSE(kSet.Has(Role::kStudent));
    EXPECT_FALSE(kSet.Empty());
    EXPECT_TRUE(RoleSet{}.Empty());
}

TEST(RolesTest, ScopeKindNamesRoundTrip) {
    for (ScopeKind kind :
         {ScopeKind::kInstitution, ScopeKind::kFaculty, ScopeKind::kProgramme, ScopeKind::kCourse}) {
        EXPECT_EQ(ParseScopeKind(ScopeKindName(kind)), kind);
    }
    EXPECT_EQ(ScopeKindName(ScopeKind::kInstitution), "institution");
    EXPECT_EQ(ScopeKindName(ScopeKind::kFaculty), "faculty");
    EXPECT_EQ(ScopeKindName(ScopeKind::kProgramme), "programme");
    EXPECT_EQ(ScopeKindName(ScopeKind::kCourse), "course");
    EXPECT_EQ(ParseScopeKind("program"), std::nullopt);
    EXPECT_EQ(ParseScopeKind(""), std::nullopt);
}

}  // namespace
}  // namespace oqu::platform::auth
