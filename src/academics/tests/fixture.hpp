#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::academics::testing {

/// The src/ folder (schema, seed, templates).
inline std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

/// 2026-05-28T..Z: a fixed instant, tests never read the clock.
inline const core::Instant kNow = core::FromMicros(1'780'000'000'000'000);

/// A user holding `role` in `scope`.
inline platform::auth::Principal Grantee(platform::auth::Role role, platform::auth::Scope scope,
                                         std::int64_t user_id = 7) {
    platform::auth::Principal p;
    p.user_id = user_id;
    p.login = "user" + std::to_string(user_id);
    p.grants.push_back({role, scope});
    return p;
}

/// An IT administrator of the whole institution.
inline platform::auth::Principal Admin() {
    return Grantee(platform::auth::Role::kItAdmin, platform::auth::kInstitution, 1);
}

/// A database on each backend with the audit and academics schemas, and the classifier seeded.
class AcademicsDbTest : public platform::db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        const auto root = ResourceDir();
        auto steps = platform::db::LoadMigrations("audit", root / "platform/audit/schema", db_->dialect());
        auto mine = platform::db::LoadMigrations("academics", root / "academics/schema", db_->dialect());
        steps.insert(steps.end(), mine.begin(), mine.end());
        platform::db::Migrate(*db_, steps);
        if (seed_) {
            auto seeded = SeedDirections(*db_, root / "academics/seed/directions.csv");
            ASSERT_TRUE(seeded.has_value()) << seeded.error().detail;
            auto days = SeedPublicDays(*db_, root / "academics/seed/holidays.csv");
            ASSERT_TRUE(days.has_value()) << days.error().detail;
        }
    }

    void TearDown() override {
        db_.reset();
        DbTest::TearDown();
    }

    Change At() { return Change{*db_, kNow, "192.0.2.1"}; }

    /// A faculty made by the administrator; fails the test when refused.
    FacultyId MakeFaculty(const std::string& code) {
        auto id = CreateFaculty(Admin(), At(), {code, {code + " kk", code + " ru", code + " en"}});
        EXPECT_TRUE(id.has_value()) << id.error().detail;
        return id.value_or(FacultyId{});
    }

    /// A valid bachelor programme draft in `faculty` (group B057, 240 credits).
    static ProgrammeDraft ProgrammeIn(FacultyId faculty, const std::string& code = "6B06101") {
        ProgrammeDraft d;
        d.code = code;
        d.names = {"Ақпараттық жүйелер", "Информационные системы", "Information systems"};
        d.level = "bachelor";
        d.credits = "240";
        d.direction_code = "B057";
        d.faculty_id = std::to_string(faculty.value);
        d.languages = {"kk", "ru"};
        return d;
    }

    ProgrammeId MakeProgramme(FacultyId faculty, const std::string& code = "6B06101") {
        auto id = CreateProgramme(Admin(), At(), ProgrammeIn(faculty, code));
        EXPECT_TRUE(id.has_value()) << id.error().detail;
        return id.value_or(ProgrammeId{});
    }

    /// A valid 5-credit discipline draft.
    static DisciplineDraft DisciplineDraftOf(const std::string& code, const std::string& semester = "1") {
        DisciplineDraft d;
        d.code = code;
        d.names = {"Философия", "Философия", "Philosophy"};
        d.credits = "5";
        d.cycle = "general";
        d.component = "required";
        d.semester = semester;
        d.control = "exam";
        d.hours = {"15", "30", "", "", "", "30", "75"};
        return d;
    }

    /// Audit records whose action starts with `prefix`.
    std::vector<platform::audit::AuditRecord> Audit(const std::string& prefix = "academics.") {
        return platform::audit::ListAudit(*db_, 1000, 0, prefix);
    }

    bool seed_ = true;
    std::unique_ptr<platform::db::Database> db_;
};

}  // namespace oqu::academics::testing
