// The university of the exam rush (bench/exam/run.sh): one faculty, programme, curriculum and
// discipline; one course in the current period taught by one teacher, with N students in groups
// of 25 attached as streams; a bank of 30 questions of five types and a published quiz that
// draws 10 of them, open from now on for 6 hours with a 90-minute limit. Students sign in as
// bench.student.<i> (i from 0) with the given password (one Argon2id hash computed once and
// stored for all of them). Rows go in as bulk INSERTs; the schema comes from the modules'
// migrations. Prints {"quiz": id, "students": N}.
//
// Usage: oqu_bench_exam_seed --db URL --password PW [--students N] [--resources DIR]
//   sqlite:/path.db                                 (the file is recreated)
//   postgresql://...?options=-c%20search_path%3Dx   (schema x is dropped and recreated)
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "academics/api.hpp"
#include "app/commands.hpp"
#include "assessment/bank_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/database.hpp"
#include "platform/module/config.hpp"
#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"

namespace {

using oqu::platform::db::Database;
using oqu::platform::db::Session;
namespace assessment = oqu::assessment;

constexpr int kStudentsPerGroup = 25;
constexpr int kRowsPerInsert = 400;
constexpr int kQuestions = 30;
constexpr int kDrawn = 10;

/// Collects rows "(...)" and sends them as multi-row INSERTs; Flush() sends the rest.
class BulkInsert {
public:
    BulkInsert(Session& s, std::string head) : s_(s), head_(std::move(head)) {}
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;
    ~BulkInsert() = default;
    void Add(const std::string& row) {
        if (rows_ > 0) sql_ += ", ";
        sql_ += row;
        if (++rows_ == kRowsPerInsert) Flush();
    }
    void Flush() {
        if (rows_ == 0) return;
        // PostgreSQL's identity columns are GENERATED ALWAYS: the seeder chooses the ids.
        const bool pg = s_.dialect() == oqu::platform::db::Dialect::kPostgres;
        s_.Exec(head_ + (pg ? " OVERRIDING SYSTEM VALUE VALUES " : " VALUES ") + sql_);
        sql_.clear();
        rows_ = 0;
    }

private:
    Session& s_;
    std::string head_;
    std::string sql_;
    int rows_ = 0;
};

/// Runs one INSERT with the ids chosen here (OVERRIDING SYSTEM VALUE on PostgreSQL).
void Run(Session& s, std::string sql) {
    if (s.dialect() == oqu::platform::db::Dialect::kPostgres) {
        const auto at = sql.find(" VALUES (");
        if (at != std::string::npos) sql.insert(at, " OVERRIDING SYSTEM VALUE");
    }
    s.Exec(sql);
}

std::string Quote(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

assessment::Question MakeQuestion(int i) {
    using assessment::QuestionType;
    assessment::Question q;
    q.name = fmt::format("Q{:02}", i);
    switch (i % 5) {
        case 0:
            q.type = QuestionType::kSingleChoice;
            q.text = fmt::format("{} + {} = ?", i, i + 1);
            q.answers = {{.text = std::to_string(2 * i + 1), .fraction = 1.0},
                         {.text = std::to_string(2 * i), .fraction = 0.0},
                         {.text = std::to_string(2 * i + 2), .fraction = 0.0},
                         {.text = std::to_string(i), .fraction = 0.0}};
            break;
        case 1:
            q.type = QuestionType::kMultipleChoice;
            q.text = fmt::format("Қайсысы жұп сан? ({})", i);
            q.answers = {{.text = "2", .fraction = 0.5},
                         {.text = "4", .fraction = 0.5},
                         {.text = "3", .fraction = 0.0, .penalty = 0.5},
                         {.text = "5", .fraction = 0.0, .penalty = 0.5}};
            break;
        case 2:
            q.type = QuestionType::kTrueFalse;
            q.text = fmt::format("{} — жай сан", i);
            q.answers = {{.text = "true", .fraction = i == 2 || i == 7 || i == 17 ? 1.0 : 0.0},
                         {.text = "false", .fraction = i == 2 || i == 7 || i == 17 ? 0.0 : 1.0}};
            break;
        case 3:
            q.type = QuestionType::kNumerical;
            q.text = fmt::format("{} * 3 = ?", i);
            q.answers = {{.text = std::to_string(i * 3), .fraction = 1.0, .tolerance = 0.0}};
            break;
        default:
            q.type = QuestionType::kShortAnswer;
            q.text = fmt::format("Қазақстанның астанасы? ({})", i);
            q.answers = {{.text = "Астана", .fraction = 1.0}, {.text = "Astana", .fraction = 1.0}};
            break;
    }
    return q;
}

std::int64_t Seed(Database& db, int students, const std::string& hash) {
    using namespace std::chrono;
    const std::int64_t now = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    const std::int64_t hour = 3'600'000'000;
    return db.Transact(
        [&](Session& s) {
            std::string direction;
            for (const auto& row :
                 s.Query("SELECT code FROM academics_direction WHERE level = 'bachelor' AND "
                         "row_type = 'group' ORDER BY code LIMIT 1")) {
                direction = row.Text(0);
            }
            if (direction.empty()) throw std::runtime_error("the classifier of directions is empty");
            Run(s,
                fmt::format("INSERT INTO academics_faculty (id, code, name_kk, name_ru, name_en, created_at, "
                            "updated_at) VALUES (1, 'F1', 'Факультет', 'Факультет', 'Faculty', {0}, {0})",
                            now));
            Run(s, fmt::format(
                       "INSERT INTO academics_department (id, faculty_id, code, name_kk, name_ru, name_en, "
                       "created_at, updated_at) VALUES (1, 1, 'D1', 'Кафедра', 'Кафедра', "
                       "'Department', {0}, {0})",
                       now));
            Run(s, fmt::format("INSERT INTO academics_programme (id, code, name_kk, name_ru, name_en, level, "
                               "credits, direction_code, faculty_id, department_id, languages, status, "
                               "created_at, updated_at) VALUES (1, '6B00001', 'Бағдарлама', 'Программа', "
                               "'Programme', 'bachelor', 240, {1}, 1, 1, 'kk,ru', 'active', {0}, {0})",
                               now, Quote(direction)));
            Run(s,
                fmt::format("INSERT INTO academics_curriculum (id, programme_id, admission_year, created_at, "
                            "updated_at) VALUES (1, 1, 2024, {0}, {0})",
                            now));
            Run(s,
                fmt::format("INSERT INTO academics_discipline (id, curriculum_id, code, name_kk, name_ru, "
                            "name_en, credits, cycle, component, semester, control, hours_lecture, "
                            "hours_seminar, hours_sro, created_at, updated_at) VALUES (1, 1, 'MAT101', "
                            "'Математика', 'Математика', 'Mathematics', 5, 'basic', 'required', 5, 'exam', "
                            "30, 15, 105, {0}, {0})",
                            now));
            Run(s, fmt::format("INSERT INTO academics_year (id, name, start_date, end_date, created_at, "
                               "updated_at) VALUES (1, '2026-2027', '2026-09-01', '2027-06-30', {0}, {0})",
                               now));
            Run(s, fmt::format("INSERT INTO academics_period (id, year_id, kind, start_date, end_date, "
                               "exam_start, exam_end, created_at, updated_at) VALUES (1, 1, 'semester1', "
                               "'2026-09-01', '2027-01-31', '2026-12-14', '2027-01-10', {0}, {0})",
                               now));
            // The teacher, the course and its bank.
            Run(s,
                fmt::format("INSERT INTO identity_user (id, login, display_name, password_hash, created_at, "
                            "updated_at) VALUES (1, 'bench.teacher', 'Bench Teacher', {1}, {0}, {0})",
                            now, Quote(hash)));
            Run(s, fmt::format("INSERT INTO identity_grant (user_id, role, scope_kind, scope_id, granted_at) "
                               "VALUES (1, 'teacher', 'institution', 0, {})",
                               now));
            Run(s,
                fmt::format("INSERT INTO people_teacher (id, surname, given_name, department_id, faculty_id, "
                            "position, user_id, created_at, updated_at) VALUES (1, 'Bench', 'Teacher', 1, 1, "
                            "'senior_lecturer', 1, {0}, {0})",
                            now));
            Run(s, fmt::format(
                       "INSERT INTO courses_course (id, discipline_id, curriculum_id, programme_id, "
                       "faculty_id, department_id, period_id, language, online, weight_current, "
                       "weight_rk1, weight_rk2, weight_exam, created_at, created_by) VALUES (1, 1, 1, 1, "
                       "1, 1, 1, 'kk', 0, 20, 20, 20, 40, {}, 1)",
                       now));
            Run(s, fmt::format(
                       "INSERT INTO courses_teacher (course_id, teacher_id, assigned_at) VALUES (1, 1, {})",
                       now));
            Run(s,
                "INSERT INTO assessment_category (id, course_id, name, position) VALUES (1, 1, 'Exam', 0)");
            {
                BulkInsert questions(
                    s,
                    "INSERT INTO assessment_question (id, course_id, category_id, type, name, body, "
                    "version, retired, created_by, created_at, updated_at)");
                for (int i = 1; i <= kQuestions; ++i) {
                    const auto q = MakeQuestion(i);
                    questions.Add(fmt::format("({0}, 1, 1, {1}, {2}, {3}, 1, 0, 1, {4}, {4})", i,
                                              Quote(assessment::TypeName(q.type)), Quote(q.name),
                                              Quote(assessment::QuestionJson(q)), now));
                }
                questions.Flush();
            }
            Run(s,
                fmt::format("INSERT INTO assessment_quiz (id, course_id, title, opens_at, closes_at, "
                            "time_limit_seconds, attempts_allowed, shuffle_questions, shuffle_answers, "
                            "one_per_page, review, max_mark, published, created_by, created_at, updated_at) "
                            "VALUES (1, 1, 'Емтихан / Экзамен / Exam', {0}, {1}, 5400, 1, 1, 1, 0, "
                            "'after_close', {2}, 1, 1, {3}, {3})",
                            now - hour / 6, now + 6 * hour, kDrawn * 10, now));
            Run(s,
                fmt::format("INSERT INTO assessment_quiz_rule (quiz_id, position, category_id, draw_count, "
                            "mark) VALUES (1, 1, 1, {}, 10)",
                            kDrawn));
            // The students, their accounts and groups.
            BulkInsert groups(s,
                              "INSERT INTO people_group (id, code, programme_id, faculty_id, admission_year, "
                              "language, created_at, updated_at)");
            BulkInsert streams(s, "INSERT INTO courses_group (course_id, group_id, kind)");
            BulkInsert users(s,
                             "INSERT INTO identity_user (id, login, display_name, password_hash, created_at, "
                             "updated_at)");
            BulkInsert grants(s,
                              "INSERT INTO identity_grant (user_id, role, scope_kind, scope_id, granted_at)");
            BulkInsert people(s,
                              "INSERT INTO people_student (id, surname, given_name, student_number, "
                              "programme_id, faculty_id, group_id, course_year, study_form, funding, status, "
                              "user_id, created_at, updated_at)");
            // Every group first: a batch of students refers to groups and accounts already sent.
            for (int group = 1; group <= (students + kStudentsPerGroup - 1) / kStudentsPerGroup; ++group) {
                groups.Add(fmt::format("({0}, 'MAT-24-{0:03}', 1, 1, 2024, 'kk', {1}, {1})", group, now));
                streams.Add(fmt::format("(1, {}, 'stream')", group));
            }
            groups.Flush();
            streams.Flush();
            for (int i = 0; i < students; ++i) {
                const int group = i / kStudentsPerGroup + 1;
                const std::int64_t user = i + 2;
                users.Add(fmt::format("({0}, 'bench.student.{1}', 'Student {1}', {2}, {3}, {3})", user, i,
                                      Quote(hash), now));
                grants.Add(fmt::format("({}, 'student', 'institution', 0, {})", user, now));
                people.Add(
                    fmt::format("({0}, 'Студент', '{0}', 'B{0:07}', 1, 1, {1}, 3, 'full_time', "
                                "'state_grant', 'active', {2}, {3}, {3})",
                                i + 1, group, user, now));
            }
            users.Flush();
            grants.Flush();
            people.Flush();
            return std::int64_t{1};
        },
        true);
}

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    std::string password;
    std::filesystem::path resources =
        std::getenv("OQU_RESOURCE_DIR") != nullptr ? std::getenv("OQU_RESOURCE_DIR") : "src";
    int students = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--db") {
            url = argv[i + 1];
        } else if (flag == "--password") {
            password = argv[i + 1];
        } else if (flag == "--resources") {
            resources = argv[i + 1];
        } else if (flag == "--students") {
            students = std::atoi(argv[i + 1]);
        }
    }
    if (url.empty() || password.empty() || students <= 0) {
        std::cerr << "usage: oqu_bench_exam_seed --db URL --password PW [--students N] [--resources DIR]\n";
        return 2;
    }
    try {
        if (url.rfind("sqlite:", 0) == 0) {
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url.substr(7) + suffix);
        } else if (const auto at = url.find("search_path%3D"); at != std::string::npos) {
            const std::string schema = url.substr(at + 14);
            auto admin = Database::Open(url.substr(0, url.find('?')));
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
        if (!seeded) throw std::runtime_error(seeded.error().detail);
        const oqu::platform::auth::PasswordHasher hasher;
        auto hash = hasher.Hash(password);
        if (!hash) throw std::runtime_error(hash.error().detail);
        const std::int64_t quiz = Seed(*db, students, hash.value());
        if (db->dialect() == oqu::platform::db::Dialect::kPostgres) {
            // The identity sequences continue after the ids chosen here.
            db->Transact(
                [](Session& s) {
                    for (const char* table :
                         {"academics_faculty", "academics_department", "academics_programme",
                          "academics_curriculum", "academics_discipline", "academics_year",
                          "academics_period", "identity_user", "identity_grant", "people_teacher",
                          "people_group", "people_student", "courses_course", "assessment_category",
                          "assessment_question", "assessment_quiz", "assessment_quiz_rule"}) {
                        s.Query(
                            fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                        "(SELECT COALESCE(max(id), 1) FROM {0}))",
                                        table));
                    }
                    // Statistics as a university has them on exam day: autovacuum has analysed
                    // every table that holds rows, and a table still empty (attempts, sessions,
                    // jobs) has never been analysed, so the planner does not take it for one that
                    // stays empty. (A blanket ANALYZE marks those "analysed, 0 rows": as they fill
                    // during the rush, plans cached before the next autoanalyze scan them whole.)
                    s.ExecScript(
                        "DO $$ DECLARE t regclass; has_rows boolean; BEGIN "
                        "FOR t IN SELECT c.oid FROM pg_class c WHERE c.relkind = 'r' "
                        "AND c.relnamespace = current_schema()::regnamespace LOOP "
                        "EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', t) INTO has_rows; "
                        "IF has_rows THEN EXECUTE format('ANALYZE %s', t); END IF; "
                        "END LOOP; END $$");
                },
                true);
        }
        std::cout << fmt::format("{{\"quiz\": {}, \"students\": {}}}\n", quiz, students);
    } catch (const std::exception& error) {
        std::cerr << "oqu_bench_exam_seed: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
