#include "gradebook/routes.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "gradebook/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::gradebook {
namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;
using testing::GradebookDbTest;

std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"teacher", 'a'}, {"dean", 'b'}, {"student", 'c'}, {"other", 'd'}};
    return std::string(64, kDigits.at(name));
}

class FakeSessions : public auth::SessionResolver {
public:
    std::map<std::string, std::shared_ptr<const auth::SessionState>> sessions;
    std::shared_ptr<const auth::SessionState> Resolve(std::string_view token, core::Instant) override {
        const auto it = sessions.find(std::string(token));
        return it != sessions.end() ? it->second : nullptr;
    }
    void SaveLanguage(std::int64_t, std::string_view) override {}
    void Add(const std::string& name, auth::Principal principal) {
        auto state = std::make_shared<auth::SessionState>();
        state->principal = std::move(principal);
        state->csrf_token = "c0ffee";
        sessions[TokenOf(name)] = state;
    }
};

/// The gradebook's pages and API behind the real auth gate, on each backend.
class GradebookRoutesTest : public GradebookDbTest {
protected:
    void SetUp() override {
        GradebookDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        config_.resource_dir = root;
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"gradebook", root / "gradebook/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "academics/strings", root / "gradebook/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_gradebook_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("teacher", Teacher1());
        sessions_->Add("dean", Dean(faculty1_));
        sessions_->Add("other", Dean(faculty2_));
        sessions_->Add("student", Student(0));
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
        journal_ = Open();
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        GradebookDbTest::TearDown();
    }

    http::Response Call(http::Method method, const std::string& target, const std::string& user,
                        std::string body = {}, bool json_client = false) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        request.query = q == std::string::npos ? "" : target.substr(q + 1);
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + TokenOf(user));
        request.headers.emplace_back("Accept", json_client ? "application/json" : "text/html");
        request.headers.emplace_back("Accept-Language", "en");
        if (method != http::Method::kGet) {
            if (json_client) {
                request.headers.emplace_back("Content-Type", "application/json");
                request.headers.emplace_back("X-CSRF-Token", "c0ffee");
            } else {
                request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
                body = "_csrf=c0ffee" + std::string(body.empty() ? "" : "&") + body;
            }
        }
        request.body = body;
        request.body_size = body.size();
        const auto match = router_.Find(method, request.path);
        EXPECT_EQ(match.kind, http::RouteMatch::Kind::kFound) << target;
        if (match.kind != http::RouteMatch::Kind::kFound) return http::Response::Text("no route", 599);
        request.path_params = match.params;
        request.route = match.pattern;
        return (*match.handler)(request);
    }

    std::string Grid() const { return "/gradebook/journals/" + std::to_string(journal_); }
    std::string Cell(int i, const std::string& cell) const {
        return "m." + std::to_string(students_[i]) + "." + cell;
    }
    std::string Orig(int i, const std::string& cell) const {
        return "o." + std::to_string(students_[i]) + "." + cell;
    }

    platform::Config config_;
    std::unique_ptr<platform::web::Renderer> renderer_;
    std::filesystem::path files_dir_;
    std::unique_ptr<platform::files::FileStore> files_;
    std::unique_ptr<platform::jobs::JobQueue> jobs_;
    auth::Navigation navigation_;
    std::unique_ptr<platform::Services> services_;
    http::Router router_;
    std::shared_ptr<FakeSessions> sessions_;
    std::int64_t journal_ = 0;
};

bool Has(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

/// Without JavaScript the grid is a form: only changed cells are saved; a mark outside 0-100
/// re-shows the grid with a translated error and saves nothing.
TEST_P(GradebookRoutesTest, PlainFormSavesChangedCellsOrNothing) {  // R-O22
    auto page = Call(http::Method::kGet, Grid(), "teacher");
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
    EXPECT_TRUE(Has(page, "name=\"" + Cell(0, "w1") + "\""));
    EXPECT_TRUE(Has(page, "/gradebook/static/grid.js"));
    EXPECT_TRUE(Has(page, "<th scope=\"row\">"));

    const std::string bad =
        Cell(0, "rk1") + "=80&" + Orig(0, "rk1") + "=&" + Cell(1, "rk1") + "=101&" + Orig(1, "rk1") + "=";
    auto refused = Call(http::Method::kPost, Grid() + "/marks", "teacher", bad);
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(Has(refused, "A mark must be a whole number from 0 to 100: 101"));
    EXPECT_TRUE(Has(refused, "value=\"101\""));  // What was typed is kept on the page.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark"), 0);

    // rk2 of student 0 is sent unchanged (equal to its rendered value): not saved.
    const std::string good = Cell(0, "rk1") + "=80&" + Orig(0, "rk1") + "=&" + Cell(0, "rk2") + "=&" +
                             Orig(0, "rk2") + "=&" + Cell(1, "w2") + "=65&" + Orig(1, "w2") + "=";
    auto saved = Call(http::Method::kPost, Grid() + "/marks", "teacher", good);
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(saved.Header("Location"), Grid() + "?saved=1");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark_change"), 2);
    page = Call(http::Method::kGet, Grid() + "?saved=1", "teacher");
    EXPECT_TRUE(Has(page, "name=\"" + Cell(0, "rk1") + "\" value=\"80\""));
}

/// The grid script's save: one cell with (client, seq); the retry of the same seq is a duplicate.
TEST_P(GradebookRoutesTest, ApiSaveIsIdempotent) {  // R-O22
    const json body = {
        {"student_id", students_[2]}, {"cell", "w4"}, {"mark", 91}, {"client", "abcdef012345"}, {"seq", 1}};
    const std::string api = "/api/v1/gradebook/journals/" + std::to_string(journal_) + "/marks";
    auto first = Call(http::Method::kPost, api, "teacher", body.dump(), true);
    ASSERT_EQ(first.status, 200) << first.body;
    auto answer = json::parse(first.body);
    EXPECT_EQ(answer["items"][0]["mark"], 91);
    EXPECT_EQ(answer["items"][0]["duplicate"], false);
    EXPECT_EQ(answer["items"][0]["result"]["current"], 91);
    auto again = Call(http::Method::kPost, api, "teacher", body.dump(), true);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(json::parse(again.body)["items"][0]["duplicate"], true);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark_change"), 1);
    json bad = body;
    bad["mark"] = 250;
    bad["seq"] = 2;
    auto refused = Call(http::Method::kPost, api, "teacher", bad.dump(), true);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(json::parse(refused.body)["error"]["message"],
              "A mark must be a whole number from 0 to 100: 250");
    EXPECT_EQ(Call(http::Method::kPost, api, "other", body.dump(), true).status, 404);
    EXPECT_EQ(Call(http::Method::kPost, api, "student", body.dump(), true).status, 404);
}

/// The dean's office closes the journal; then the teacher's form is refused and the dean's office
/// needs a reason.
TEST_P(GradebookRoutesTest, ClosingThroughThePages) {  // R-O22
    EXPECT_EQ(Call(http::Method::kPost, Grid() + "/close", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, Grid() + "/close", "dean").status, 303);
    const std::string change = Cell(0, "exam") + "=70&" + Orig(0, "exam") + "=";
    EXPECT_EQ(Call(http::Method::kPost, Grid() + "/marks", "teacher", change).status, 403);
    auto no_reason = Call(http::Method::kPost, Grid() + "/marks", "dean", change);
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(Has(no_reason, "give the reason"));
    EXPECT_EQ(Call(http::Method::kPost, Grid() + "/marks", "dean", change + "&reason=Appeal").status, 303);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'gradebook.change_closed_mark'"), 1);
}

/// The history page lists every change of a mark, newest first: who, when, old -> new, and the
/// reason of a change after the closing; the dean's office and the teacher read it, a student
/// does not, another faculty gets 404.
TEST_P(GradebookRoutesTest, HistoryOfMarkChanges) {  // R-O22 R-D6
    const std::string first = Cell(0, "w1") + "=80&" + Orig(0, "w1") + "=";
    ASSERT_EQ(Call(http::Method::kPost, Grid() + "/marks", "teacher", first).status, 303);
    const std::string second = Cell(0, "w1") + "=85&" + Orig(0, "w1") + "=80";
    ASSERT_EQ(Call(http::Method::kPost, Grid() + "/marks", "teacher", second).status, 303);
    ASSERT_EQ(Call(http::Method::kPost, Grid() + "/close", "dean").status, 303);
    const std::string appeal = Cell(0, "w1") + "=90&" + Orig(0, "w1") + "=85&reason=Appeal+42";
    ASSERT_EQ(Call(http::Method::kPost, Grid() + "/marks", "dean", appeal).status, 303);
    auto page = Call(http::Method::kGet, Grid() + "/history", "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto newest = page.body.find("85 → 90");
    const auto middle = page.body.find("80 → 85");
    const auto oldest = page.body.find("— → 80");
    ASSERT_NE(newest, std::string::npos) << page.body;
    ASSERT_NE(middle, std::string::npos);
    ASSERT_NE(oldest, std::string::npos) << page.body.substr(page.body.find("<tbody>"));
    EXPECT_LT(newest, middle);
    EXPECT_LT(middle, oldest);
    EXPECT_TRUE(Has(page, "Appeal 42"));
    EXPECT_TRUE(Has(page, "Нұрланова"));
    EXPECT_TRUE(Has(page, "user601"));
    EXPECT_EQ(Call(http::Method::kGet, Grid() + "/history", "teacher").status, 200);
    EXPECT_TRUE(Has(Call(http::Method::kGet, Grid(), "dean"), Grid() + "/history"));
    EXPECT_EQ(Call(http::Method::kGet, Grid() + "/history", "student").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, Grid() + "/history", "other").status, 404);
    auto history = HistoryOf(Dean(faculty1_), *db_, journal_);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->changes.size(), 3U);
    EXPECT_TRUE(history->changes[0].after_close);
    EXPECT_EQ(history->changes[0].old_mark, 85);
    EXPECT_EQ(history->changes[2].by_user_id, 601);
}

/// R-O22: the history names where an assessment's mark came from: a quiz's or an assignment's,
/// with its title, translated; a typed mark has no source.
TEST_P(GradebookRoutesTest, HistoryNamesTheSourceOfAMark) {  // R-O22
    const auto record = [&](const std::string& column, const std::string& source, const std::string& title) {
        db_->Transact([&](platform::db::Session& s) {
            const auto done = RecordAssessmentMark(s, Teacher1(), Now(), "127.0.0.1",
                                                   {students_[0], group1_, discipline1_, period_,
                                                    "2026-09-01", column, Now(), 77, source, title});
            EXPECT_EQ(done.outcome, AssessmentOutcome::kWritten) << source;
        });
    };
    record("rk1", "quiz:5", "Midterm quiz");
    record("rk2", "assignment:9", "Essay on normal forms");
    auto page = Call(http::Method::kGet, Grid() + "/history", "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "<span class=\"badge\">from the quiz</span> Midterm quiz"));
    EXPECT_TRUE(Has(page, "<span class=\"badge\">from the assignment</span> Essay on normal forms"));
}

/// The exam sheet downloads as PDF and XLSX; the student's own page and transcript show his marks.
TEST_P(GradebookRoutesTest, DocumentsAndTheStudentsPages) {  // R-O22 R-D9
    ASSERT_TRUE(Marks(Teacher1(), journal_, 0, 100, 100, 100, 90).has_value());
    auto pdf = Call(http::Method::kGet, Grid() + "/sheet.pdf", "dean");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    auto xlsx = Call(http::Method::kGet, Grid() + "/sheet.xlsx", "teacher");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    EXPECT_EQ(Call(http::Method::kGet, Grid() + "/sheet.pdf", "other").status, 404);
    auto my = Call(http::Method::kGet, "/gradebook/my", "student");
    ASSERT_EQ(my.status, 200);
    EXPECT_TRUE(Has(my, "IS 2201"));
    EXPECT_TRUE(Has(my, "GPA 4.00 (5 credits)"));
    auto api = Call(http::Method::kGet, "/api/v1/gradebook/my", "student", {}, true);
    ASSERT_EQ(api.status, 200);
    EXPECT_DOUBLE_EQ(json::parse(api.body)["gpa"].get<double>(), 4.0);
    const std::string transcript = "/gradebook/students/" + std::to_string(students_[0]) + "/transcript";
    EXPECT_EQ(Call(http::Method::kGet, transcript, "student").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, transcript + ".pdf", "student").body.substr(0, 5), "%PDF-");
    EXPECT_EQ(Call(http::Method::kGet, "/gradebook/students/" + std::to_string(students_[1]) + "/transcript",
                   "student")
                  .status,
              404);
    EXPECT_EQ(Call(http::Method::kGet, "/gradebook/my", "teacher").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, GradebookRoutesTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::gradebook
