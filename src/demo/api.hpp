#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
namespace auth {
class PasswordHasher;
}
}  // namespace oqu::platform

/// `oqu demo`: a deterministic Kazakh university for local evaluation (faculties, programmes of
/// the three DL regimes, curricula, the current academic year, teachers, groups, students) and
/// one account per role with printed credentials, and e-journals with marks for the demo
/// students' groups. Uses only the api.hpp of identity, academics, people, online and gradebook.
namespace oqu::demo {

/// One demo account, as printed.
struct Account {
    std::string role;         ///< "it_admin".
    std::string login;        ///< "demo.admin".
    std::string password;     ///< Random (platform::auth::GeneratePassword), printed once.
    std::string totp_secret;  ///< Base32 TOTP secret for administrative roles; empty otherwise.
    std::string name;         ///< Display name.
};

/// What the demo university holds (the records the demo defines).
struct Counts {
    int faculties = 0;
    int departments = 0;
    int programmes = 0;
    int curricula = 0;
    int disciplines = 0;
    int teachers = 0;
    int groups = 0;
    int students = 0;
    int periods = 0;
    int journals = 0;  ///< E-journals opened by this run (gradebook), with current-control marks.
    int marks = 0;     ///< Marks this run entered in them.
    int courses = 0;   ///< Courses made by this run for the journals' disciplines (courses).
};

/// The outcome of CreateDemo.
struct Summary {
    std::vector<Account> accounts;  ///< One per role, in platform::auth::kAllRoles order.
    Counts counts;
    std::string academic_year;  ///< "2025-2026".
};

/// How CreateDemo runs.
struct Options {
    std::filesystem::path resource_dir;  ///< The src/ folder: academics/seed/directions.csv.
    core::Instant now{};                 ///< The clock reading: the current academic year and audit times.
    bool force = false;                  ///< Proceed on a non-empty database (existing items are kept).
    const platform::auth::PasswordHasher* hasher = nullptr;  ///< Hashes the 12 passwords.
};

/// The academic year containing `now` (Kazakhstan time): it starts on 1 September; returns its
/// first calendar year (2025 for "2025-2026").
int AcademicYearStart(core::Instant now);

/// Creates the demo university in `db` (migrated). kConflict "demo.not_empty" when the database
/// already has a user or a faculty and `force` is false; with `force`, items that exist (by
/// code, login, IIN, student number) are kept or updated and the demo accounts get new passwords.
core::Result<Summary> CreateDemo(platform::db::Database& db, const Options& options);

/// The JSON document of `oqu demo --json`: {"accounts": [...], "university": {...}}.
std::string SummaryJson(const Summary& summary);

/// Registers `oqu demo`.
void RegisterDemoCommand(platform::ModuleRegistry& registry);

}  // namespace oqu::demo
