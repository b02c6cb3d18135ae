#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "dl/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/tests/backends.hpp"

// The database fixture of the dl module's tests (use cases and routes).
namespace oqu::dl::testing {

namespace auth = platform::auth;
namespace db = platform::db;

/// The src/ folder (schemas, seed, templates, strings).
inline std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

inline auth::Principal As(auth::Role role, auth::Scope scope, std::int64_t user_id,
                          const std::string& login) {
    auth::Principal p;
    p.user_id = user_id;
    p.login = login;
    p.grants.push_back({role, scope});
    return p;
}

inline const std::string kSha(64, 'a');

/// Two faculties: Law (programme of group B049, limit 20 %) and Pedagogy (B001, DL forbidden),
/// each with a 2025 curriculum of ten disciplines and a group; two law students and one of
/// pedagogy, each linked to an account. Today is 2026-09-21.
class DlTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        std::vector<db::Migration> all;
        const auto root = ResourceDir();
        for (const auto& [module, dir] :
             std::vector<std::pair<std::string, std::string>>{{"audit", "platform/audit/schema"},
                                                              {"identity", "identity/schema"},
                                                              {"academics", "academics/schema"},
                                                              {"people", "people/schema"},
                                                              {"dl", "dl/schema"}}) {
            auto steps = db::LoadMigrations(module, root / dir, db_->dialect());
            all.insert(all.end(), steps.begin(), steps.end());
        }
        db::Migrate(*db_, all);
        ASSERT_TRUE(academics::SeedDirections(*db_, root / "academics/seed/directions.csv").has_value());
        const auto system = auth::SystemPrincipal();
        const academics::Change change{*db_, Now(), ""};
        law_ = Must(academics::CreateFaculty(system, change, {"LAW", {"Құқық", "Право", "Law"}})).value;
        ped_ = Must(academics::CreateFaculty(system, change, {"PED", {"Пед", "Пед", "Pedagogy"}})).value;
        law_programme_ = Programme(change, "6B04201", "B049", law_);
        ped_programme_ = Programme(change, "6B01101", "B001", ped_);
        law_disciplines_ = Curriculum(change, law_programme_, "LAW");
        ped_disciplines_ = Curriculum(change, ped_programme_, "PED");
        const people::Change pc{*db_, Now(), ""};
        Group(pc, "ЮР-25-1", "6B04201");
        Group(pc, "ПД-25-1", "6B01101");
        student1_ = Student(pc, "6B04201", "ЮР-25-1", "S-1", 501);
        student2_ = Student(pc, "6B04201", "ЮР-25-1", "S-2", 502);
        student3_ = Student(pc, "6B01101", "ПД-25-1", "S-3", 503);
    }

    template <typename T>
    static T Must(core::Result<T> result) {
        if (!result) {
            ADD_FAILURE() << result.error().message_key << ": " << result.error().detail;
            return T{};
        }
        return std::move(result).value();
    }

    std::int64_t Programme(const academics::Change& change, const std::string& code,
                           const std::string& direction, std::int64_t faculty) {
        academics::ProgrammeDraft draft;
        draft.code = code;
        draft.names = {"Бағдарлама " + code, "Программа " + code, "Programme " + code};
        draft.level = "bachelor";
        draft.credits = "240";
        draft.direction_code = direction;
        draft.faculty_id = std::to_string(faculty);
        draft.languages = {"kk", "ru"};
        return Must(academics::CreateProgramme(auth::SystemPrincipal(), change, draft)).value;
    }

    std::vector<std::int64_t> Curriculum(const academics::Change& change, std::int64_t programme,
                                         const std::string& prefix) {
        const auto system = auth::SystemPrincipal();
        const auto curriculum =
            Must(academics::CreateCurriculum(system, change, academics::ProgrammeId{programme}, {"2025"}));
        std::vector<std::int64_t> ids;
        for (int i = 1; i <= 10; ++i) {
            academics::DisciplineDraft d;
            d.code = prefix + " " + std::to_string(1100 + i);
            d.names = {"Пән " + std::to_string(i), "Дисциплина " + std::to_string(i),
                       "Discipline " + std::to_string(i)};
            d.credits = "5";
            d.cycle = "general";
            d.component = "required";
            d.semester = std::to_string(1 + (i % 8));
            d.control = "exam";
            ids.push_back(Must(academics::AddDiscipline(system, change, curriculum, d)).value);
        }
        return ids;
    }

    void Group(const people::Change& change, const std::string& code, const std::string& programme) {
        people::GroupDraft g;
        g.code = code;
        g.programme = programme;
        g.admission_year = "2025";
        g.language = "kk";
        Must(people::CreateGroup(auth::SystemPrincipal(), change, g));
    }

    std::int64_t Student(const people::Change& change, const std::string& programme, const std::string& group,
                         const std::string& number, std::int64_t user_id) {
        people::StudentDraft d;
        d.surname = "Студент";
        d.given_name = user_id == 501 ? "Әлия" : user_id == 502 ? "Дана" : "Ерлан";
        d.student_number = number;
        d.programme = programme;
        d.group = group;
        d.course_year = "2";
        d.study_form = "full_time";
        d.funding = "state_grant";
        const auto id = Must(people::CreateStudent(auth::SystemPrincipal(), change, d)).value;
        // Accounts are linked by the CSV import in production; the test links directly.
        db_->Transact([&](db::Session& s) {
            s.Exec("UPDATE people_student SET user_id = ? WHERE id = ?", {user_id, id});
        });
        return id;
    }

    static core::Instant Now() { return core::FromMicros(1'790'000'000'000'000); }  // 2026-09-21
    Change At(core::Instant now = Now()) { return Change{*db_, now, "127.0.0.1"}; }

    static auth::Principal StudentUser(std::int64_t user_id) {
        return As(auth::Role::kStudent, auth::kInstitution, user_id, "student" + std::to_string(user_id));
    }
    auth::Principal Adviser() const {
        return As(auth::Role::kAdviser, {auth::ScopeKind::kFaculty, law_}, 601, "adviser");
    }
    auth::Principal Dean(std::int64_t faculty) const {
        return As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty}, 700 + faculty, "dean");
    }
    static auth::Principal Registrar() {
        return As(auth::Role::kRegistrar, auth::kInstitution, 801, "registrar");
    }

    static ApplicationDraft Medical(std::vector<std::int64_t> disciplines) {
        ApplicationDraft d;
        d.category = "medical";
        d.period_start = "2026-10-01";
        d.period_end = "2026-11-30";
        d.mcc_number = "ВКК-17";
        d.mcc_date = "2026-09-15";
        d.document_sha = kSha;
        d.document_name = "mcc.pdf";
        d.discipline_ids = std::move(disciplines);
        return d;
    }

    static DecisionDraft Approve() {
        DecisionDraft d;
        d.outcome = "approve";
        d.comment = "Granted";
        return d;
    }

    /// Applies, reviews and decides; returns the application and the decision's status.
    std::pair<std::int64_t, core::Status> Through(std::int64_t user, std::vector<std::int64_t> disciplines,
                                                  std::int64_t faculty,
                                                  const DecisionDraft& decision = Approve()) {
        const auto id = Must(Apply(StudentUser(user), At(), Medical(std::move(disciplines))));
        auto reviewer = As(auth::Role::kAdviser, {auth::ScopeKind::kFaculty, faculty}, 601, "adviser");
        EXPECT_TRUE(Review(reviewer, At(), id, true, "ok").has_value());
        return {id, Decide(Dean(faculty), At(), id, decision)};
    }

    std::size_t AuditCount() { return platform::audit::ListAudit(*db_, 100000).size(); }

    std::unique_ptr<db::Database> db_;
    std::int64_t law_ = 0, ped_ = 0, law_programme_ = 0, ped_programme_ = 0;
    std::vector<std::int64_t> law_disciplines_, ped_disciplines_;
    std::int64_t student1_ = 0, student2_ = 0, student3_ = 0;
};

}  // namespace oqu::dl::testing
