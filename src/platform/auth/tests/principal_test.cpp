#include "platform/auth/principal.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

constexpr Capability kViewProgramme{
    "academics:view_programme", Access::kRead, {Role::kDeansOffice, Role::kTeacher}};
constexpr Capability kEditProgramme{
    "academics:edit_programme", Access::kWrite, {Role::kDeansOffice}, Risk::kConfiguration};

constexpr Scope kFaculty3{ScopeKind::kFaculty, 3};
constexpr Scope kFaculty4{ScopeKind::kFaculty, 4};
constexpr Scope kProgramme12{ScopeKind::kProgramme, 12};
constexpr Scope kProgramme13{ScopeKind::kProgramme, 13};
constexpr Scope kCourse7{ScopeKind::kCourse, 7};

// Institution → faculty 3 → programme 12 → course 7.
const std::vector<Scope> kPathToCourse7{kInstitution, kFaculty3, kProgramme12, kCourse7};
const std::vector<Scope> kPathToProgramme13{kInstitution, kFaculty4, kProgramme13};

Principal With(std::vector<Grant> grants) {
    Principal p;
    p.user_id = 42;
    p.login = "a.seitkali";
    p.grants = std::move(grants);
    return p;
}

TEST(PrincipalTest, HasRoleLooksAtEveryGrant) {
    const Principal p = With({{Role::kTeacher, kCourse7}, {Role::kAdviser, kProgramme12}});
    EXPECT_TRUE(p.HasRole(Role::kTeacher));
    EXPECT_TRUE(p.HasRole(Role::kAdviser));
    EXPECT_FALSE(p.HasRole(Role::kStudent));
    EXPECT_FALSE(Principal{}.HasRole(Role::kStudent));
}

/// A grant covers its own scope and everything below it, nothing beside or above it.
TEST(PrincipalTest, GrantAppliesOnItsScopePath) {
    struct Case {
        const char* what;
        Grant grant;
        std::vector<Scope> path;
        bool allowed;
    };
    const std::vector<Case> cases{
        {"faculty grant, object in faculty", {Role::kDeansOffice, kFaculty3}, kPathToCourse7, true},
        {"faculty grant, object in another faculty",
         {Role::kDeansOffice, kFaculty3},
         kPathToProgramme13,
         false},
        {"programme grant, course below it", {Role::kDeansOffice, kProgramme12}, kPathToCourse7, true},
        {"course grant, programme above it",
         {Role::kDeansOffice, kCourse7},
         {kInstitution, kFaculty3, kProgramme12},
         false},
        {"institution grant, any path", {Role::kDeansOffice, kInstitution}, kPathToProgramme13, true},
        {"institution grant, empty path", {Role::kDeansOffice, kInstitution}, {}, true},
        {"faculty grant, empty path (the institution)", {Role::kDeansOffice, kFaculty3}, {}, false},
        {"role without the capability", {Role::kStudent, kInstitution}, kPathToCourse7, false},
        {"same id, other kind", {Role::kDeansOffice, {ScopeKind::kCourse, 3}}, kPathToCourse7, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Allows(With({c.grant}), kEditProgramme, c.path), c.allowed) << c.what;
    }
}

TEST(PrincipalTest, AnyMatchingGrantSuffices) {
    const Principal p = With({{Role::kStudent, kInstitution}, {Role::kTeacher, kCourse7}});
    EXPECT_TRUE(Allows(p, kViewProgramme, kPathToCourse7));
    EXPECT_FALSE(Allows(p, kViewProgramme, kPathToProgramme13));
    EXPECT_FALSE(Allows(p, kEditProgramme, kPathToCourse7));
}

TEST(PrincipalTest, NobodyWithoutGrants) {
    EXPECT_FALSE(Allows(Principal{}, kViewProgramme, kPathToCourse7));
    EXPECT_FALSE(Allows(Principal{}, kViewProgramme, {}));
}

TEST(PrincipalTest, SystemPrincipalHoldsEverything) {
    const Principal system = SystemPrincipal();
    EXPECT_TRUE(system.system);
    EXPECT_TRUE(system.grants.empty());
    EXPECT_TRUE(Allows(system, kEditProgramme, kPathToProgramme13));
    EXPECT_TRUE(Allows(system, Capability{"x:y", Access::kWrite, {}}, {}));
    EXPECT_TRUE(Require(system, kEditProgramme).has_value());
    const auto scopes = ScopesWith(system, kEditProgramme);
    ASSERT_EQ(scopes.size(), 1u);
    EXPECT_EQ(scopes[0], kInstitution);
}

/// A read refused looks like a missing record; a write refused is forbidden.
TEST(PrincipalTest, RequireAnswersNotFoundForReadsForbiddenForWrites) {
    const Principal p = With({{Role::kTeacher, kCourse7}});
    const auto read = Require(p, kViewProgramme, kPathToProgramme13);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(read.error().message_key, "web.error_404");

    const auto write = Require(p, kEditProgramme, kPathToCourse7);
    ASSERT_FALSE(write.has_value());
    EXPECT_EQ(write.error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(write.error().message_key, "auth.forbidden");
    EXPECT_NE(write.error().detail.find("academics:edit_programme"), std::string::npos);

    EXPECT_TRUE(Require(p, kViewProgramme, kPathToCourse7).has_value());
}

TEST(PrincipalTest, ScopesWithListsDistinctScopesOfMatchingRoles) {
    const Principal p = With({{Role::kTeacher, kCourse7},
                              {Role::kDeansOffice, kFaculty4},
                              {Role::kTeacher, kCourse7},
                              {Role::kStudent, kProgramme12}});
    const auto scopes = ScopesWith(p, kViewProgramme);
    EXPECT_EQ(scopes, (std::vector<Scope>{kCourse7, kFaculty4}));
    EXPECT_EQ(ScopesWith(p, kEditProgramme), (std::vector<Scope>{kFaculty4}));
    EXPECT_TRUE(ScopesWith(Principal{}, kViewProgramme).empty());
}

TEST(PrincipalTest, ScopesWithIsTheInstitutionWhenHeldEverywhere) {
    const Principal p = With({{Role::kTeacher, kCourse7}, {Role::kDeansOffice, kInstitution}});
    EXPECT_EQ(ScopesWith(p, kViewProgramme), (std::vector<Scope>{kInstitution}));
}

}  // namespace
}  // namespace oqu::platform::auth
