#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "assignments/api.hpp"
#include "courses/api.hpp"
#include "demo/api.hpp"
#include "gradebook/api.hpp"
#include "identity/api.hpp"
#include "identity/login.hpp"
#include "online/api.hpp"
#include "people/api.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/roles.hpp"
#include "platform/auth/totp.hpp"
#include "platform/db/database.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::demo {
namespace {

namespace auth = platform::auth;
namespace db = platform::db;

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

core::Instant Now() {
    return core::FromMicros(1'790'000'000'000'000);
}  // 2026-09-21

void Migrate(db::Database& database) {
    std::vector<db::Migration> all;
    for (const auto& [module, dir] :
         std::vector<std::pair<std::string, std::string>>{{"audit", "platform/audit/schema"},
                                                          {"identity", "identity/schema"},
                                                          {"academics", "academics/schema"},
                                                          {"people", "people/schema"},
                                                          {"online", "online/schema"},
                                                          {"gradebook", "gradebook/schema"},
                                                          {"courses", "courses/schema"},
                                                          {"jobs", "platform/jobs/schema"},
                                                          {"assessment", "assessment/schema"},
                                                          {"integrity", "integrity/schema"},
                                                          {"assignments", "assignments/schema"}}) {
        auto steps = db::LoadMigrations(module, ResourceDir() / dir, database.dialect());
        all.insert(all.end(), steps.begin(), steps.end());
    }
    db::Migrate(database, all);
}

// What two runs must agree on.
struct Snapshot {
    std::vector<std::string> programmes;
    std::vector<std::string> groups;
    std::vector<std::string> students;
};

Snapshot Take(db::Database& database) {
    const auto system = auth::SystemPrincipal();
    Snapshot out;
    const auto programmes = academics::ListProgrammes(system, database, std::nullopt, {0, 500});
    if (programmes) {
        for (const auto& p : *programmes) out.programmes.push_back(p.code);
    }
    for (int offset = 0;; offset += 500) {
        const auto page = people::ListGroups(system, database, {.offset = offset, .limit = 500}).value();
        for (const auto& g : page.items) out.groups.push_back(g.code);
        if (page.items.size() < 500) break;
    }
    for (int offset = 0;; offset += 500) {
        const auto page = people::ListStudents(system, database, {.offset = offset, .limit = 500}).value();
        for (const auto& s : page.items) {
            out.students.push_back(people::DisplayName(s.name) + " " + s.student_number);
        }
        if (page.items.size() < 500) break;
    }
    std::sort(out.programmes.begin(), out.programmes.end());
    std::sort(out.groups.begin(), out.groups.end());
    std::sort(out.students.begin(), out.students.end());
    return out;
}

class DemoTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        Migrate(*db_);
    }

    Options MakeOptions(bool force = false) const {
        Options options;
        options.resource_dir = ResourceDir();
        options.now = Now();
        options.force = force;
        options.hasher = hasher_.get();
        return options;
    }

    std::shared_ptr<auth::PasswordHasher> hasher_ = std::make_shared<auth::PasswordHasher>();
    std::unique_ptr<db::Database> db_;
};

/// The university has the promised size, the three DL regimes and one account per role.
TEST_P(DemoTest, CreatesTheUniversity) {
    auto summary = CreateDemo(*db_, MakeOptions());
    ASSERT_TRUE(summary.has_value()) << summary.error().message_key << ": " << summary.error().detail;
    EXPECT_EQ(summary->academic_year, "2026-2027");
    const auto system = auth::SystemPrincipal();

    EXPECT_EQ(academics::ListFaculties(system, *db_, {0, 500}).value().size(), 3U);
    EXPECT_GE(academics::ListDepartments(system, *db_, std::nullopt, {0, 500}).value().size(), 6U);
    const auto listed = academics::ListProgrammes(system, *db_, std::nullopt, {0, 500});
    ASSERT_TRUE(listed.has_value());
    const auto& programmes = *listed;
    EXPECT_GE(programmes.size(), 10U);
    std::set<academics::DlRegime> regimes;
    for (const auto& p : programmes) regimes.insert(p.dl_regime);
    EXPECT_TRUE(regimes.contains(academics::DlRegime::kLimit20));
    EXPECT_TRUE(regimes.contains(academics::DlRegime::kLimit50));
    EXPECT_TRUE(regimes.contains(academics::DlRegime::kForbidden));
    int with_curriculum = 0;
    for (const auto& p : programmes) {
        const auto curricula = academics::ListCurricula(system, *db_, p.id);
        ASSERT_TRUE(curricula.has_value());
        for (const auto& c : *curricula) {
            const auto full = academics::FindCurriculum(system, *db_, c.id).value();
            EXPECT_GE(full.disciplines.size(), 30U) << p.code;
            int credits = 0;
            for (const auto& d : full.disciplines) credits += d.credits;
            EXPECT_EQ(credits, 240) << p.code;
            ++with_curriculum;
        }
    }
    EXPECT_EQ(with_curriculum, 3);

    const auto years = academics::ListYears(system, *db_).value();
    ASSERT_EQ(years.size(), 1U);
    const auto year = academics::FindYear(system, *db_, years[0].id).value();
    EXPECT_EQ(year.name, "2026-2027");
    EXPECT_EQ(year.periods.size(), 2U);
    EXPECT_EQ(year.holidays.size(), 1U);

    EXPECT_EQ(people::ListTeachers(system, *db_, {.limit = 1}).value().total, 40);
    EXPECT_EQ(people::ListStudents(system, *db_, {.limit = 1}).value().total, 600);
    EXPECT_GE(people::ListGroups(system, *db_, {.limit = 1}).value().total, 40);
    EXPECT_GT(
        people::ListStudents(system, *db_, {.form = people::StudyForm::kOnline, .limit = 1}).value().total,
        0);

    // One account per role, a second student (Law) for the distance-learning requests and a
    // third in the online form.
    ASSERT_EQ(summary->accounts.size(), 14U);
    std::set<std::string> roles;
    for (const auto& a : summary->accounts) {
        roles.insert(a.role);
        const auto role = auth::ParseRole(a.role);
        ASSERT_TRUE(role.has_value()) << a.role;
        EXPECT_EQ(!a.totp_secret.empty(), auth::IsAdministrative(*role)) << a.role;
        EXPECT_GE(a.password.size(), 12U);
        EXPECT_FALSE(a.name.empty());
    }
    EXPECT_EQ(roles.size(), 12U);

    // The student and teacher accounts are linked to their records; the adviser curates a group.
    const auto student_user =
        db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.student"); });
    ASSERT_TRUE(student_user.has_value());
    const auto student = people::FindStudentByUser(system, *db_, student_user->id);
    ASSERT_TRUE(student.has_value());
    EXPECT_EQ(student->programme_code, "6B06101");
    const auto adviser =
        db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.adviser"); });
    ASSERT_TRUE(adviser.has_value());
    const auto group = people::FindGroup(system, *db_, *student->group).value();
    ASSERT_TRUE(group.curator.has_value());
    const auto curator = people::FindTeacher(system, *db_, *group.curator);
    ASSERT_TRUE(curator.has_value());
    EXPECT_EQ(curator->user_id, adviser->id);

    const auto json = nlohmann::json::parse(SummaryJson(*summary));
    EXPECT_EQ(json["accounts"].size(), 14U);
    const auto law_user =
        db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.law.student"); });
    ASSERT_TRUE(law_user.has_value());
    const auto law_student = people::FindStudentByUser(system, *db_, law_user->id);
    ASSERT_TRUE(law_student.has_value());
    EXPECT_EQ(law_student->programme_code, "6B04201");
    EXPECT_EQ(law_student->course_year, 1);
    const auto online_user =
        db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.online.student"); });
    ASSERT_TRUE(online_user.has_value());
    const auto online_student = people::FindStudentByUser(system, *db_, online_user->id);
    ASSERT_TRUE(online_student.has_value());
    EXPECT_EQ(online_student->form, people::StudyForm::kOnline);
    // R-O7: the contract's three documents are published; the online student has yet to accept.
    EXPECT_EQ(online::CurrentDocuments(*db_).size(), 3U);
    EXPECT_FALSE(online::HasAcceptedConsents(*db_, online_student->id.value));
    EXPECT_EQ(json["university"]["students"], 600);
}

/// The demo's courses: one per discipline of its journals, taught by the demo teacher to the
/// journals' groups, ready (every week filled, outcomes mapped, policy set); every other one has
/// its readiness act before the R-O12 deadline; the journals carry the course's weights, and the
/// demo teacher enters marks in them. A forced second run adds no course.
TEST_P(DemoTest, CoursesForTheJournals) {  // R-O12 R-O16
    auto summary = CreateDemo(*db_, MakeOptions());
    ASSERT_TRUE(summary.has_value()) << summary.error().detail;
    const auto system = auth::SystemPrincipal();
    const auto journals = gradebook::ListJournals(system, *db_);
    ASSERT_FALSE(journals.empty());
    const auto list = courses::ListCourses(system, *db_, {});
    ASSERT_EQ(static_cast<int>(list.size()), summary->counts.courses);
    ASSERT_GE(list.size(), 2U);
    int signed_acts = 0;
    for (const auto& c : list) {
        ASSERT_EQ(c.teachers.size(), 1U);
        EXPECT_FALSE(c.groups.empty());
        ASSERT_TRUE(c.weights.has_value());
        const auto readiness = courses::ReadinessOf(system, *db_, c.id, Now());
        ASSERT_TRUE(readiness.has_value());
        EXPECT_TRUE(readiness->checklist.complete()) << c.discipline_code;
        if (c.act_signed_at) {
            ++signed_acts;
            EXPECT_EQ(readiness->placement.status, core::RuleStatus::kMet) << c.discipline_code;
        }
    }
    EXPECT_EQ(signed_acts, static_cast<int>((list.size() + 1) / 2));
    for (const auto& j : journals) {
        EXPECT_EQ(j.policy.weights, (gradebook::Weights{30, 15, 15, 40})) << j.discipline_code;
    }
    // R-O16: the teacher of the courses (some with online students) is qualified.
    for (const auto& row : courses::ReportOnlineTeaching(*db_)) {
        const auto standing = online::QualificationOf(system, *db_, row.teacher_id, Now());
        ASSERT_TRUE(standing.has_value());
        EXPECT_EQ(standing->verdict.status, core::RuleStatus::kMet);
    }
    // Each journal belongs to a course the demo teacher teaches, so he enters its marks.
    const auto teacher_user =
        db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.teacher"); });
    ASSERT_TRUE(teacher_user.has_value());
    auth::Principal teacher;
    teacher.user_id = teacher_user->id;
    teacher.grants = {{auth::Role::kTeacher, auth::kInstitution}};
    for (const auto& j : journals) {
        bool taught = false;
        for (const auto& c : list) {
            if (c.discipline_id != j.discipline_id || c.period_id != j.period_id) continue;
            const auto access = courses::AccessTo(teacher, *db_, c.id);
            for (const auto& g : c.groups) {
                taught = taught || (g.group_id == j.group_id && access && access->edit);
            }
        }
        EXPECT_TRUE(taught) << j.group_code << " " << j.discipline_code;
    }
    ASSERT_TRUE(CreateDemo(*db_, MakeOptions(true)).has_value());
    EXPECT_EQ(courses::ListCourses(system, *db_, {}).size(), list.size());
}

/// The demo student's course has a published quiz in the journal's RK1 column with questions of
/// several types (an essay among them) and an assignment in the RK2 column, which the student
/// sees; a second run adds neither again.
TEST_P(DemoTest, AQuizAndAnAssignmentForTheStudent) {  // R-A5 R-O22
    ASSERT_TRUE(CreateDemo(*db_, MakeOptions()).has_value());
    const auto count = [&](const std::string& sql) {
        return db_->Read([&](db::Session& s) { return s.Query(sql)[0].Int(0); });
    };
    EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_quiz WHERE published = 1 AND grade_column = 'rk1'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_quiz_rule"), 7);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT type) FROM assessment_question"), 7);
    EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_question WHERE type = 'essay'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM assignments_assignment WHERE grade_column = 'rk2'"), 1);
    const auto course = count("SELECT course_id FROM assessment_quiz");
    EXPECT_EQ(count("SELECT course_id FROM assignments_assignment"), course);

    const auto user = db_->Read([](db::Session& s) { return identity::FindUserByLogin(s, "demo.student"); });
    ASSERT_TRUE(user.has_value());
    auth::Principal student;
    student.user_id = user->id;
    student.login = "demo.student";
    student.grants = {{auth::Role::kStudent, auth::kInstitution}};
    const auto access = courses::AccessTo(student, *db_, course);
    ASSERT_TRUE(access.has_value());
    EXPECT_TRUE(access->study);
    const auto assignments = assignments::ListAssignments(student, *db_, course);
    ASSERT_TRUE(assignments.has_value());
    EXPECT_EQ(assignments->size(), 1U);
    // His RK1 is the quiz's to write: the demo types none for him (a typed mark is never replaced).
    const auto own = people::FindOwnStudent(*db_, user->id);
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM gradebook_mark WHERE cell = 'rk1' AND student_id = " +
                    std::to_string(own->id.value)),
              0);

    ASSERT_TRUE(CreateDemo(*db_, MakeOptions(true)).has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_quiz"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM assignments_assignment"), 1);
}

/// Every account signs in with its printed password, the administrative ones with a TOTP code.
TEST_P(DemoTest, AccountsSignIn) {
    auto summary = CreateDemo(*db_, MakeOptions());
    ASSERT_TRUE(summary.has_value()) << summary.error().detail;
    identity::LoginService login(*db_, hasher_);
    for (const auto& a : summary->accounts) {
        auto result = login.Login(a.login, a.password, {"127.0.0.1", "test"}, Now());
        ASSERT_TRUE(result.has_value()) << a.login << ": " << result.error().message_key;
        EXPECT_FALSE(result->must_change_password) << a.login;
        EXPECT_FALSE(result->second_factor_required) << a.login;
        EXPECT_EQ(result->second_factor_pending, !a.totp_secret.empty()) << a.login;
        if (result->second_factor_pending) {
            const auto code = auth::TotpCode(a.totp_secret, auth::TotpStep(Now()));
            ASSERT_TRUE(code.has_value());
            EXPECT_TRUE(
                login.CompleteSecondFactor(result->token, *code, {"127.0.0.1", "test"}, Now()).has_value())
                << a.login;
        }
    }
}

/// A second run refuses the non-empty database; --force adds nothing twice and resets the passwords.
TEST_P(DemoTest, SecondRunRefusedUnlessForced) {
    auto first = CreateDemo(*db_, MakeOptions());
    ASSERT_TRUE(first.has_value()) << first.error().detail;
    const Snapshot before = Take(*db_);
    auto again = CreateDemo(*db_, MakeOptions());
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(again.error().message_key, "demo.not_empty");

    auto forced = CreateDemo(*db_, MakeOptions(true));
    ASSERT_TRUE(forced.has_value()) << forced.error().detail;
    const Snapshot after = Take(*db_);
    EXPECT_EQ(after.programmes, before.programmes);
    EXPECT_EQ(after.groups, before.groups);
    EXPECT_EQ(after.students, before.students);
    EXPECT_NE(forced->accounts[0].password, first->accounts[0].password);
    identity::LoginService login(*db_, hasher_);
    EXPECT_TRUE(login.Login(forced->accounts[0].login, forced->accounts[0].password, {}, Now()).has_value());
}

/// Two fresh databases get the same programmes, groups and students.
TEST_P(DemoTest, Deterministic) {
    ASSERT_TRUE(CreateDemo(*db_, MakeOptions()).has_value());
    auto other = db::Database::Open("sqlite::memory:");
    Migrate(*other);
    ASSERT_TRUE(CreateDemo(*other, MakeOptions()).has_value());
    const Snapshot a = Take(*db_);
    const Snapshot b = Take(*other);
    EXPECT_EQ(a.programmes, b.programmes);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_EQ(a.students, b.students);
    EXPECT_EQ(a.students.size(), 600U);
}

/// The academic year starts on 1 September, Kazakhstan time.
TEST(AcademicYear, StartsInSeptember) {
    EXPECT_EQ(AcademicYearStart(Now()), 2026);
    EXPECT_EQ(AcademicYearStart(core::FromMicros(1'772'000'000'000'000)), 2025);  // 2026-02-25
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest,
                         ::testing::Values(db::testing::Backend::kSqliteFile,
                                           db::testing::Backend::kSqliteMemory,
                                           db::testing::Backend::kPostgres),
                         db::testing::BackendName);

}  // namespace
}  // namespace oqu::demo
