#include <gtest/gtest.h>

#include "people/tests/fixture.hpp"
#include "platform/audit/audit.hpp"

namespace oqu::people {
namespace {

using testing::As;
using testing::PeopleDbTest;
namespace auth = platform::auth;

class UseCasesTest : public PeopleDbTest {};

/// A dean's office enrols a student of its faculty; the full IIN is shown to it, masked to a teacher.
TEST_P(UseCasesTest, CreateAndFindStudent) {
    const auto dean = Dean(faculty1_);
    auto id = CreateStudent(dean, At(), Draft());
    ASSERT_TRUE(id.has_value()) << id.error().detail;
    auto seen = FindStudent(dean, *db_, *id);
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->iin, "860904350504");
    EXPECT_EQ(seen->programme_code, "6B06101");
    EXPECT_EQ(seen->faculty_id, faculty1_);
    auto by_teacher =
        FindStudent(As(auth::Role::kTeacher, {auth::ScopeKind::kFaculty, faculty1_}), *db_, *id);
    ASSERT_TRUE(by_teacher.has_value());
    EXPECT_EQ(by_teacher->iin, "86*********4");
    EXPECT_TRUE(by_teacher->iin_masked);
    const auto audit = platform::audit::ListAudit(*db_, 5);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit[0].entry.action, "people.create_student");
    EXPECT_EQ(audit[0].entry.detail_json.find("860904350504"), std::string::npos);
}

/// Refused fields come back together, each with its key.
TEST_P(UseCasesTest, RefusedFields) {
    StudentDraft d = Draft("860904350505");
    d.course_year = "5";  // 240 credits: at most 4
    d.group = "NOPE";
    d.study_form = "part_time";
    auto id = CreateStudent(Dean(faculty1_), At(), d);
    ASSERT_FALSE(id.has_value());
    const FieldErrors errors = FieldErrorsOf(id.error());
    std::vector<std::string> fields;
    for (const auto& e : errors) fields.push_back(e.field + ":" + e.message_key);
    EXPECT_EQ(fields, (std::vector<std::string>{"iin:people.iin_checksum", "group:people.group_unknown",
                                                "course_year:people.course_year_range",
                                                "study_form:people.study_form_invalid"}));
    d = Draft();
    d.programme = "6B06103";  // 300 credits: a fifth year exists
    d.course_year = "5";
    EXPECT_TRUE(CreateStudent(Dean(faculty1_), At(), d).has_value());
}

/// The same IIN or student number cannot be enrolled twice.
TEST_P(UseCasesTest, DuplicatesRefused) {
    ASSERT_TRUE(CreateStudent(Dean(faculty1_), At(), Draft()).has_value());
    auto again = CreateStudent(Dean(faculty1_), At(), Draft("860904350504", "S-2"));
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(FieldErrorsOf(again.error()).at(0).message_key, "people.iin_taken");
    auto number = CreateStudent(Dean(faculty1_), At(), Draft("950101600124", "S-1"));
    ASSERT_FALSE(number.has_value());
    EXPECT_EQ(FieldErrorsOf(number.error()).at(0).message_key, "people.student_number_taken");
}

/// Online admission goes through distance::CheckOnlineFormAllowed: an unconfirmed direction is
/// refused (the office must have it confirmed first), an allowed one admits, a forbidden one
/// (order No. 530) refuses admission and the change of form. // R-O2
TEST_P(UseCasesTest, OnlineFormFollowsDirectionFlag) {  // R-O2
    const auto dean = Dean(faculty1_);
    StudentDraft d = Draft();
    d.study_form = "online";
    auto unconfirmed = CreateStudent(dean, At(), d);
    ASSERT_FALSE(unconfirmed.has_value());
    EXPECT_EQ(unconfirmed.error().requirement, "R-O2");
    const auto errors = FieldErrorsOf(unconfirmed.error());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "study_form");
    EXPECT_EQ(errors[0].message_key, "people.online_unconfirmed");
    SetOnline("B057", "allowed");
    auto id = CreateStudent(dean, At(), d);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(FindStudent(dean, *db_, *id)->form, StudyForm::kOnline);
    SetOnline("B057", "forbidden");
    d = Draft("950101600124", "S-2");
    d.study_form = "online";
    auto refused = CreateStudent(dean, At(), d);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().requirement, "R-O2");
    EXPECT_EQ(FieldErrorsOf(refused.error()).at(0).message_key, "people.online_forbidden");
    EXPECT_TRUE(ChangeStudyForm(dean, At(), *id, StudyForm::kFullTime).has_value());
    auto change = ChangeStudyForm(dean, At(), *id, StudyForm::kOnline);
    ASSERT_FALSE(change.has_value());
    EXPECT_EQ(change.error().code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(change.error().message_key, "people.online_forbidden");
    EXPECT_EQ(FindStudent(dean, *db_, *id)->form, StudyForm::kFullTime);
}

/// Groups hold students of their programme only; lists filter and search.
TEST_P(UseCasesTest, GroupsAndLists) {
    const auto dean = Dean(faculty1_);
    auto group = CreateGroup(dean, At(), {"ИС-21-1", "6B06101", "2021", "kk", "", ""});
    ASSERT_TRUE(group.has_value()) << group.error().detail;
    auto lab = CreateGroup(dean, At(), {"ИС-21-1а", "6B06101", "2021", "kk", "", "ИС-21-1"});
    ASSERT_TRUE(lab.has_value()) << lab.error().detail;
    auto bad_language = CreateGroup(dean, At(), {"IS-21-2", "6B06101", "2021", "en", "", ""});
    ASSERT_FALSE(bad_language.has_value());
    EXPECT_EQ(FieldErrorsOf(bad_language.error()).at(0).message_key, "people.language_not_in_programme");
    StudentDraft d = Draft();
    d.group = "ИС-21-1";
    ASSERT_TRUE(CreateStudent(dean, At(), d).has_value());
    StudentDraft other = Draft("950101600124", "S-2");
    other.surname = "Ахметов";
    other.given_name = "Ерлан";
    ASSERT_TRUE(CreateStudent(dean, At(), other).has_value());
    auto in_group = ListStudents(dean, *db_, {.group = *group});
    ASSERT_TRUE(in_group.has_value());
    ASSERT_EQ(in_group->total, 1);
    EXPECT_EQ(in_group->items[0].group_code, "ИС-21-1");
    auto search = ListStudents(dean, *db_, {.text = "Ахмет"});
    ASSERT_EQ(search->total, 1);
    EXPECT_EQ(ListStudents(dean, *db_, {.text = "950101600124"})->total, 1);
    // A teacher may not search by IIN: the number would be confirmed although shown masked.
    EXPECT_EQ(
        ListStudents(As(auth::Role::kTeacher, auth::kInstitution), *db_, {.text = "950101600124"})->total, 0);
    auto groups = ListGroups(dean, *db_, {});
    ASSERT_EQ(groups->total, 2);
    EXPECT_EQ(groups->items[0].students, 1);
    EXPECT_EQ(groups->items[1].parent_code, "ИС-21-1");
}

/// Teachers belong to a department; the curator of a group is a teacher.
TEST_P(UseCasesTest, TeachersAndCurators) {
    const auto admin = As(auth::Role::kItAdmin, auth::kInstitution);
    auto teacher =
        CreateTeacher(admin, At(), {"Смағұлов", "Ерлан", "", "", "IS", "senior_lecturer", "candidate", ""});
    ASSERT_TRUE(teacher.has_value()) << teacher.error().detail;
    auto group = CreateGroup(Dean(faculty1_), At(),
                             {"ИС-22-1", "6B06101", "2022", "ru", std::to_string(teacher->value), ""});
    ASSERT_TRUE(group.has_value());
    EXPECT_EQ(FindGroup(Dean(faculty1_), *db_, *group)->curator_name, "Смағұлов Ерлан");
    auto found = FindTeacher(Dean(faculty1_), *db_, *teacher);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->department_code, "IS");
    EXPECT_EQ(found->position, Position::kSeniorLecturer);
    EXPECT_EQ(FindTeacher(Dean(faculty2_), *db_, *teacher).error().code, core::ErrorCode::kNotFound);
    auto bad = CreateTeacher(admin, At(), {"Смағұлов", "Ерлан", "", "", "IS", "docent", "", ""});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(FieldErrorsOf(bad.error()).at(0).message_key, "people.position_invalid");
}

/// An update keeps a masked IIN sent back by a form unchanged.
TEST_P(UseCasesTest, UpdateKeepsMaskedIin) {
    const auto registrar = As(auth::Role::kRegistrar, auth::kInstitution);
    auto id = CreateStudent(registrar, At(), Draft());
    ASSERT_TRUE(id.has_value());
    StudentDraft d = Draft("86*********4");
    d.status = "academic_leave";
    d.special_needs = "иә";  // R-A7
    ASSERT_TRUE(UpdateStudent(registrar, At(), *id, d).has_value());
    auto s = FindStudent(registrar, *db_, *id);
    EXPECT_EQ(s->iin, "860904350504");
    EXPECT_EQ(s->status, StudentStatus::kAcademicLeave);
    EXPECT_TRUE(s->special_needs);
}

INSTANTIATE_TEST_SUITE_P(Backends, UseCasesTest, testing::Backends(), platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::people
