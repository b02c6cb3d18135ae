#pragma once

#include <string>

#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "courses/api.hpp"
#include "online/tests/fixture.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The online fixture (two faculties; online student 1 of 6B06101 with account 501; teacher 1 of
/// department IS with account 601) plus the courses schema, the public-holiday calendar, a 2026
/// curriculum of 6B06101 with discipline IS 2201 and one of 6B06102 with EC 1101; the year
/// 2026-2027 with semester 1 (from 2026-09-01) and semester 2 (from Monday 2027-01-11); the head
/// of department IS (account 603); group ИС-26-1 (full time) with a student of account 504 and
/// group ИС-26-2 with an online student of account 505.
class CoursesDbTest : public online::testing::OnlineDbTest {
protected:
    void SetUp() override {
        OnlineDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        (void)platform::db::Migrate(
            *db_, platform::db::LoadMigrations("courses", root / "courses/schema", db_->dialect()));
        ASSERT_TRUE(academics::SeedPublicDays(*db_, root / "academics/seed/holidays.csv").has_value());
        const auth::Principal system = auth::SystemPrincipal();
        const academics::Change ac{*db_, Now(), ""};
        const auto c1 =
            Must(academics::CreateCurriculum(system, ac, academics::ProgrammeId{programme1_}, {"2026"}));
        const auto c2 =
            Must(academics::CreateCurriculum(system, ac, academics::ProgrammeId{programme2_}, {"2026"}));
        discipline1_ = Must(academics::AddDiscipline(system, ac, c1, Discipline("IS 2201"))).value;
        discipline_other_ = Must(academics::AddDiscipline(system, ac, c2, Discipline("EC 1101"))).value;
        const auto year = Must(academics::CreateYear(system, ac, {"2026-2027", "2026-09-01", "2027-06-30"}));
        period1_ =
            Must(academics::AddPeriod(system, ac, year, {"semester1", "2026-09-01", "2026-12-31", "", ""}))
                .value;
        period2_ =
            Must(academics::AddPeriod(system, ac, year, {"semester2", "2027-01-11", "2027-05-30", "", ""}))
                .value;
        people::TeacherDraft h{"Бекова", "Дана", "", "", "IS", "head_of_department", "", ""};
        head_ = Must(people::CreateTeacher(system, At(), h)).value;
        group1_ = Must(people::CreateGroup(system, At(), {"ИС-26-1", "6B06101", "2026", "kk", "", ""})).value;
        group_online_ =
            Must(people::CreateGroup(system, At(), {"ИС-26-2", "6B06101", "2026", "ru", "", ""})).value;
        group_other_ =
            Must(people::CreateGroup(system, At(), {"ЭК-26-1", "6B06102", "2026", "ru", "", ""})).value;
        people::StudentDraft s = Draft("", "S-4");
        s.group = "ИС-26-1";
        student_full_ = Must(people::CreateStudent(system, At(), s)).value;
        people::StudentDraft o = Draft("", "S-5");
        o.group = "ИС-26-2";
        o.study_form = "online";
        student_online_ = Must(people::CreateStudent(system, At(), o)).value;
        db_->Transact([&](platform::db::Session& session) {
            session.Exec("UPDATE people_teacher SET user_id = 603 WHERE id = ?", {head_});
            session.Exec("UPDATE people_student SET user_id = 504 WHERE id = ?", {student_full_});
            session.Exec("UPDATE people_student SET user_id = 505 WHERE id = ?", {student_online_});
            return 0;
        });
    }

    static academics::DisciplineDraft Discipline(const std::string& code) {
        academics::DisciplineDraft d;
        d.code = code;
        d.names = {"Деректер қоры " + code, "Базы данных " + code, "Databases " + code};
        d.credits = "5";
        d.cycle = "basic";
        d.component = "required";
        d.semester = "1";
        d.control = "exam";
        d.hours = {"30", "15", "", "", "", "", "105"};
        return d;
    }

    Change Cc() { return Change{*db_, Now(), "127.0.0.1"}; }
    auth::Principal Dean1() const { return Dean(faculty1_); }
    auth::Principal Dean2() const { return Dean(faculty2_); }
    static auth::Principal Head() { return As(auth::Role::kTeacher, auth::kInstitution, 603); }
    static auth::Principal StudentFull() { return As(auth::Role::kStudent, auth::kInstitution, 504); }
    static auth::Principal StudentOnline() { return As(auth::Role::kStudent, auth::kInstitution, 505); }

    /// A course of discipline 1 in `period` made by the faculty-1 dean's office.
    std::int64_t MakeCourse(bool online = false, std::int64_t period = 0) {
        CourseDraft draft{std::to_string(discipline1_), std::to_string(period != 0 ? period : period1_), "kk",
                          online ? "yes" : "no", ""};
        auto id = CreateCourse(Dean1(), Cc(), draft);
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key + ": " + id.error().detail);
        return id ? *id : 0;
    }

    /// 72 hours of qualification courses for `teacher` (R-O16).
    void Qualify(std::int64_t teacher) {
        ASSERT_TRUE(
            online::RecordQualification(auth::SystemPrincipal(), {*db_, Now(), ""}, teacher,
                                        {"Online teaching", "Orleu", "72", "2026-01-10", "2026-02-10", ""})
                .has_value());
    }

    /// Rows of the audit log with this action.
    std::int64_t Audited(const std::string& action) {
        return db_->Read([&](platform::db::Session& s) {
            return s.Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action})[0].Int(0);
        });
    }

    std::int64_t discipline1_ = 0, discipline_other_ = 0, period1_ = 0, period2_ = 0, head_ = 0;
    std::int64_t group1_ = 0, group_online_ = 0, group_other_ = 0, student_full_ = 0, student_online_ = 0;
};

}  // namespace oqu::courses::testing
