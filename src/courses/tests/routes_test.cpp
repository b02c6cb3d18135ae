#include "courses/routes.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poppler-document.h>
#include <poppler-page.h>
#include <unistd.h>

#include "courses/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::courses::testing {
namespace {

namespace http = platform::http;
using nlohmann::json;

std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"dean", 'a'}, {"other", 'b'}, {"teacher", 'c'}, {"student", 'd'}};
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

/// The module's routes behind the real auth gate, on each backend: "dean" (dean's office of
/// faculty 1), "other" (of faculty 2), "teacher" (teacher 1, account 601), "student" (of ИС-26-1).
class CoursesRoutesTest : public CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"courses", root / "courses/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "distance/strings", root / "courses/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_courses_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("dean", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty1_}, 11));
        sessions_->Add("other", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty2_}, 12));
        sessions_->Add("teacher", Teacher1());
        sessions_->Add("student", StudentFull());
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        CoursesDbTest::TearDown();
    }

    // Calls `method target` as `user`: a form body (urlencoded, or multipart with `boundary`), or
    // a JSON body for an API client.
    http::Response Call(http::Method method, const std::string& target, const std::string& user,
                        const std::string& body = {}, bool json_client = false,
                        const std::string& boundary = {}) {
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
            request.headers.emplace_back("X-CSRF-Token", "c0ffee");
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

    static std::int64_t RedirectedId(const http::Response& response) {
        const auto location = std::string(response.Header("Location"));
        const auto start = std::string("/courses/").size();
        return std::stoll(location.substr(start, location.find_first_of("?/#", start) - start));
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
};

bool Has(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

std::string Lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// Every /api/ route is described in the OpenAPI fragment and the fragment names no other.
TEST_P(CoursesRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    std::ifstream in(people::testing::ResourceDir() / "courses/openapi.json");
    ASSERT_TRUE(in) << "courses/openapi.json missing";
    const auto doc = json::parse(in);
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        const std::string method = Lower(http::MethodName(route.method));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(registered.size(), 9U);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "parameters") continue;
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path << " is not a route";
        }
    }
    const std::string dump = doc.dump();
    const std::string marker = "#/components/schemas/";
    for (auto pos = dump.find(marker); pos != std::string::npos; pos = dump.find(marker, pos + 1)) {
        const auto start = pos + marker.size();
        const auto name = dump.substr(start, dump.find('"', start) - start);
        EXPECT_TRUE(name == "Error" || doc["components"]["schemas"].contains(name)) << name;
    }
    // Staff see the course list and the readiness dashboard; teachers and students "My courses".
    EXPECT_EQ(navigation_.For(Dean1()).size(), 2U);
    EXPECT_EQ(navigation_.For(Teacher1()).size(), 1U);
    EXPECT_EQ(navigation_.For(StudentFull()).size(), 1U);
}

/// The dean's office creates a course through the form; another faculty's office gets 404 for
/// its page and API; an unqualified teacher is refused for an online course with R-O16's text.
TEST_P(CoursesRoutesTest, DeanCreatesACourseAndRo16IsShown) {  // R-O16
    if (IsSkipped()) return;
    auto form = Call(http::Method::kGet, "/courses/new?programme=" + std::to_string(programme1_), "dean");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(Has(form, "IS 2201 Databases IS 2201"));
    EXPECT_EQ(Call(http::Method::kGet, "/courses/new", "teacher").status, 403);
    auto bad = Call(http::Method::kPost, "/courses", "dean",
                    "discipline_id=" + std::to_string(discipline1_) + "&period_id=0&language=kk&online=yes");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_TRUE(Has(bad, "Choose an academic period of the list."));
    EXPECT_EQ(Count("courses_course"), 0);
    auto created =
        Call(http::Method::kPost, "/courses", "dean",
             "discipline_id=" + std::to_string(discipline1_) + "&period_id=" + std::to_string(period1_) +
                 "&language=kk&online=yes&department_id=" + std::to_string(department1_));
    ASSERT_EQ(created.status, 303) << created.body;
    const std::int64_t id = RedirectedId(created);
    const std::string path = "/courses/" + std::to_string(id);
    auto page = Call(http::Method::kGet, path, "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "IS 2201"));
    EXPECT_TRUE(Has(page, "name=\"teacher_id\""));
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/courses/" + std::to_string(id), "other", {}, true).status,
              404);
    EXPECT_EQ(Call(http::Method::kGet, path, "student").status, 404);
    auto refused =
        Call(http::Method::kPost, path + "/teachers", "dean", "teacher_id=" + std::to_string(teacher1_));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(Has(refused, "at least 72 are required to teach in the online form (R-O16)")) << refused.body;
    auto api = Call(http::Method::kPost, "/api/v1" + path + "/teachers", "dean",
                    json{{"teacher_id", teacher1_}}.dump(), true);
    EXPECT_EQ(api.status, 422);
    EXPECT_EQ(json::parse(api.body)["error"]["requirement"], "R-O16");
    Qualify(teacher1_);
    EXPECT_EQ(Call(http::Method::kPost, path + "/teachers", "dean", "teacher_id=" + std::to_string(teacher1_))
                  .status,
              303);
    auto mine = Call(http::Method::kGet, "/api/v1/courses", "teacher", {}, true);
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(json::parse(mine.body)["items"].size(), 1U);
    EXPECT_EQ(
        json::parse(Call(http::Method::kGet, "/api/v1/courses", "other", {}, true).body)["items"].size(), 0U);
}

/// The teacher adds a Markdown lecture (rendered without raw HTML) and a PDF (served inline,
/// type sniffed); the student of the group reads both and may not change anything.
TEST_P(CoursesRoutesTest, TeacherPublishesAndStudentReads) {
    if (IsSkipped()) return;
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    const std::string path = "/courses/" + std::to_string(id);
    ASSERT_EQ(Call(http::Method::kPost, path + "/weeks", "teacher", "number=1&topic=Intro").status, 303);
    EXPECT_EQ(Call(http::Method::kPost, path + "/weeks", "student", "number=2&topic=Mine").status, 403);
    const auto week = StructureOf(Teacher1(), *db_, id)->weeks.at(0).id;
    const std::string elements = path + "/weeks/" + std::to_string(week) + "/elements";
    auto lecture = Call(http::Method::kPost, elements, "teacher",
                        "kind=lecture&title=Model&synchronous=no&hours=2&body=%23+Relational%0A%0A%3Cscript%"
                        "3Ex%3C%2Fscript%3E");
    ASSERT_EQ(lecture.status, 303) << lecture.body;
    const std::string boundary = "b0undary";
    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const std::string multipart =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nfile\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSlides\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"synchronous\"\r\n\r\nno\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"hours\"\r\n\r\n1\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.pdf\"\r\n"
        "Content-Type: text/html\r\n\r\n" +
        pdf + "\r\n--" + boundary + "--\r\n";
    auto upload = Call(http::Method::kPost, elements, "teacher", multipart, false, boundary);
    ASSERT_EQ(upload.status, 303) << upload.body;
    const auto structure = StructureOf(StudentFull(), *db_, id);
    ASSERT_TRUE(structure.has_value());
    ASSERT_EQ(structure->weeks.at(0).elements.size(), 2U);
    const Element& slides = structure->weeks[0].elements[1];
    EXPECT_EQ(slides.file_type, "application/pdf");  // sniffed, not the client's text/html
    const std::string lecture_page = path + "/elements/" + std::to_string(structure->weeks[0].elements[0].id);
    auto read = Call(http::Method::kGet, lecture_page, "student");
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_TRUE(Has(read, "<h2>Relational</h2>"));  // one level below the page's <h1>
    EXPECT_FALSE(Has(read, "<script>x"));
    auto slides_page = Call(http::Method::kGet, path + "/elements/" + std::to_string(slides.id), "student");
    EXPECT_TRUE(Has(slides_page, "<iframe class=\"pdf\" src=\"" + path + "/files/" + slides.file_sha256));
    auto file = Call(http::Method::kGet, path + "/files/" + slides.file_sha256, "student");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.Header("Content-Disposition"), "inline");
    EXPECT_EQ(file.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(Call(http::Method::kGet, path + "/files/" + slides.file_sha256, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kPost, lecture_page + "/remove", "student").status, 403);
    auto syllabus = Call(http::Method::kGet, path + "/syllabus", "student");
    ASSERT_EQ(syllabus.status, 200);
    EXPECT_TRUE(Has(syllabus, "Intro"));
}

/// The two steps of a cartridge import: the commit names the kept package by its hash, and only
/// with the receipt of this session's preview for this course is it imported; without it, or with
/// another course's receipt, nothing changes (a hash shows in file links, so it proves nothing).
TEST_P(CoursesRoutesTest, CartridgeCommitNeedsThePreviewsReceipt) {
    if (IsSkipped()) return;
    const std::int64_t from = MakeCourse();
    const std::int64_t to = MakeCourse();
    for (const std::int64_t id : {from, to}) {
        ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    }
    const std::string from_path = "/courses/" + std::to_string(from);
    const std::string to_path = "/courses/" + std::to_string(to);
    ASSERT_EQ(Call(http::Method::kPost, from_path + "/weeks", "teacher", "number=1&topic=Intro").status, 303);
    const auto week = StructureOf(Teacher1(), *db_, from)->weeks.at(0).id;
    ASSERT_EQ(Call(http::Method::kPost, from_path + "/weeks/" + std::to_string(week) + "/elements", "teacher",
                   "kind=lecture&title=Model&synchronous=no&hours=2&body=Relational")
                  .status,
              303);
    auto exported = Call(http::Method::kGet, from_path + "/cartridge.imscc", "teacher");
    ASSERT_EQ(exported.status, 200);
    const std::string boundary = "b0undary";
    const std::string multipart =
        "--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.imscc\"\r\n"
        "Content-Type: application/zip\r\n\r\n" +
        exported.body + "\r\n--" + boundary + "--\r\n";
    auto preview = Call(http::Method::kPost, to_path + "/import", "teacher", multipart, false, boundary);
    ASSERT_EQ(preview.status, 200) << preview.body;
    const auto hidden = [&](const std::string& name) {
        const std::string marker = "name=\"" + name + "\" value=\"";
        const auto at = preview.body.find(marker);
        if (at == std::string::npos) return std::string();
        const auto begin = at + marker.size();
        return preview.body.substr(begin, preview.body.find('"', begin) - begin);
    };
    const std::string commit = hidden("commit");
    const std::string receipt = hidden("receipt");
    ASSERT_EQ(commit.size(), 64U);
    ASSERT_EQ(receipt.size(), 64U);
    const auto weeks_of = [&](std::int64_t id) { return StructureOf(Teacher1(), *db_, id)->weeks.size(); };
    EXPECT_EQ(Call(http::Method::kPost, to_path + "/import", "teacher", "commit=" + commit).status, 400);
    EXPECT_EQ(
        Call(http::Method::kPost, to_path + "/import", "teacher", "commit=" + commit + "&receipt=" + commit)
            .status,
        400);
    EXPECT_EQ(Call(http::Method::kPost, from_path + "/import", "teacher",
                   "commit=" + commit + "&receipt=" + receipt)
                  .status,
              400);
    EXPECT_EQ(weeks_of(to), 0U);
    EXPECT_EQ(weeks_of(from), 1U);
    auto made =
        Call(http::Method::kPost, to_path + "/import", "teacher", "commit=" + commit + "&receipt=" + receipt);
    ASSERT_EQ(made.status, 303) << made.body;
    EXPECT_EQ(weeks_of(to), 1U);
}

/// A higher module's provider puts its items under their week or "Whole course"; it gets the
/// actor's access (a student sees only what the provider gives students).
TEST_P(CoursesRoutesTest, WeekItemProvidersShowOnTheCoursePage) {
    if (IsSkipped()) return;
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Intro");
    ASSERT_TRUE(week.has_value());
    static std::once_flag once;
    std::call_once(once, [] {
        AddWeekItemProvider([](const auth::Principal&, platform::db::Database& db, std::int64_t course_id,
                               const CourseAccess& access, std::string_view lang) {
            std::vector<WeekItem> items;
            const auto first = db.Read([&](platform::db::Session& s) {
                auto rows = s.Query("SELECT MIN(id) FROM courses_week WHERE course_id = ?", {course_id});
                return rows.empty() || rows[0].IsNull(0) ? std::int64_t{0} : rows[0].Int(0);
            });
            items.push_back({"quiz", "Quiz one", "/quizzes/1", lang == "en" ? "closes soon" : "", first});
            if (access.edit) {
                items.push_back({"assignment", "Draft essay", "/assignments/2", "", std::nullopt});
            }
            return items;
        });
    });
    const std::string path = "/courses/" + std::to_string(id);
    auto page = Call(http::Method::kGet, path, "teacher");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto week_at = page.body.find("id=\"week-" + std::to_string(*week) + "\"");
    const auto quiz_at = page.body.find("<a href=\"/quizzes/1\">Quiz: Quiz one</a> · closes soon");
    const auto whole_at = page.body.find("Whole course");
    const auto essay_at = page.body.find("<a href=\"/assignments/2\">Assignment: Draft essay</a>");
    ASSERT_NE(week_at, std::string::npos);
    ASSERT_NE(quiz_at, std::string::npos);
    ASSERT_NE(whole_at, std::string::npos);
    ASSERT_NE(essay_at, std::string::npos);
    EXPECT_LT(week_at, quiz_at);
    EXPECT_LT(quiz_at, whole_at);
    EXPECT_LT(whole_at, essay_at);
    auto student = Call(http::Method::kGet, path, "student");
    ASSERT_EQ(student.status, 200);
    EXPECT_TRUE(Has(student, "Quiz one"));
    EXPECT_FALSE(Has(student, "Draft essay"));
    EXPECT_FALSE(Has(student, "Whole course"));
}

std::string PdfText(const std::string& pdf) {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (!doc) return {};
    std::string out;
    for (int p = 0; p < doc->pages(); ++p) {
        std::unique_ptr<poppler::page> page(doc->create_page(p));
        const auto utf8 = page->text().to_utf8();
        out.append(utf8.begin(), utf8.end());
    }
    return out;
}

/// The syllabus as PDF of a Kazakh-taught course: outcomes, the schedule of topics, the policy, the
/// literature and the R-O6 synchronous share, read back with poppler; others get 404.
TEST_P(CoursesRoutesTest, SyllabusPdfInKazakh) {  // R-O6
    if (IsSkipped()) return;
    const std::int64_t id = MakeCourse(true);
    Qualify(teacher1_);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AddOutcome(Teacher1(), Cc(), id, {"LO1", "Деректер қорын жобалай алады", "PO3"}).has_value());
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Реляциялық модель");
    ASSERT_TRUE(week.has_value());
    ElementDraft lecture;
    lecture.kind = "lecture";
    lecture.title = "Кіріспе дәріс";
    lecture.body = "# Кіріспе";
    lecture.synchronous = "yes";
    lecture.hours = "2";
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week, lecture).has_value());
    ElementDraft book;
    book.kind = "library";
    book.title = "Оқулық";
    book.reference = "Date C. J. An Introduction to Database Systems, 2004";
    book.synchronous = "no";
    book.hours = "8";
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week, book).has_value());
    ASSERT_TRUE(SetWeights(Teacher1(), Cc(), id, {10, 20, 20, 50}).has_value());
    auto response = Call(http::Method::kGet, "/courses/" + std::to_string(id) + "/syllabus.pdf", "teacher");
    ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
    EXPECT_EQ(response.Header("Content-Type"), "application/pdf");
    ASSERT_TRUE(response.body.starts_with("%PDF"));
    const std::string text = PdfText(response.body);
    EXPECT_NE(text.find("Деректер қорын жобалай алады"), std::string::npos) << text;
    EXPECT_NE(text.find("Реляциялық модель"), std::string::npos);
    EXPECT_NE(text.find("Date C. J."), std::string::npos);
    EXPECT_NE(text.find("50 %"), std::string::npos);
    EXPECT_NE(text.find("20 %"), std::string::npos);  // the synchronous share: 2 of 10 hours
    EXPECT_EQ(Call(http::Method::kGet, "/courses/" + std::to_string(id) + "/syllabus.pdf", "other").status,
              404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CoursesRoutesTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::courses::testing
