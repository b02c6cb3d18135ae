#include "assignments/routes.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "assignments/tests/fixture.hpp"
#include "gradebook/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assignments::testing {
namespace {

namespace http = platform::http;
using nlohmann::json;

std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"dean", 'a'}, {"teacher", 'c'}, {"student", 'd'}, {"online", 'e'}, {"stranger", 'f'}};
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

/// The module's routes behind the real auth gate: "teacher" (course A), "student" and "online"
/// (students of course A), "stranger" (the teacher of course B), "dean" (faculty 1).
class AssignmentsRoutesTest : public AssignmentsDbTest {
protected:
    void SetUp() override {
        AssignmentsDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"assignments", root / "assignments/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "assignments/strings"}));
        files_dir_ = std::filesystem::temp_directory_path() /
                     ("oqu_assignments_routes_" + std::to_string(::getpid()) + "_" +
                      std::to_string(GetParam() == platform::db::testing::Backend::kPostgres));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("dean", Dean1());
        sessions_->Add("teacher", Teacher1());
        sessions_->Add("student", StudentFull());
        sessions_->Add("online", StudentOnline());
        sessions_->Add("stranger", Stranger());
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        AssignmentsDbTest::TearDown();
    }

    http::Response Call(http::Method method, const std::string& target, const std::string& user,
                        const std::string& body = {}, bool json_client = false,
                        const std::string& boundary = {}, bool csrf = true) {
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
            if (csrf) request.headers.emplace_back("X-CSRF-Token", "c0ffee");
            if (json_client) {
                request.headers.emplace_back("Content-Type", "application/json");
            } else if (!boundary.empty()) {
                request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else {
                request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
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

    /// A multipart body with the text field and one file.
    static std::string Multipart(const std::string& text, const std::string& file_name,
                                 const std::string& bytes) {
        std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + text + "\r\n";
        body += "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nsubmit\r\n";
        if (!file_name.empty()) {
            body += "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                    "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
        }
        return body + "--XyZ--\r\n";
    }

    /// A text-or-file assignment (txt files, 1 MB) open from 1 Sep 2026 to 10 Oct 2099.
    std::int64_t OpenAssignment() {
        AssignmentDraft d = TextDraft();
        d.submission_type = "both";
        d.file_types = "txt";
        d.max_file_mb = "1";
        d.due_at = "2099-10-10T23:59";
        d.cutoff_at = "";
        return Make(d);
    }

    platform::Config config_;
    std::unique_ptr<platform::web::Renderer> renderer_;
    std::filesystem::path files_dir_;
    std::unique_ptr<platform::files::FileStore> files_;
    auth::Navigation navigation_;
    std::unique_ptr<platform::Services> services_;
    http::Router router_;
    std::shared_ptr<FakeSessions> sessions_;
};

bool Has(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

/// Every /api/ route is in the OpenAPI fragment and the fragment names no other.
TEST_P(AssignmentsRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    std::ifstream in(people::testing::ResourceDir() / "assignments/openapi.json");
    ASSERT_TRUE(in);
    const auto doc = json::parse(in);
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        std::string method(http::MethodName(route.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(registered.size(), 5U);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path;
        }
    }
}

/// A teacher creates through the form; the student sees it in the list, hands in text and a file
/// through the page (CSRF required), sees his status; the teacher grades through the form and the
/// student sees the mark; another course's teacher gets 404 everywhere.
TEST_P(AssignmentsRoutesTest, CreateSubmitGradeThroughThePages) {
    if (IsSkipped()) return;
    const std::string course = "/courses/" + std::to_string(course_);
    EXPECT_EQ(Call(http::Method::kGet, course + "/assignments/new", "teacher").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, course + "/assignments/new", "student").status, 403);
    auto bad =
        Call(http::Method::kPost, course + "/assignments", "teacher",
             "title=&instructions=x&submission_type=text&opens_at=2026-09-01T09:00&due_at=2099-10-10T23:59"
             "&late_policy=refuse&max_mark=100&group_mode=none");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(Has(bad, "Enter a title (up to 300 bytes)."));
    EXPECT_EQ(Count("assignments_assignment"), 0);
    auto created =
        Call(http::Method::kPost, course + "/assignments", "teacher",
             "title=Lab+report&instructions=Describe+the+**lab**%3Cscript%3Ealert(1)%3C%2Fscript%3E"
             "&submission_type=both&file_types=txt"
             "&max_file_mb=1&opens_at=2026-09-01T09:00&due_at=2099-10-10T23:59&late_policy=refuse"
             "&max_mark=100&group_mode=none");
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string href(created.Header("Location").substr(0, created.Header("Location").find('?')));
    auto list = Call(http::Method::kGet, course + "/assignments", "student");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(Has(list, "Lab report"));
    EXPECT_TRUE(Has(list, "Not handed in"));
    auto page = Call(http::Method::kGet, href, "student");
    ASSERT_EQ(page.status, 200);
    // The instructions are the teacher's Markdown, rendered in the courses' safe mode.
    EXPECT_TRUE(Has(page, "Describe the <strong>lab</strong>"));
    EXPECT_FALSE(Has(page, "<script>alert(1)"));
    EXPECT_TRUE(Has(page, "name=\"_csrf\""));
    const std::string body = Multipart("My lab report text.", "report.txt", "Measured values: 1, 2, 3.\n");
    auto no_csrf = Call(http::Method::kPost, href + "/submissions", "student", body, false, "XyZ", false);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(Count("assignments_version"), 0);
    auto wrong_type = Call(http::Method::kPost, href + "/submissions", "student",
                           Multipart("x", "report.pdf", "Not a PDF at all.\n"), false, "XyZ");
    EXPECT_EQ(wrong_type.status, 400);
    EXPECT_TRUE(Has(wrong_type, "This file type is not allowed."));
    EXPECT_EQ(Count("assignments_version"), 0);
    auto sent = Call(http::Method::kPost, href + "/submissions", "student", body, false, "XyZ");
    ASSERT_EQ(sent.status, 303) << sent.body;
    auto mine = Call(http::Method::kGet, href, "student");
    EXPECT_TRUE(Has(mine, "Submitted"));
    EXPECT_TRUE(Has(mine, "report.txt"));
    // The teacher's table links the grading view; the teacher of course B and the other student see nothing.
    auto table = Call(http::Method::kGet, href, "teacher");
    ASSERT_EQ(table.status, 200);
    const auto link = table.body.find(href + "/submissions/");
    ASSERT_NE(link, std::string::npos);
    const std::string grading = table.body.substr(link, table.body.find('"', link) - link);
    EXPECT_EQ(Call(http::Method::kGet, href, "stranger").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, grading, "stranger").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, grading, "online").status, 404);
    EXPECT_EQ(Call(http::Method::kPost, grading + "/grade", "stranger", "mark=10").status, 404);
    const auto file = mine.body.find(href + "/files/");
    ASSERT_NE(file, std::string::npos);
    const std::string file_href = mine.body.substr(file, mine.body.find('"', file) - file);
    EXPECT_EQ(Call(http::Method::kGet, file_href, "student").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, file_href, "teacher").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, file_href, "online").status, 404);
    auto view = Call(http::Method::kGet, grading, "teacher");
    ASSERT_EQ(view.status, 200) << view.body;
    EXPECT_TRUE(Has(view, "My lab report text."));
    auto graded =
        Call(http::Method::kPost, grading + "/grade", "teacher", "mark=87.5&feedback=Well+measured.");
    ASSERT_EQ(graded.status, 303) << graded.body;
    auto result = Call(http::Method::kGet, href, "student");
    EXPECT_TRUE(Has(result, "87.5"));
    EXPECT_TRUE(Has(result, "Well measured."));
}

/// The JSON API: a student submits text, the teacher lists and grades, a refused submission
/// answers with the translated error.
TEST_P(AssignmentsRoutesTest, JsonApi) {
    if (IsSkipped()) return;
    const std::int64_t id = OpenAssignment();
    const std::string api = "/api/v1/assignments/" + std::to_string(id) + "/submissions";
    auto list = Call(http::Method::kGet, "/api/v1/courses/" + std::to_string(course_) + "/assignments",
                     "student", {}, true);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(json::parse(list.body)["items"].size(), 1U);
    auto empty = Call(http::Method::kPost, api, "student", R"({"text": " "})", true);
    EXPECT_EQ(empty.status, 400);
    EXPECT_EQ(json::parse(empty.body)["error"]["message"], "Enter text or choose a file.");
    auto sent = Call(http::Method::kPost, api, "student", R"({"text": "Answer"})", true);
    ASSERT_EQ(sent.status, 201) << sent.body;
    const auto submission = json::parse(sent.body)["submission_id"].get<std::int64_t>();
    EXPECT_EQ(Call(http::Method::kGet, api, "stranger", {}, true).status, 404);
    auto all = Call(http::Method::kGet, api, "teacher", {}, true);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(json::parse(all.body)["items"].size(), 1U);
    auto grade = Call(http::Method::kPost, api + "/" + std::to_string(submission) + "/grade", "teacher",
                      R"({"mark": 70, "feedback": "ok"})", true);
    ASSERT_EQ(grade.status, 200) << grade.body;
    EXPECT_DOUBLE_EQ(json::parse(grade.body)["mark"].get<double>(), 70);
    auto own = Call(http::Method::kGet, api, "student", {}, true);
    EXPECT_DOUBLE_EQ(json::parse(own.body)["items"][0]["grade"]["mark"].get<double>(), 70);
    auto created = Call(http::Method::kPost, "/api/v1/courses/" + std::to_string(course_) + "/assignments",
                        "student", R"({"title": "x"})", true);
    EXPECT_EQ(created.status, 403);
}

/// R-O22: the form sets the journal column (an unknown one is refused with its message); the
/// assignment page states the rule; "send the marks to the journal again" is the course teacher's
/// (CSRF required; the student and the dean's office are refused, another course's teacher finds
/// nothing) and shows the translated counts.
TEST_P(AssignmentsRoutesTest, JournalColumnAndSendingThroughThePages) {  // R-O22
    if (IsSkipped()) return;
    const std::string course = "/courses/" + std::to_string(course_);
    auto form = Call(http::Method::kGet, course + "/assignments/new", "teacher");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(Has(form, "<option value=\"rk1\">Midterm 1 (RK1)</option>"));
    const std::string fields =
        "title=Lab+report&instructions=Describe&submission_type=text&opens_at=2026-09-01T09:00"
        "&due_at=2099-10-10T23:59&late_policy=refuse&max_mark=100&group_mode=none";
    auto bad = Call(http::Method::kPost, course + "/assignments", "teacher", fields + "&grade_column=rk9");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(Has(bad, "Choose a journal column from the list."));
    EXPECT_EQ(Count("assignments_assignment"), 0);
    auto created =
        Call(http::Method::kPost, course + "/assignments", "teacher", fields + "&grade_column=rk1");
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string href(created.Header("Location").substr(0, created.Header("Location").find('?')));
    const std::int64_t id = std::stoll(href.substr(href.rfind('/') + 1));
    const auto journal = gradebook::OpenJournal(
        auth::SystemPrincipal(), {*db_, Now(), ""},
        {std::to_string(group1_), std::to_string(discipline1_), std::to_string(period1_), ""});
    ASSERT_TRUE(journal.has_value());
    auto receipt = Hand(StudentFull(), id, Local("2026-10-05T12:00"));
    ASSERT_TRUE(receipt.has_value());
    ASSERT_TRUE(GradeSubmission(Teacher1(), Ac(), id, receipt->submission_id, {.mark = "64"}).has_value());
    auto page = Call(http::Method::kGet, href, "teacher");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page, "Marks in the e-journal"));
    EXPECT_TRUE(Has(page, "the journal column “Midterm 1 (RK1)”"));
    EXPECT_TRUE(Has(page, "action=\"" + href + "/journal\""));
    auto student_page = Call(http::Method::kGet, href, "student");
    EXPECT_TRUE(Has(student_page, "Midterm 1 (RK1)"));
    EXPECT_FALSE(Has(student_page, "/journal\""));
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "student").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "dean").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "stranger").status, 404);
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "teacher", {}, false, {}, false).status, 403);
    EXPECT_EQ(Audited("assignments.send_marks"), 0);
    auto sent = Call(http::Method::kPost, href + "/journal", "teacher");
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(Audited("assignments.send_marks"), 1);
    auto result = Call(http::Method::kGet, std::string(sent.Header("Location")), "teacher");
    ASSERT_EQ(result.status, 200);
    EXPECT_TRUE(Has(result, "Sent to the journal: 1 students with a grade; 0 written, 1 already there;"));
    // A crafted link shows counts only.
    auto crafted = Call(http::Method::kGet, href + "?sent=1&written=lots", "teacher");
    EXPECT_TRUE(Has(crafted, "1 students with a grade; 0 written"));

    // The column of an existing assignment: its teacher changes it from the page.
    EXPECT_TRUE(Has(page, "action=\"" + href + "/journal-column\""));
    EXPECT_TRUE(Has(page, "<option value=\"rk1\" selected>"));
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal-column", "student", "grade_column=rk2").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal-column", "stranger", "grade_column=rk2").status,
              404);
    auto wrong = Call(http::Method::kPost, href + "/journal-column", "teacher", "grade_column=rk9");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_TRUE(Has(wrong, "Choose a journal column from the list."));
    EXPECT_EQ(Audited("assignments.set_journal_column"), 0);
    auto changed = Call(http::Method::kPost, href + "/journal-column", "teacher", "grade_column=");
    ASSERT_EQ(changed.status, 303) << changed.body;
    EXPECT_EQ(Audited("assignments.set_journal_column"), 1);
    auto none = Call(http::Method::kGet, href, "teacher");
    EXPECT_TRUE(Has(none, "The marks of this assignment do not go to the journal."));
    EXPECT_FALSE(Has(none, "action=\"" + href + "/journal\""));
    EXPECT_EQ(Call(http::Method::kPost, href + "/journal", "teacher").status, 409);
}

/// The course week view lists the list page and each assignment with the reader's due date.
TEST_P(AssignmentsRoutesTest, ShownInTheCourseWeekView) {
    if (IsSkipped()) return;
    const std::int64_t id = OpenAssignment();
    auto access = courses::AccessTo(StudentFull(), *db_, course_);
    ASSERT_TRUE(access.has_value());
    const auto items = courses::WeekItemsOf(StudentFull(), *db_, course_, *access, "en");
    ASSERT_EQ(items.size(), 2U);
    EXPECT_EQ(items[0].href, "/courses/" + std::to_string(course_) + "/assignments");
    EXPECT_EQ(items[0].title, "Assignments");
    EXPECT_EQ(items[1].href, "/assignments/" + std::to_string(id));
    EXPECT_EQ(items[1].note, "Due 2099-10-10 23:59");
    EXPECT_FALSE(items[1].week_id.has_value());
    auto stranger = courses::AccessTo(Stranger(), *db_, other_course_);
    ASSERT_TRUE(stranger.has_value());
    EXPECT_TRUE(courses::WeekItemsOf(Stranger(), *db_, other_course_, *stranger, "en").size() == 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssignmentsRoutesTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assignments::testing
