#include "people/permissions.hpp"

#include <gtest/gtest.h>

#include "people/tests/fixture.hpp"

namespace oqu::people {
namespace {

using testing::As;
using testing::PeopleDbTest;
namespace auth = platform::auth;

class PermissionsTest : public PeopleDbTest {};

/// Role × student of its own faculty / of another faculty × read / write: a dean's office of
/// faculty 1 neither sees (kNotFound) nor edits students of faculty 2; read-only roles see
/// (IIN masked) but cannot edit (kForbidden).
TEST_P(PermissionsTest, Matrix) {
    auto own = CreateStudent(auth::SystemPrincipal(), At(), Draft());
    StudentDraft other_draft = Draft("950101600124", "S-2");
    other_draft.programme = "6B06102";
    auto other = CreateStudent(auth::SystemPrincipal(), At(), other_draft);
    ASSERT_TRUE(own.has_value() && other.has_value());

    const auth::Scope f1{auth::ScopeKind::kFaculty, faculty1_};
    const auth::Scope p1{auth::ScopeKind::kProgramme, programme1_};
    enum Outcome { kOk, kNotFound, kForbidden };
    const struct {
        const char* who;
        auth::Principal actor;
        Outcome read_own, write_own, read_other, write_other;
        bool iin_visible;
    } cases[] = {
        {"dean f1", As(auth::Role::kDeansOffice, f1), kOk, kOk, kNotFound, kNotFound, true},
        {"registrar p1", As(auth::Role::kRegistrar, p1), kOk, kOk, kNotFound, kNotFound, true},
        {"registrar inst", As(auth::Role::kRegistrar, auth::kInstitution), kOk, kOk, kOk, kOk, true},
        {"teacher f1", As(auth::Role::kTeacher, f1), kOk, kForbidden, kNotFound, kNotFound, false},
        {"adviser p1", As(auth::Role::kAdviser, p1), kOk, kForbidden, kNotFound, kNotFound, false},
        {"quality inst", As(auth::Role::kQualityOfficer, auth::kInstitution), kOk, kForbidden, kOk,
         kForbidden, false},
        {"it admin", As(auth::Role::kItAdmin, auth::kInstitution), kOk, kForbidden, kOk, kForbidden, false},
        {"ministry", As(auth::Role::kMinistryAuditor, auth::kInstitution), kOk, kForbidden, kOk, kForbidden,
         false},
        {"student", As(auth::Role::kStudent, auth::kInstitution), kNotFound, kNotFound, kNotFound, kNotFound,
         false},
        {"librarian", As(auth::Role::kLibrarian, auth::kInstitution), kNotFound, kNotFound, kNotFound,
         kNotFound, false},
    };
    const auto outcome = [](const core::Status& s) {
        if (s) return kOk;
        return s.error().code == core::ErrorCode::kNotFound ? kNotFound : kForbidden;
    };
    for (const auto& c : cases) {
        for (const auto& [id, read, write] :
             {std::tuple{*own, c.read_own, c.write_own}, std::tuple{*other, c.read_other, c.write_other}}) {
            auto found = FindStudent(c.actor, *db_, id);
            EXPECT_EQ(found ? kOk : outcome(found.error()), read) << c.who << " reads " << id.value;
            if (found) {
                EXPECT_EQ(found->iin_masked, !c.iin_visible) << c.who;
            }
            StudentDraft d = id == *own ? Draft() : other_draft;
            d.course_year = "3";
            EXPECT_EQ(outcome(UpdateStudent(c.actor, At(), id, d)), write) << c.who << " writes " << id.value;
        }
    }
}

/// List pages show only the caller's scopes.
TEST_P(PermissionsTest, ListsFilterByScope) {
    StudentDraft other = Draft("950101600124", "S-2");
    other.programme = "6B06102";
    ASSERT_TRUE(CreateStudent(auth::SystemPrincipal(), At(), Draft()).has_value());
    ASSERT_TRUE(CreateStudent(auth::SystemPrincipal(), At(), other).has_value());
    EXPECT_EQ(ListStudents(Dean(faculty1_), *db_, {})->total, 1);
    EXPECT_EQ(ListStudents(Dean(faculty2_), *db_, {})->items.at(0).student_number, "S-2");
    EXPECT_EQ(ListStudents(As(auth::Role::kRegistrar, auth::kInstitution), *db_, {})->total, 2);
    EXPECT_EQ(ListStudents(As(auth::Role::kStudent, auth::kInstitution), *db_, {}).error().code,
              core::ErrorCode::kForbidden);
    // A dean's office of faculty 2 cannot enrol into faculty 1's programme: it does not even see
    // it (a programme outside the caller's scopes is unknown, as in imports), and writes nothing.
    const auto refused = CreateStudent(Dean(faculty2_), At(), Draft("000213501237", "S-3"));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidInput);
    const auto fields = FieldErrorsOf(refused.error());
    ASSERT_FALSE(fields.empty());
    EXPECT_EQ(fields.front().message_key, "people.programme_unknown") << fields.front().field;
    EXPECT_EQ(ListStudents(As(auth::Role::kRegistrar, auth::kInstitution), *db_, {})->total, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionsTest, testing::Backends(), platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::people
