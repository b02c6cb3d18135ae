// The compliance report on a generated university (issue: the report builds in at most 2 s for
// 50,000 students on 2 cores). Generates 8 faculties, 120 programmes, curricula with disciplines,
// groups and 50,000 students (a tenth of them online, some in directions where the online form
// is forbidden or not confirmed, so R-O2 has work to do) with bulk multi-row INSERTs through
// platform/db, then times BuildReport (median of 5) for the institution and for one faculty.
//
// Usage: oqu_bench_compliance --db URL [--resources DIR] [--students N]
//   sqlite:/tmp/oqu-bench-compliance.db            (the file is recreated)
//   postgresql://...?options=-c%20search_path%3Dx  (schema x is dropped and recreated)

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "academics/api.hpp"
#include "app/commands.hpp"
#include "compliance/api.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/module/config.hpp"
#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/strings.hpp"

namespace {

using oqu::platform::db::Database;
using oqu::platform::db::Session;
using Clock = std::chrono::steady_clock;

constexpr int kFaculties = 8;
constexpr int kProgrammesPerFaculty = 15;  // 120 programmes
constexpr int kAdmissionYears = 4;         // 2023..2026: a curriculum per programme and year
constexpr int kDisciplinesPerCurriculum = 40;
constexpr int kStudentsPerGroup = 25;
constexpr int kRowsPerInsert = 400;
constexpr std::int64_t kNow = 1'790'000'000'000'000;  // microseconds, a fixed instant

double Seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

/// Collects rows "(...)" and sends them as multi-row INSERTs of kRowsPerInsert rows; Flush()
/// sends the rest (call it in the order of the foreign keys).
class BulkInsert {
public:
    BulkInsert(Session& s, std::string head) : s_(s), head_(std::move(head)) {}
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;
    ~BulkInsert() = default;

    void Add(const std::string& row) {
        // PostgreSQL's identity columns are GENERATED ALWAYS: the generator chooses the ids.
        sql_ += n_ != 0 ? ","
                : s_.dialect() == oqu::platform::db::Dialect::kPostgres
                    ? head_ + " OVERRIDING SYSTEM VALUE VALUES "
                    : head_ + " VALUES ";
        sql_ += row;
        if (++n_ == kRowsPerInsert) {
            Flush();
        }
    }
    void Flush() {
        if (n_ > 0) {
            s_.Exec(sql_);
            sql_.clear();
            n_ = 0;
        }
    }

private:
    Session& s_;
    std::string head_;
    std::string sql_;
    int n_ = 0;
};

const char* const kSurnames[] = {"Нұрланов", "Әбенов", "Серікбаев", "Иванов", "Жақсылықов", "Омаров",
                                 "Қасымов",  "Петров", "Бекова",    "Ким",    "Сейітова",   "Ахметова"};
const char* const kGivenNames[] = {"Әлия", "Дәурен", "Айгерім", "Тимур", "Мадина", "Ержан", "Анна", "Асель"};

void Generate(Database& db, int students) {
    db.Transact(
        [&](Session& s) {
            // Bachelor groups of the classifier; the university's programmes use 120 of them.
            std::vector<std::string> directions;
            for (const auto& row :
                 s.Query("SELECT code FROM academics_direction WHERE level = 'bachelor' AND "
                         "row_type = 'group' ORDER BY code")) {
                directions.push_back(row.Text(0));
            }
            if (directions.empty()) {
                throw std::runtime_error("the classifier of directions is empty");
            }
            // What an administrator would have confirmed: most directions allow the online form,
            // one in eight forbids it (the list of order No. 530), one in sixteen is unconfirmed.
            for (std::size_t i = 0; i < directions.size(); ++i) {
                const char* form = i % 8 == 3 ? "forbidden" : i % 16 == 5 ? "unknown" : "allowed";
                s.Exec(fmt::format("UPDATE academics_direction SET online_form = '{}' WHERE code = '{}'",
                                   form, directions[i]));
            }
            {
                BulkInsert faculties(s,
                                     "INSERT INTO academics_faculty (id, code, name_kk, name_ru, name_en, "
                                     "created_at, updated_at)");
                BulkInsert departments(
                    s,
                    "INSERT INTO academics_department (id, faculty_id, code, name_kk, name_ru, "
                    "name_en, created_at, updated_at)");
                for (int f = 1; f <= kFaculties; ++f) {
                    faculties.Add(fmt::format(
                        "({0}, 'F{0}', 'Факультет {0}', 'Факультет {0}', 'Faculty {0}', {1}, {1})", f, kNow));
                    departments.Add(fmt::format(
                        "({0}, {0}, 'D{0}', 'Кафедра {0}', 'Кафедра {0}', 'Department {0}', {1}, {1})", f,
                        kNow));
                }
                faculties.Flush();
                departments.Flush();
            }
            const int programmes = kFaculties * kProgrammesPerFaculty;
            {
                BulkInsert insert(
                    s,
                    "INSERT INTO academics_programme (id, code, name_kk, name_ru, name_en, level, "
                    "credits, direction_code, faculty_id, department_id, languages, status, "
                    "created_at, updated_at)");
                for (int p = 1; p <= programmes; ++p) {
                    const int f = (p - 1) / kProgrammesPerFaculty + 1;
                    insert.Add(
                        fmt::format("({0}, '6B{0:05}', 'Бағдарлама {0}', 'Программа {0}', 'Programme {0}', "
                                    "'bachelor', 240, '{1}', {2}, {2}, 'kk,ru', 'active', {3}, {3})",
                                    p, directions[(p * 7) % directions.size()], f, kNow));
                }
                insert.Flush();
            }
            {
                BulkInsert curricula(s,
                                     "INSERT INTO academics_curriculum (id, programme_id, admission_year, "
                                     "created_at, updated_at)");
                BulkInsert disciplines(
                    s,
                    "INSERT INTO academics_discipline (id, curriculum_id, code, name_kk, name_ru, "
                    "name_en, credits, cycle, component, semester, control, hours_lecture, "
                    "hours_seminar, hours_sro, created_at, updated_at)");
                std::int64_t curriculum = 0;
                std::int64_t discipline = 0;
                static const char* const kCycles[] = {"general", "basic", "profile"};
                static const char* const kComponents[] = {"required", "university", "elective"};
                for (int p = 1; p <= programmes; ++p) {
                    for (int y = 0; y < kAdmissionYears; ++y) {
                        ++curriculum;
                        curricula.Add(
                            fmt::format("({}, {}, {}, {}, {})", curriculum, p, 2023 + y, kNow, kNow));
                        curricula.Flush();  // its disciplines refer to it
                        for (int d = 1; d <= kDisciplinesPerCurriculum; ++d) {
                            ++discipline;
                            disciplines.Add(
                                fmt::format("({}, {}, 'D{:03}', 'Пән {}', 'Дисциплина {}', 'Discipline {}', "
                                            "5, '{}', '{}', {}, "
                                            "'exam', 30, 15, 105, {}, {})",
                                            discipline, curriculum, d, d, d, d, kCycles[d % 3],
                                            kComponents[(d / 3) % 3], (d - 1) / 5 + 1, kNow, kNow));
                        }
                    }
                }
                curricula.Flush();
                disciplines.Flush();
            }
            {
                BulkInsert groups(
                    s,
                    "INSERT INTO people_group (id, code, programme_id, faculty_id, admission_year, "
                    "language, created_at, updated_at)");
                BulkInsert insert(
                    s,
                    "INSERT INTO people_student (id, surname, given_name, student_number, "
                    "programme_id, faculty_id, group_id, course_year, study_form, funding, status, "
                    "created_at, updated_at)");
                std::int64_t group = 0;
                for (int i = 1; i <= students; ++i) {
                    const int p = (i - 1) % programmes + 1;
                    const int f = (p - 1) / kProgrammesPerFaculty + 1;
                    if ((i - 1) % (programmes * kStudentsPerGroup) == 0) {
                        // A new cohort of groups: one per programme.
                        for (int q = 1; q <= programmes; ++q) {
                            groups.Add(fmt::format("({0}, 'G{0:05}', {1}, {2}, {3}, 'kk', {4}, {4})",
                                                   group + q, q, (q - 1) / kProgrammesPerFaculty + 1,
                                                   2023 + (group / programmes) % 4, kNow));
                        }
                        groups.Flush();  // the students of the cohort refer to them
                        group += programmes;
                    }
                    const std::int64_t g = group - programmes + p;
                    const char* form = i % 10 == 0 ? "online" : "full_time";
                    const char* status = i % 37 == 0 ? "academic_leave" : "active";
                    insert.Add(
                        fmt::format("({}, '{}', '{}', 'S{:07}', {}, {}, {}, {}, '{}', '{}', '{}', {}, {})", i,
                                    kSurnames[i % 12], kGivenNames[i % 8], i, p, f, g, (i / 7) % 4 + 1, form,
                                    i % 3 == 0 ? "paid" : "state_grant", status, kNow, kNow));
                }
                groups.Flush();
                insert.Flush();
            }
        },
        true);
}

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    std::filesystem::path resources =
        std::getenv("OQU_RESOURCE_DIR") != nullptr ? std::getenv("OQU_RESOURCE_DIR") : "src";
    int students = 50'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--db") {
            url = argv[i + 1];
        } else if (flag == "--resources") {
            resources = argv[i + 1];
        } else if (flag == "--students") {
            students = std::atoi(argv[i + 1]);
        }
    }
    if (url.empty() || students <= 0) {
        std::cerr << "usage: oqu_bench_compliance --db URL [--resources DIR] [--students N]\n";
        return 2;
    }
    try {
        // A fresh database: the SQLite file removed, the PostgreSQL schema of search_path recreated.
        if (url.rfind("sqlite:", 0) == 0) {
            std::filesystem::remove(url.substr(7));
        } else if (const auto at = url.find("search_path%3D"); at != std::string::npos) {
            const std::string schema = url.substr(at + 14);
            const std::string base = url.substr(0, url.find('?'));
            auto admin = Database::Open(base);
            admin->Transact(
                [&](Session& s) {
                    s.ExecScript(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", schema));
                },
                true);
        }
        oqu::platform::ModuleRegistry registry;
        oqu::app::RegisterPlatformModules(registry);
        oqu::app::RegisterDomainModules(registry);
        oqu::platform::Config config;
        config.db_url = url;
        config.db_pool_size = 2;
        config.resource_dir = resources;
        auto db = oqu::platform::OpenAndMigrate(registry, config, nullptr);
        auto seeded = oqu::academics::SeedDirections(*db, resources / "academics/seed/directions.csv");
        if (!seeded) {
            throw std::runtime_error(seeded.error().detail);
        }
        const auto start = Clock::now();
        Generate(*db, students);
        const double generated = Seconds(Clock::now() - start);
        if (db->dialect() == oqu::platform::db::Dialect::kPostgres) {
            db->Transact([](Session& s) { s.ExecScript("ANALYZE"); }, true);
        }
        std::vector<std::filesystem::path> string_dirs;
        for (const auto& m : registry.modules()) {
            if (!m.strings_dir.empty()) {
                string_dirs.push_back(resources / m.strings_dir);
            }
        }
        const auto strings = oqu::platform::web::Strings::Load(string_dirs);
        const auto actor = oqu::platform::auth::SystemPrincipal();
        const oqu::core::Instant now{std::chrono::microseconds(kNow)};
        std::cout << fmt::format(
            "backend: {}\ngenerated {} students, {} programmes, {} faculties in {:.2f} s\n", db->Describe(),
            students, kFaculties * kProgrammesPerFaculty, kFaculties, generated);
        for (const auto& [label, scope] : std::vector<std::pair<std::string, oqu::compliance::ReportScope>>{
                 {"institution", {}}, {"faculty 3", {.faculty_id = 3, .programme_id = std::nullopt}}}) {
            std::vector<double> runs;
            std::size_t violations = 0;
            for (int run = 0; run < 5; ++run) {
                const auto t0 = Clock::now();
                auto report = oqu::compliance::BuildReport(actor, *db, *strings,
                                                           oqu::platform::web::Language::kRu, now, scope);
                runs.push_back(Seconds(Clock::now() - t0));
                if (!report) {
                    throw std::runtime_error(report.error().detail);
                }
                violations = 0;
                for (const auto& r : report->rules) {
                    violations += r.violations.size();
                }
            }
            std::sort(runs.begin(), runs.end());
            std::cout << fmt::format(
                "BuildReport {}: median {:.3f} s (min {:.3f}, max {:.3f}) of 5; {} violations\n", label,
                runs[2], runs.front(), runs.back(), violations);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "oqu_bench_compliance: " << e.what() << "\n";
        return 1;
    }
}
