#pragma once

#include <string>

#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "gradebook/api.hpp"
#include "people/api.hpp"
#include "people/tests/fixture.hpp"
#include "platform/db/database.hpp"

namespace oqu::gradebook::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The people fixture (two faculties) plus the gradebook schema; a 2026 curriculum of programme
/// 6B06101 (faculty 1) with two disciplines and one of 6B06102 (faculty 2) with one; the autumn
/// semester of 2026-2027; group ИС-26-1 (faculty 1) with three students linked to accounts 501..503,
/// group ЭК-26-1 (faculty 2) with one; teacher 1 (account 601) of faculty 1, and teacher 2
/// (account 602), the curator of ИС-26-1.
class GradebookDbTest : public people::testing::PeopleDbTest {
protected:
    void SetUp() override {
        PeopleDbTest::SetUp();
        if (IsSkipped()) return;
        (void)platform::db::Migrate(
            *db_, platform::db::LoadMigrations(
                      "gradebook", people::testing::ResourceDir() / "gradebook/schema", db_->dialect()));
        const auth::Principal system = auth::SystemPrincipal();
        const academics::Change ac{*db_, Now(), ""};
        const auto c1 =
            Must(academics::CreateCurriculum(system, ac, academics::ProgrammeId{programme1_}, {"2026"}));
        const auto c2 =
            Must(academics::CreateCurriculum(system, ac, academics::ProgrammeId{programme2_}, {"2026"}));
        discipline1_ = Must(academics::AddDiscipline(system, ac, c1, Discipline("IS 2201", "5"))).value;
        discipline2_ = Must(academics::AddDiscipline(system, ac, c1, Discipline("IS 2202", "3"))).value;
        discipline_other_ = Must(academics::AddDiscipline(system, ac, c2, Discipline("EC 1101", "5"))).value;
        const auto year = Must(academics::CreateYear(system, ac, {"2026-2027", "2026-09-01", "2027-06-30"}));
        period_ =
            Must(academics::AddPeriod(system, ac, year, {"semester1", "2026-09-01", "2027-01-10", "", ""}))
                .value;
        people::TeacherDraft t1{"Ахметов", "Ерлан", "", "", "IS", "senior_lecturer", "", ""};
        teacher1_ = Must(people::CreateTeacher(system, At(), t1)).value;
        people::TeacherDraft t2{"Серікова", "Гүлнар", "", "", "IS", "assistant", "", ""};
        teacher2_ = Must(people::CreateTeacher(system, At(), t2)).value;
        group1_ = Must(people::CreateGroup(
                           system, At(), {"ИС-26-1", "6B06101", "2026", "kk", std::to_string(teacher2_), ""}))
                      .value;
        group2_ = Must(people::CreateGroup(system, At(), {"ЭК-26-1", "6B06102", "2026", "ru", "", ""})).value;
        const char* names[] = {"Нұрланова", "Құрманов", "Әбілова"};
        for (int i = 0; i < 3; ++i) {
            people::StudentDraft d = Draft(i == 0 ? "860904350504" : "", "S-" + std::to_string(i + 1));
            d.surname = names[i];
            d.group = "ИС-26-1";
            students_[i] = Must(people::CreateStudent(system, At(), d)).value;
        }
        people::StudentDraft other = Draft("", "S-9");
        other.programme = "6B06102";
        other.group = "ЭК-26-1";
        other_student_ = Must(people::CreateStudent(system, At(), other)).value;
        db_->Transact([&](platform::db::Session& s) {
            for (int i = 0; i < 3; ++i) {
                s.Exec("UPDATE people_student SET user_id = ? WHERE id = ?",
                       {std::int64_t{501 + i}, students_[i]});
            }
            s.Exec("UPDATE people_teacher SET user_id = 601 WHERE id = ?", {teacher1_});
            s.Exec("UPDATE people_teacher SET user_id = 602 WHERE id = ?", {teacher2_});
            return 0;
        });
    }

    static academics::DisciplineDraft Discipline(const std::string& code, const std::string& credits) {
        academics::DisciplineDraft d;
        d.code = code;
        d.names = {"Деректер қоры " + code, "Базы данных " + code, "Databases " + code};
        d.credits = credits;
        d.cycle = "basic";
        d.component = "required";
        d.semester = "1";
        d.control = "exam";
        return d;
    }

    Change Ch() { return Change{*db_, Now(), "127.0.0.1"}; }
    auth::Principal Teacher1() const {
        return As(auth::Role::kTeacher, {auth::ScopeKind::kFaculty, faculty1_}, 601);
    }
    auth::Principal Curator() const {
        return As(auth::Role::kAdviser, {auth::ScopeKind::kFaculty, faculty2_}, 602);
    }
    static auth::Principal Student(int i) { return As(auth::Role::kStudent, auth::kInstitution, 501 + i); }

    /// Opens the journal of ИС-26-1 in discipline 1 (or `discipline`) as teacher 1.
    std::int64_t Open(std::int64_t discipline = 0) {
        auto id =
            OpenJournal(Teacher1(), Ch(),
                        {std::to_string(group1_), std::to_string(discipline != 0 ? discipline : discipline1_),
                         std::to_string(period_), ""});
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key + ": " + id.error().detail);
        return id ? *id : 0;
    }

    /// Enters whole rows: weeks 1-2 = current, rk1, rk2, exam for student `i`.
    core::Result<std::vector<Saved>> Marks(const auth::Principal& who, std::int64_t journal, int i,
                                           int current, int rk1, int rk2, int exam) {
        const std::int64_t s = students_[i];
        return EnterMarks(who, Ch(), journal,
                          {{s, "w1", std::to_string(current), ""},
                           {s, "w2", std::to_string(current), ""},
                           {s, "rk1", std::to_string(rk1), ""},
                           {s, "rk2", std::to_string(rk2), ""},
                           {s, "exam", std::to_string(exam), ""}});
    }

    std::int64_t Count(const std::string& sql) {
        return db_->Read([&](platform::db::Session& s) { return s.Query(sql)[0].Int(0); });
    }

    std::int64_t discipline1_ = 0, discipline2_ = 0, discipline_other_ = 0, period_ = 0;
    std::int64_t teacher1_ = 0, teacher2_ = 0, group1_ = 0, group2_ = 0, other_student_ = 0;
    std::int64_t students_[3] = {0, 0, 0};
};

}  // namespace oqu::gradebook::testing
