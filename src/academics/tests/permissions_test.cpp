#include "academics/permissions.hpp"

#include <gtest/gtest.h>

#include "academics/tests/fixture.hpp"

namespace oqu::academics {
namespace {

using platform::auth::kInstitution;
using platform::auth::Role;
using platform::auth::Scope;
using platform::auth::ScopeKind;
using testing::Admin;
using testing::Grantee;
namespace db_testing = platform::db::testing;

class PermissionsTest : public testing::AcademicsDbTest {};

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest,
                         ::testing::Values(db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

// Outcome of one call: allowed, hidden (kNotFound) or refused (kForbidden).
enum class Outcome { kOk, kHidden, kRefused };

const char* Name(Outcome o) {
    return o == Outcome::kOk ? "ok" : o == Outcome::kHidden ? "hidden" : "refused";
}

template <typename R>
Outcome OutcomeOf(const R& result) {
    if (result.has_value()) return Outcome::kOk;
    if (result.error().code == core::ErrorCode::kNotFound) return Outcome::kHidden;
    if (result.error().code == core::ErrorCode::kForbidden) return Outcome::kRefused;
    ADD_FAILURE() << "unexpected " << result.error().message_key << ": " << result.error().detail;
    return Outcome::kRefused;
}

constexpr Outcome kOk = Outcome::kOk;
constexpr Outcome kHidden = Outcome::kHidden;
constexpr Outcome kRefused = Outcome::kRefused;

// One role granted in one scope, and what it may do to the objects of its own faculty (3 in the
// story), of another faculty (4), and to institution-wide things.
struct Row {
    Role role;
    bool institution;            // granted at the institution, else on the own faculty
    Outcome read_own;            // FindProgramme, own faculty
    Outcome read_other;          // FindProgramme, other faculty
    Outcome edit_programme_own;  // UpdateProgramme, own faculty
    Outcome edit_programme_other;
    Outcome edit_curriculum_own;  // AddDiscipline to a curriculum of the own faculty
    Outcome edit_curriculum_other;
    Outcome edit_department_own;  // UpdateDepartment of the own faculty
    Outcome create_faculty;       // CreateFaculty (institution scope)
    Outcome set_regime;           // SetDirectionSettings (institution scope)
    Outcome edit_calendar;        // CreateYear (institution scope)
};

// clang-format off
const Row kMatrix[] = {
    // role                      inst   r_own    r_oth    p_own    p_oth    c_own    c_oth    dep      fac      regime   cal
    {Role::kStudent,             false, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
    {Role::kTeacher,             false, kOk,     kHidden, kRefused, kHidden, kRefused, kHidden, kRefused, kRefused, kRefused, kRefused},
    {Role::kAdviser,             false, kOk,     kHidden, kRefused, kHidden, kRefused, kHidden, kRefused, kRefused, kRefused, kRefused},
    {Role::kDeansOffice,         false, kOk,     kHidden, kOk,     kHidden, kOk,     kHidden, kRefused, kRefused, kRefused, kRefused},
    {Role::kRegistrar,           false, kOk,     kHidden, kOk,     kHidden, kOk,     kHidden, kOk,     kRefused, kRefused, kRefused},
    {Role::kQualityOfficer,      false, kOk,     kHidden, kRefused, kHidden, kRefused, kHidden, kRefused, kRefused, kRefused, kRefused},
    {Role::kLibrarian,           false, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
    {Role::kResearcher,          false, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
    {Role::kDormitoryOffice,     false, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
    {Role::kProctor,             false, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
    {Role::kItAdmin,             false, kOk,     kHidden, kOk,     kHidden, kOk,     kHidden, kOk,     kRefused, kRefused, kRefused},
    {Role::kMinistryAuditor,     false, kOk,     kHidden, kRefused, kHidden, kRefused, kHidden, kRefused, kRefused, kRefused, kRefused},
    // Institution-wide grants reach every faculty.
    {Role::kDeansOffice,         true,  kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kRefused, kRefused, kRefused, kRefused},
    {Role::kRegistrar,           true,  kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kRefused, kOk},
    {Role::kQualityOfficer,      true,  kOk,     kOk,     kRefused, kRefused, kRefused, kRefused, kRefused, kRefused, kOk,     kRefused},
    {Role::kItAdmin,             true,  kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk,     kOk},
    {Role::kMinistryAuditor,     true,  kOk,     kOk,     kRefused, kRefused, kRefused, kRefused, kRefused, kRefused, kRefused, kRefused},
    {Role::kStudent,             true,  kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kHidden, kRefused, kHidden, kRefused},
};
// clang-format on

/// Every role × own/other faculty × read/write gives the expected outcome; refused acts write
/// no audit record.
TEST_P(PermissionsTest, RoleByFacultyMatrix) {
    const FacultyId own = MakeFaculty("OWN");
    const FacultyId other = MakeFaculty("OTHER");
    const ProgrammeId own_programme = MakeProgramme(own, "6B06101");
    const ProgrammeId other_programme = MakeProgramme(other, "6B06102");
    auto own_curriculum = CreateCurriculum(Admin(), At(), own_programme, {"2026"});
    auto other_curriculum = CreateCurriculum(Admin(), At(), other_programme, {"2026"});
    auto own_department =
        CreateDepartment(Admin(), At(), {std::to_string(own.value), "DEP", {"К", "К", "D"}});
    ASSERT_TRUE(own_curriculum && other_curriculum && own_department);

    int n = 0;
    for (const Row& row : kMatrix) {
        ++n;
        const Scope scope = row.institution ? kInstitution : Scope{ScopeKind::kFaculty, own.value};
        const auto actor = Grantee(row.role, scope, 100 + n);
        const std::string who =
            std::string(platform::auth::RoleName(row.role)) + (row.institution ? "@inst" : "@own");
        const std::size_t audit_before = Audit().size();
        int allowed_writes = 0;
        auto check = [&](const char* what, Outcome expected, Outcome actual) {
            EXPECT_EQ(Name(actual), Name(expected)) << who << " " << what;
            return actual == Outcome::kOk;
        };
        check("read own", row.read_own, OutcomeOf(FindProgramme(actor, *db_, own_programme)));
        check("read other", row.read_other, OutcomeOf(FindProgramme(actor, *db_, other_programme)));
        allowed_writes +=
            check("edit programme own", row.edit_programme_own,
                  OutcomeOf(UpdateProgramme(actor, At(), own_programme, ProgrammeIn(own, "6B06101"))));
        allowed_writes +=
            check("edit programme other", row.edit_programme_other,
                  OutcomeOf(UpdateProgramme(actor, At(), other_programme, ProgrammeIn(other, "6B06102"))));
        const std::string code = "D" + std::to_string(n);
        allowed_writes +=
            check("edit curriculum own", row.edit_curriculum_own,
                  OutcomeOf(AddDiscipline(actor, At(), *own_curriculum, DisciplineDraftOf(code))));
        allowed_writes +=
            check("edit curriculum other", row.edit_curriculum_other,
                  OutcomeOf(AddDiscipline(actor, At(), *other_curriculum, DisciplineDraftOf(code))));
        allowed_writes +=
            check("edit department own", row.edit_department_own,
                  OutcomeOf(UpdateDepartment(actor, At(), *own_department,
                                             {std::to_string(own.value), "DEP", {"К", "К", "D"}})));
        allowed_writes += check("create faculty", row.create_faculty,
                                OutcomeOf(CreateFaculty(actor, At(), {code, {"a", "b", "c"}})));
        allowed_writes +=
            check("set regime", row.set_regime,
                  OutcomeOf(SetDirectionSettings(actor, At(), "B057", {"limit50", "unknown"})));  // R-D7
        allowed_writes +=
            check("edit calendar", row.edit_calendar,
                  OutcomeOf(CreateYear(
                      actor, At(),
                      {std::to_string(2030 + n) + "-" + std::to_string(2031 + n),
                       std::to_string(2030 + n) + "-09-01", std::to_string(2031 + n) + "-06-30"})));
        EXPECT_EQ(Audit().size(), audit_before + static_cast<std::size_t>(allowed_writes)) << who;
    }
}

/// Lists show only what the caller's scopes reach; a programme grant sees its programme only.
TEST_P(PermissionsTest, ListsFilterByScope) {
    const FacultyId own = MakeFaculty("OWN");
    const FacultyId other = MakeFaculty("OTHER");
    const ProgrammeId own_programme = MakeProgramme(own, "6B06101");
    MakeProgramme(other, "6B06102");
    ASSERT_TRUE(
        CreateDepartment(Admin(), At(), {std::to_string(other.value), "X", {"a", "b", "c"}}).has_value());

    const auto dean = Grantee(Role::kDeansOffice, {ScopeKind::kFaculty, own.value});
    auto faculties = ListFaculties(dean, *db_);
    ASSERT_TRUE(faculties.has_value());
    ASSERT_EQ(faculties->size(), 1U);
    EXPECT_EQ(faculties->front().id, own);
    auto programmes = ListProgrammes(dean, *db_);
    ASSERT_EQ(programmes->size(), 1U);
    EXPECT_EQ(programmes->front().id, own_programme);
    EXPECT_TRUE(ListProgrammes(dean, *db_, other)->empty());
    EXPECT_TRUE(ListDepartments(dean, *db_)->empty());
    EXPECT_EQ(FindFaculty(dean, *db_, other).error().code, core::ErrorCode::kNotFound);

    const auto adviser = Grantee(Role::kAdviser, {ScopeKind::kProgramme, own_programme.value});
    EXPECT_EQ(ListProgrammes(adviser, *db_)->size(), 1U);
    EXPECT_TRUE(ListFaculties(adviser, *db_)->empty());
    // Reference data is readable from any scope.
    EXPECT_TRUE(FindDirection(adviser, *db_, "B057").has_value());
    EXPECT_TRUE(ListYears(adviser, *db_).has_value());

    EXPECT_EQ(ListProgrammes(Admin(), *db_)->size(), 2U);
    const auto student = Grantee(Role::kStudent, kInstitution);
    EXPECT_EQ(ListProgrammes(student, *db_).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(ListDirections(student, *db_, {}).error().code, core::ErrorCode::kNotFound);
}

/// A dean's office cannot move its programme into another faculty.
TEST_P(PermissionsTest, CannotMoveProgrammeOutOfScope) {
    const FacultyId own = MakeFaculty("OWN");
    const FacultyId other = MakeFaculty("OTHER");
    const ProgrammeId id = MakeProgramme(own);
    const auto dean = Grantee(Role::kDeansOffice, {ScopeKind::kFaculty, own.value});
    auto moved = UpdateProgramme(dean, At(), id, ProgrammeIn(other));
    ASSERT_FALSE(moved.has_value());
    // The other faculty is not visible to the dean, so it is refused as an unknown choice.
    EXPECT_EQ(moved.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(FindProgramme(Admin(), *db_, id)->faculty_id, own);
    auto created = CreateProgramme(dean, At(), ProgrammeIn(other, "6B06109"));
    ASSERT_FALSE(created.has_value());
    EXPECT_EQ(FindProgrammeByCode(Admin(), *db_, "6B06109").error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace oqu::academics
