#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "people/api.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::people::testing {

namespace auth = platform::auth;

/// The source tree's src/ folder (set by CTest).
inline std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

/// A principal holding `role` in `scope`.
inline auth::Principal As(auth::Role role, auth::Scope scope, std::int64_t user_id = 100) {
    auth::Principal p;
    p.user_id = user_id;
    p.login = "user" + std::to_string(user_id);
    p.grants.push_back({role, scope});
    return p;
}

/// A fresh database with the migrations of audit, identity, academics and people, the
/// classifier seed, two faculties (each with a department and a 240-credit bachelor programme
/// of group B057) and a 300-credit programme in faculty 1.
class PeopleDbTest : public platform::db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        std::vector<platform::db::Migration> all;
        const auto root = ResourceDir();
        for (const auto& [module, dir] :
             std::vector<std::pair<std::string, std::string>>{{"audit", "platform/audit/schema"},
                                                              {"identity", "identity/schema"},
                                                              {"academics", "academics/schema"},
                                                              {"people", "people/schema"}}) {
            auto steps = platform::db::LoadMigrations(module, root / dir, db_->dialect());
            all.insert(all.end(), steps.begin(), steps.end());
        }
        platform::db::Migrate(*db_, all);
        ASSERT_TRUE(academics::SeedDirections(*db_, root / "academics/seed/directions.csv").has_value());
        const auth::Principal system = auth::SystemPrincipal();
        const academics::Change change{*db_, Now(), ""};
        faculty1_ = Must(academics::CreateFaculty(system, change, {"FIT", {"АТФ", "ФИТ", "FIT"}})).value;
        faculty2_ = Must(academics::CreateFaculty(system, change, {"ECO", {"ЭФ", "ЭФ", "ECO"}})).value;
        department1_ = Must(academics::CreateDepartment(
                                system, change, {std::to_string(faculty1_), "IS", {"АЖ", "ИС", "IS"}}))
                           .value;
        department2_ = Must(academics::CreateDepartment(
                                system, change, {std::to_string(faculty2_), "EC", {"Эк", "Эк", "EC"}}))
                           .value;
        programme1_ = Programme(change, "6B06101", "240", faculty1_, department1_);
        programme2_ = Programme(change, "6B06102", "240", faculty2_, department2_);
        programme5y_ = Programme(change, "6B06103", "300", faculty1_, department1_);
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
                           const std::string& credits, std::int64_t faculty, std::int64_t department) {
        academics::ProgrammeDraft draft;
        draft.code = code;
        draft.names = {"Ақпараттық жүйелер " + code, "Информационные системы " + code,
                       "Information systems " + code};
        draft.level = "bachelor";
        draft.credits = credits;
        draft.direction_code = "B057";
        draft.faculty_id = std::to_string(faculty);
        draft.department_id = std::to_string(department);
        draft.languages = {"kk", "ru"};
        return Must(academics::CreateProgramme(auth::SystemPrincipal(), change, draft)).value;
    }

    /// R-O2: marks the online form of direction `code` ("allowed", "forbidden", "unknown").
    void SetOnline(const std::string& code, const std::string& online) {
        ASSERT_TRUE(academics::SetDirectionSettings(auth::SystemPrincipal(), {*db_, Now(), ""}, code,
                                                    {"limit50", online})
                        .has_value());
    }

    static core::Instant Now() { return core::FromMicros(1'790'000'000'000'000); }  // 2026-09-21
    Change At() { return Change{*db_, Now(), "127.0.0.1"}; }

    /// A valid student draft of programme 6B06101 with the given IIN and number.
    static StudentDraft Draft(const std::string& iin = "860904350504", const std::string& number = "S-1") {
        StudentDraft d;
        d.surname = "Нұрланова";
        d.given_name = "Әлия";
        d.patronymic = "Серікқызы";
        d.iin = iin;
        d.student_number = number;
        d.programme = "6B06101";
        d.course_year = "2";
        d.study_form = "full_time";
        d.funding = "state_grant";
        return d;
    }

    auth::Principal Dean(std::int64_t faculty) const {
        return As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty});
    }

    std::unique_ptr<platform::db::Database> db_;
    std::int64_t faculty1_ = 0, faculty2_ = 0, department1_ = 0, department2_ = 0;
    std::int64_t programme1_ = 0, programme2_ = 0, programme5y_ = 0;
};

/// The backends every people database test runs on.
inline auto Backends() {
    using platform::db::testing::Backend;
    return ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres);
}

}  // namespace oqu::people::testing
