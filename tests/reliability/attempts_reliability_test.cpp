// The exam-day reliability test of the testing system (issue 5, R-A5): 200 simulated students
// start an attempt and answer its questions through the real `oqu serve`, retrying every request
// until it is acknowledged, while the server is killed with SIGKILL and restarted 20 times.
// Afterwards every answer that got a 2xx is in the database exactly once, as it was sent, and
// every student has exactly one attempt.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "academics/api.hpp"
#include "courses/api.hpp"
#include "people/api.hpp"
#include "platform/auth/principal.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/db/database.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_client.hpp"

namespace oqu {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace db = platform::db;
namespace auth = platform::auth;

constexpr int kStudents = 200;
constexpr int kQuestions = 5;
constexpr int kKills = 20;
constexpr int kWorkers = 12;

struct Backend {
    std::string name;
};

void PrintTo(const Backend& backend, std::ostream* out) {
    *out << backend.name;
}

class AttemptsReliabilityTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("oqu-attempts-reliability-" + std::to_string(getpid()) + "-" + GetParam().name);
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        if (GetParam().name == "sqlite") {
            url_ = "sqlite:" + (dir_ / "oqu.db").string();
            return;
        }
        const char* pg = std::getenv("OQU_TEST_PG_URL");
        if (pg == nullptr || *pg == '\0') GTEST_SKIP() << "OQU_TEST_PG_URL not set";
        admin_ = db::Database::Open(pg);
        schema_ = "oqu_rel_" + std::to_string(getpid());
        admin_->Transact([&](db::Session& s) {
            s.ExecScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
        });
        url_ = std::string(pg) + (std::string(pg).find('?') == std::string::npos ? "?" : "&") +
               "options=-c%20search_path%3D" + schema_;
    }

    void TearDown() override {
        if (admin_) {
            admin_->Transact([&](db::Session& s) { s.ExecScript("DROP SCHEMA " + schema_ + " CASCADE"); });
        }
        std::filesystem::remove_all(dir_);
    }

    std::map<std::string, std::string> Env() const {
        return {{"OQU_RESOURCE_DIR", OQU_SOURCE_RESOURCES},
                {"OQU_DATA_DIR", (dir_ / "data").string()},
                {"OQU_INSECURE_COOKIES", "1"},
                {"OQU_LOG_LEVEL", "error"}};
    }

    // Starts `oqu serve` on `port` (0: any); returns the port it serves on, or 0.
    unsigned short Serve(std::unique_ptr<testing::ChildProcess>& child, unsigned short port) {
        child = std::make_unique<testing::ChildProcess>(
            std::vector<std::string>{OQU_BINARY, "serve", "--db", url_, "--listen",
                                     "127.0.0.1:" + std::to_string(port)},
            Env());
        auto line = child->WaitForLine("Oqu is serving", 60s);
        if (!line) return 0;
        const auto colon = line->find(':', line->find("127.0.0.1"));
        return static_cast<unsigned short>(std::atoi(line->c_str() + colon + 1));
    }

    std::filesystem::path dir_;
    std::string url_;
    std::string schema_;
    std::unique_ptr<db::Database> admin_;
};

struct Student {
    std::string cookie;  ///< Request headers: the session cookie and the CSRF token.
    std::int64_t attempt = 0;
};

// The structure of one course with kStudents students who have accounts and sessions, and a
// published quiz of kQuestions fixed questions, 30 minutes, one attempt. Returns the quiz id.
std::int64_t Prepare(db::Database& database, std::vector<Student>& students) {
    const auto system = auth::SystemPrincipal();
    const auto now = core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
    auto must = [](auto result) {
        if (!result) throw std::runtime_error(result.error().message_key + ": " + result.error().detail);
        return std::move(result).value();
    };
    must(academics::SeedDirections(
        database, std::filesystem::path(OQU_SOURCE_RESOURCES) / "academics/seed/directions.csv"));
    const academics::Change ac{database, now, ""};
    const auto faculty = must(academics::CreateFaculty(system, ac, {"FIT", {"АТФ", "ФИТ", "FIT"}})).value;
    const auto department =
        must(academics::CreateDepartment(system, ac, {std::to_string(faculty), "IS", {"АЖ", "ИС", "IS"}}))
            .value;
    academics::ProgrammeDraft p;
    p.code = "6B06101";
    p.names = {"Ақпараттық жүйелер", "Информационные системы", "Information systems"};
    p.level = "bachelor";
    p.credits = "240";
    p.direction_code = "B057";
    p.faculty_id = std::to_string(faculty);
    p.department_id = std::to_string(department);
    p.languages = {"kk", "ru"};
    const auto programme = must(academics::CreateProgramme(system, ac, p)).value;
    const auto curriculum =
        must(academics::CreateCurriculum(system, ac, academics::ProgrammeId{programme}, {"2026"}));
    academics::DisciplineDraft d;
    d.code = "IS 2201";
    d.names = {"Деректер қоры", "Базы данных", "Databases"};
    d.credits = "5";
    d.cycle = "basic";
    d.component = "required";
    d.semester = "1";
    d.control = "exam";
    d.hours = {"30", "15", "", "", "", "", "105"};
    const auto discipline = must(academics::AddDiscipline(system, ac, curriculum, d)).value;
    const auto year = must(academics::CreateYear(system, ac, {"2026-2027", "2026-09-01", "2027-06-30"}));
    const auto period =
        must(academics::AddPeriod(system, ac, year, {"semester1", "2026-09-01", "2026-12-31", "", ""})).value;
    const people::Change pc{database, now, ""};
    const auto group = must(people::CreateGroup(system, pc, {"ИС-26-1", "6B06101", "2026", "kk", "", ""}));
    const courses::Change cc{database, now, ""};
    const auto course = must(courses::CreateCourse(
        system, cc, {std::to_string(discipline), std::to_string(period), "kk", "no", ""}));
    must(courses::AttachGroup(system, cc, course, group.value, "stream"));

    auth::InitSodium();
    for (int i = 0; i < kStudents; ++i) {
        people::StudentDraft s;
        s.surname = "Студент";
        s.given_name = "Әлия";
        s.student_number = "R-" + std::to_string(i);
        s.programme = "6B06101";
        s.group = "ИС-26-1";
        s.course_year = "2";
        s.study_form = "full_time";
        s.funding = "state_grant";
        const auto student = must(people::CreateStudent(system, pc, s)).value;
        const std::string token = auth::RandomToken(32);
        const std::string csrf = auth::RandomToken(32);
        database.Transact([&](db::Session& session) {
            const auto user =
                session
                    .Query(
                        "INSERT INTO identity_user (login, display_name, created_at, updated_at) VALUES "
                        "(?, ?, 0, 0) RETURNING id",
                        {"student" + std::to_string(i), "Student " + std::to_string(i)})[0]
                    .Int(0);
            session.Exec(
                "INSERT INTO identity_grant (user_id, role, scope_kind, scope_id, granted_at) VALUES (?, "
                "'student', 'institution', 0, 0)",
                {user});
            session.Exec("UPDATE people_student SET user_id = ? WHERE id = ?", {user, student});
            session.Exec(
                "INSERT INTO identity_session (token_hash, user_id, csrf_token, stage, created_at, "
                "last_seen_at) "
                "VALUES (?, ?, ?, 'active', ?, ?)",
                {auth::HashToken(token), user, csrf, core::ToMicros(now), core::ToMicros(now)});
        });
        std::string headers = "Cookie: oqu_session=";
        headers.append(token).append("\r\nX-CSRF-Token: ").append(csrf);
        headers.append("\r\nAccept: application/json\r\nContent-Type: application/json\r\n");
        students.push_back({std::move(headers), 0});
    }
    return database.Transact([&](db::Session& session) {
        const auto category =
            session
                .Query(
                    "INSERT INTO assessment_category (course_id, name, position) VALUES (?, 'Exam', 1) "
                    "RETURNING id",
                    {course})[0]
                .Int(0);
        const auto quiz =
            session
                .Query(
                    "INSERT INTO assessment_quiz (course_id, title, opens_at, closes_at, time_limit_seconds, "
                    "attempts_allowed, max_mark, published, created_by, created_at, updated_at) VALUES (?, "
                    "'Exam', ?, ?, "
                    "1800, 1, ?, 1, 0, 0, 0) RETURNING id",
                    {course, core::ToMicros(now - std::chrono::hours(1)),
                     core::ToMicros(now + std::chrono::hours(2)), static_cast<double>(kQuestions)})[0]
                .Int(0);
        for (int q = 0; q < kQuestions; ++q) {
            const json body{{"text", "Question " + std::to_string(q + 1)},
                            {"format", "plain"},
                            {"answers",
                             {{{"text", "a"}, {"fraction", 1.0}},
                              {{"text", "b"}, {"fraction", 0.0}},
                              {{"text", "c"}, {"fraction", 0.0}}}},
                            {"feedback", ""}};
            const auto question =
                session
                    .Query(
                        "INSERT INTO assessment_question (course_id, category_id, type, name, body, "
                        "created_by, created_at, "
                        "updated_at) VALUES (?, ?, 'single_choice', ?, ?, 0, 0, 0) RETURNING id",
                        {course, category, "q" + std::to_string(q + 1), body.dump()})[0]
                    .Int(0);
            session.Exec(
                "INSERT INTO assessment_quiz_rule (quiz_id, position, question_id, draw_count, mark) VALUES "
                "(?, ?, ?, 1, 1)",
                {quiz, static_cast<std::int64_t>(q + 1), question});
        }
        return quiz;
    });
}

/// 200 students answer with retries while `oqu serve` is killed with SIGKILL and restarted 20
/// times: every acknowledged answer is stored exactly once, as sent.
TEST_P(AttemptsReliabilityTest, AcknowledgedAnswersSurviveKills) {  // R-A5
    auto migrate = testing::RunCommand({OQU_BINARY, "migrate", "--db", url_}, Env(), 120s);
    ASSERT_EQ(migrate.code, 0) << migrate.err;
    std::vector<Student> students;
    std::int64_t quiz = 0;
    {
        auto database = db::Database::Open(url_);
        quiz = Prepare(*database, students);
    }

    std::unique_ptr<testing::ChildProcess> server;
    std::atomic<unsigned short> port = Serve(server, 0);
    ASSERT_NE(port.load(), 0) << server->err();

    // Each student's work: one start, then one save of each question (seq 1) and a changed answer
    // to the first one (seq 2). An answer is (attempt, slot, seq) -> response.
    using Key = std::tuple<std::int64_t, int, std::int64_t>;
    std::mutex mutex;
    std::map<Key, std::string> acknowledged;
    std::atomic<int> acked{0};
    std::atomic<int> next{0};
    std::atomic<bool> gave_up{false};
    const int total = kStudents * (kQuestions + 1);
    const auto deadline = std::chrono::steady_clock::now() + 240s;
    auto retry = [&](const std::string& method, const std::string& target, const std::string& body,
                     const std::string& headers) {
        for (;;) {
            auto reply = testing::HttpRequest(port.load(), method, target, body, headers, 5000);
            if (reply.status >= 200 && reply.status < 300) return reply;
            if (reply.status != 0 && reply.status < 500) return reply;  // refused for good: the test fails
            if (std::chrono::steady_clock::now() > deadline) {
                gave_up = true;
                return reply;
            }
            std::this_thread::sleep_for(10ms);
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(kWorkers);
    std::atomic<int> failures{0};
    for (int w = 0; w < kWorkers; ++w) {
        workers.emplace_back([&] {
            for (int i = next.fetch_add(1); i < kStudents && !gave_up; i = next.fetch_add(1)) {
                Student& s = students[static_cast<std::size_t>(i)];
                auto started = retry("POST", fmt::format("/api/v1/quizzes/{}/attempts", quiz), "", s.cookie);
                if (started.status != 200 && started.status != 201) {
                    ++failures;
                    continue;
                }
                s.attempt = json::parse(started.body)["attempt"].get<std::int64_t>();
                for (int k = 0; k <= kQuestions && !gave_up; ++k) {
                    const int slot = k == kQuestions ? 1 : k + 1;
                    const std::int64_t seq = k == kQuestions ? 2 : 1;
                    const std::string response = fmt::format(R"({{"chosen":[{}]}})", (i + k) % 3 + 1);
                    auto saved =
                        retry("PUT", fmt::format("/api/v1/attempts/{}/responses/{}", s.attempt, slot),
                              fmt::format(R"({{"seq":{},"response":{}}})", seq, response), s.cookie);
                    if (saved.status != 200) {
                        ++failures;
                        continue;
                    }
                    std::lock_guard lock(mutex);
                    acknowledged[{s.attempt, slot, seq}] = response;
                    ++acked;
                }
            }
        });
    }
    for (int kill_no = 1; kill_no <= kKills; ++kill_no) {
        // Kill at evenly spaced points of the students' progress, with requests in flight.
        while (acked.load() < kill_no * total / (kKills + 1) && !gave_up) std::this_thread::sleep_for(1ms);
        if (gave_up) break;
        server->Signal(SIGKILL);
        ASSERT_TRUE(server->Wait(10s).has_value());
        const unsigned short again = Serve(server, port.load());
        ASSERT_NE(again, 0) << "restart " << kill_no << ": " << server->err();
    }
    for (auto& w : workers) w.join();
    ASSERT_FALSE(gave_up) << acked.load() << " answers acknowledged in 240 s; server: " << server->err();
    EXPECT_EQ(failures.load(), 0);
    server->Signal(SIGTERM);
    ASSERT_EQ(server->Wait(30s), 0);

    auto database = db::Database::Open(url_);
    std::map<Key, std::pair<std::int64_t, std::string>> stored;
    std::int64_t attempts = 0, students_with_attempts = 0;
    database->Read([&](db::Session& s) {
        for (const auto& row : s.Query("SELECT attempt_id, slot, seq, COUNT(*), MIN(response) FROM "
                                       "assessment_attempt_response GROUP BY attempt_id, slot, seq")) {
            stored[{row.Int(0), static_cast<int>(row.Int(1)), row.Int(2)}] = {row.Int(3), row.Text(4)};
        }
        attempts = s.Query("SELECT COUNT(*) FROM assessment_attempt WHERE quiz_id = ?", {quiz})[0].Int(0);
        students_with_attempts =
            s.Query("SELECT COUNT(DISTINCT student_id) FROM assessment_attempt WHERE quiz_id = ?", {quiz})[0]
                .Int(0);
    });
    int lost = 0;
    for (const auto& [key, response] : acknowledged) {
        auto it = stored.find(key);
        if (it == stored.end() || it->second.first != 1 || it->second.second != response) ++lost;
    }
    std::cout << lost << " of " << acknowledged.size() << " acknowledged answers lost (" << GetParam().name
              << ", " << kKills << " kills)\n";
    EXPECT_EQ(lost, 0);
    EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(total));
    EXPECT_EQ(stored.size(), acknowledged.size());
    EXPECT_EQ(attempts, kStudents);  // A retried start resumed, never began a second attempt.
    EXPECT_EQ(students_with_attempts, kStudents);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttemptsReliabilityTest,
                         ::testing::Values(Backend{"sqlite"}, Backend{"postgresql"}),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace oqu
