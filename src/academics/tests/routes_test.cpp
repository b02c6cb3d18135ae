#include "academics/routes.hpp"

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

#include "academics/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/http/url.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::academics::testing {
namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

std::string Lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The 64-hex-digit session token of a test user name.
std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"admin", 'a'}, {"dean", 'b'}, {"other", 'c'}, {"teacher", 'd'}};
    return std::string(64, kDigits.at(name));
}

// Sessions by cookie token: "admin", "dean" (dean's office of the first faculty), "other" (of a
// second faculty), "teacher".
class FakeSessions : public auth::SessionResolver {
public:
    std::map<std::string, std::shared_ptr<const auth::SessionState>> sessions;
    std::shared_ptr<const auth::SessionState> Resolve(std::string_view token, core::Instant) override {
        const auto it = sessions.find(std::string(token));
        return it != sessions.end() ? it->second : nullptr;
    }
    void SaveLanguage(std::int64_t, std::string_view) override {}
    void Add(const std::string& token, auth::Principal principal) {
        auto state = std::make_shared<auth::SessionState>();
        state->principal = std::move(principal);
        state->csrf_token = "c0ffee";
        sessions[TokenOf(token)] = state;
    }
};

/// The module's routes behind the real auth gate, on each backend.
class AcademicsRoutesTest : public AcademicsDbTest {
protected:
    void SetUp() override {
        AcademicsDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"academics", root / "academics/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "platform/csv/strings", root / "academics/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_academics_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        fit_ = MakeFaculty("FIT");
        law_ = MakeFaculty("LAW");
        sessions_->Add("admin", Admin());
        sessions_->Add("dean",
                       Grantee(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, fit_.value}, 11));
        sessions_->Add("other",
                       Grantee(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, law_.value}, 12));
        sessions_->Add("teacher", Grantee(auth::Role::kTeacher, auth::kInstitution, 13));
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        AcademicsDbTest::TearDown();
    }

    // Calls the route for `method target` as the session `token`; a POST body is a form (HTML
    // client) unless `json_body` is set (API client).
    http::Response Call(http::Method method, const std::string& target, const std::string& token,
                        std::string body = {}, bool json_client = false) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        request.query = q == std::string::npos ? "" : target.substr(q + 1);
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + TokenOf(token));
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

    // Uploads `csv` as the file of a multipart form to `target` (HTML client).
    http::Response Upload(const std::string& target, const std::string& token, const std::string& csv) {
        const std::string boundary = "oqu-test-boundary";
        const std::string body =
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nc0ffee\r\n--" +
            boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n" +
            csv + "\r\n--" + boundary + "--\r\n";
        http::Request request;
        request.method = http::Method::kPost;
        request.target = target;
        request.path = target;
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + TokenOf(token));
        request.headers.emplace_back("Accept", "text/html");
        request.headers.emplace_back("Accept-Language", "en");
        request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
        request.body = body;
        request.body_size = body.size();
        const auto match = router_.Find(http::Method::kPost, request.path);
        EXPECT_EQ(match.kind, http::RouteMatch::Kind::kFound) << target;
        if (match.kind != http::RouteMatch::Kind::kFound) return http::Response::Text("no route", 599);
        request.path_params = match.params;
        request.route = match.pattern;
        return (*match.handler)(request);
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
    FacultyId fit_;
    FacultyId law_;
};

bool Has(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

/// Every /api/ route is described in openapi.json (same path and method), and the fragment
/// describes no route that does not exist; every $ref resolves.
TEST_P(AcademicsRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    std::ifstream in(ResourceDir() / "academics/openapi.json");
    ASSERT_TRUE(in) << "academics/openapi.json missing";
    const auto doc = json::parse(in);
    ASSERT_TRUE(doc.contains("paths"));
    ASSERT_TRUE(doc.contains("components"));
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        const std::string method = Lower(http::MethodName(route.method));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(registered.size(), 36U);
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
    EXPECT_EQ(navigation_.For(Grantee(auth::Role::kRegistrar, auth::kInstitution)).size(), 1U);
    EXPECT_TRUE(navigation_.For(Grantee(auth::Role::kStudent, auth::kInstitution)).empty());
}

/// The journey of the browser test: the list links to the form, the form creates, the list shows it.
TEST_P(AcademicsRoutesTest, DeanCreatesAProgrammeThroughTheForms) {
    if (IsSkipped()) return;
    auto list = Call(http::Method::kGet, "/academics/programmes", "dean");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Has(list, "href=\"/academics/programmes/new\">New programme</a>"));
    auto teacher_list = Call(http::Method::kGet, "/academics/programmes", "teacher");
    EXPECT_EQ(teacher_list.status, 200);
    EXPECT_FALSE(Has(teacher_list, "/academics/programmes/new"));

    auto form = Call(http::Method::kGet, "/academics/programmes/new", "dean");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(Has(form, "name=\"_csrf\" value=\"c0ffee\""));
    EXPECT_TRUE(Has(form, "FIT — FIT en"));
    EXPECT_FALSE(Has(form, "LAW — LAW en"));  // only faculties the dean may use

    const std::string fields =
        "name_kk=%D0%90%D2%9B%D0%BF%D0%B0%D1%80%D0%B0%D1%82&name_ru=Info&name_en=Information+"
        "systems&level=bachelor&credits=240&direction_code=B057&faculty_id=" +
        std::to_string(fit_.value) + "&department_id=&languages=kk&languages=en&status=active";
    auto bad = Call(http::Method::kPost, "/academics/programmes", "dean", "code=6B0610&" + fields);
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(Has(bad, "aria-invalid=\"true\""));
    EXPECT_TRUE(Has(bad, "value=\"6B0610\""));
    EXPECT_TRUE(Has(bad, "class=\"error-summary\""));
    EXPECT_TRUE(Has(bad, "value=\"Information systems\""));

    auto created = Call(http::Method::kPost, "/academics/programmes", "dean", "code=6B06101&" + fields);
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_EQ(created.Header("Location"), "/academics/programmes?saved=1");
    auto after = Call(http::Method::kGet, "/academics/programmes?saved=1", "dean");
    EXPECT_TRUE(Has(after, "role=\"status\""));
    EXPECT_TRUE(Has(after, "6B06101"));
    EXPECT_TRUE(Has(after, "Information systems"));

    auto programmes = ListProgrammes(Admin(), *db_);
    ASSERT_EQ(programmes->size(), 1U);
    const auto path = "/academics/programmes/" + std::to_string(programmes->front().id.value);
    auto detail = Call(http::Method::kGet, path, "dean");
    EXPECT_EQ(detail.status, 200);
    EXPECT_TRUE(Has(detail, "B057"));
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "dean").status, 200);
    auto updated = Call(http::Method::kPost, path, "dean", "code=6B06101&" + fields + "&credits=250");
    EXPECT_EQ(updated.status, 303) << updated.body;
    EXPECT_EQ(FindProgramme(Admin(), *db_, programmes->front().id)->credits, 240);  // first "credits" wins
    EXPECT_EQ(Call(http::Method::kPost, path, "other", "code=6B06101&" + fields).status, 404);
    auto plan = Call(http::Method::kPost, path + "/curricula", "dean", "admission_year=2026");
    EXPECT_EQ(plan.status, 303) << plan.body;
    EXPECT_TRUE(plan.Header("Location").starts_with("/academics/curricula/"));
    auto again = Call(http::Method::kPost, path + "/curricula", "dean", "admission_year=2026");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_TRUE(Has(again, "aria-invalid=\"true\""));
    EXPECT_EQ(Call(http::Method::kPost, path + "/curricula", "dean", "admission_year=abc").status, 422);
}

/// Overview, curriculum, years and the classifier pages render; classifier settings need the capability.
TEST_P(AcademicsRoutesTest, ReadPagesAndClassifierSettings) {
    if (IsSkipped()) return;
    const auto programme = MakeProgramme(fit_);
    auto curriculum = CreateCurriculum(Admin(), At(), programme, {"2026"});
    ASSERT_TRUE(curriculum.has_value());
    ASSERT_TRUE(AddDiscipline(Admin(), At(), *curriculum, DisciplineDraftOf("Fil 1101")).has_value());
    ASSERT_TRUE(AddDiscipline(Admin(), At(), *curriculum, DisciplineDraftOf("Hist 1102", "2")).has_value());

    auto overview = Call(http::Method::kGet, "/academics", "dean");
    EXPECT_EQ(overview.status, 200);
    EXPECT_TRUE(Has(overview, "FIT en"));
    auto plan = Call(http::Method::kGet, "/academics/curricula/" + std::to_string(curriculum->value), "dean");
    EXPECT_EQ(plan.status, 200) << plan.body;
    EXPECT_TRUE(Has(plan, "Fil 1101"));
    EXPECT_TRUE(Has(plan, "Semester 2"));
    EXPECT_TRUE(Has(plan, "Total: 10 credits"));
    EXPECT_EQ(
        Call(http::Method::kGet, "/academics/curricula/" + std::to_string(curriculum->value), "other").status,
        404);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/years", "teacher").status, 200);

    auto directions = Call(http::Method::kGet, "/academics/directions?q=B057", "teacher");
    EXPECT_EQ(directions.status, 200);
    EXPECT_TRUE(Has(directions, "/academics/directions/B057"));
    auto row = Call(http::Method::kGet, "/academics/directions/B057", "admin");
    EXPECT_EQ(row.status, 200);
    EXPECT_TRUE(Has(row, "/academics/directions/B057/confirm"));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/academics/directions/B057", "teacher"), "/confirm"));
    EXPECT_EQ(Call(http::Method::kPost, "/academics/directions/B057", "teacher",
                   "dl_regime=limit20&online_form=allowed")
                  .status,
              403);
    auto mixed = Call(http::Method::kPost, "/academics/directions/B057", "admin",
                      "dl_regime=mixed&online_form=allowed");
    EXPECT_EQ(mixed.status, 422);
    EXPECT_TRUE(Has(mixed, "aria-invalid=\"true\""));
    EXPECT_EQ(Call(http::Method::kPost, "/academics/directions/B057", "admin",
                   "dl_regime=limit20&online_form=allowed")
                  .status,
              303);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/directions/B057/confirm", "admin").status, 303);
    auto direction = FindDirection(Admin(), *db_, "B057");
    EXPECT_EQ(direction->dl_regime, DlRegime::kLimit20);
    EXPECT_TRUE(direction->confirmed.has_value());
}

/// Faculties and departments are created and changed through their forms by those who may.
TEST_P(AcademicsRoutesTest, FacultyAndDepartmentForms) {
    if (IsSkipped()) return;
    EXPECT_EQ(Call(http::Method::kGet, "/academics/faculties/new", "dean").status, 403);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/faculties/new", "admin").status, 200);
    auto taken =
        Call(http::Method::kPost, "/academics/faculties", "admin", "code=FIT&name_kk=a&name_ru=b&name_en=c");
    EXPECT_EQ(taken.status, 409) << taken.body;
    EXPECT_TRUE(Has(taken, "aria-invalid=\"true\""));
    auto created =
        Call(http::Method::kPost, "/academics/faculties", "admin", "code=MED&name_kk=a&name_ru=b&name_en=c");
    EXPECT_EQ(created.status, 303) << created.body;
    auto overview = Call(http::Method::kGet, "/academics?saved=1", "admin");
    EXPECT_EQ(overview.status, 200) << overview.body.substr(0, 3000);
    EXPECT_TRUE(Has(overview, "/academics/faculties/new"));
    EXPECT_TRUE(Has(overview, "role=\"status\""));
    const std::string fit = std::to_string(fit_.value);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/departments/new?faculty=" + fit, "admin").status, 200);
    auto dep = Call(http::Method::kPost, "/academics/departments", "admin",
                    "faculty_id=" + fit + "&code=IS&name_kk=a&name_ru=b&name_en=Information+systems+dept");
    EXPECT_EQ(dep.status, 303) << dep.body;
    auto deps = ListDepartments(Admin(), *db_);
    ASSERT_EQ(deps->size(), 1U);
    const std::string path = "/academics/departments/" + std::to_string(deps->front().id.value);
    EXPECT_EQ(Call(http::Method::kGet, path, "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kPost, path, "admin",
                   "faculty_id=" + fit + "&code=IS2&name_kk=a&name_ru=b&name_en=c")
                  .status,
              303);
    EXPECT_EQ(FindDepartment(Admin(), *db_, deps->front().id)->code, "IS2");
    auto edit = Call(http::Method::kPost, "/academics/faculties/" + fit, "admin",
                     "code=FIT&name_kk=&name_ru=b&name_en=c");
    EXPECT_EQ(edit.status, 422);
}

/// The JSON API lists, creates (with field errors in the error body), patches and hides.
TEST_P(AcademicsRoutesTest, JsonApi) {
    if (IsSkipped()) return;
    auto faculties = Call(http::Method::kGet, "/api/v1/academics/faculties", "dean", {}, true);
    ASSERT_EQ(faculties.status, 200);
    EXPECT_EQ(json::parse(faculties.body)["items"].size(), 1U);
    json body = {{"code", "6B06101"},        {"names", {{"kk", "А"}, {"ru", "Б"}, {"en", "C"}}},
                 {"level", "bachelor"},      {"credits", 240},
                 {"direction_code", "B057"}, {"faculty_id", fit_.value},
                 {"languages", {"kk"}}};
    auto created = Call(http::Method::kPost, "/api/v1/academics/programmes", "dean", body.dump(), true);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = json::parse(created.body)["id"].get<std::int64_t>();
    body["code"] = "bad";
    auto refused = Call(http::Method::kPost, "/api/v1/academics/programmes", "dean", body.dump(), true);
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(json::parse(refused.body)["error"]["fields"].contains("code")) << refused.body;
    const std::string path = "/api/v1/academics/programmes/" + std::to_string(id);
    auto patched = Call(http::Method::kPatch, path, "dean", json{{"credits", 300}}.dump(), true);
    EXPECT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body)["credits"], 300);
    EXPECT_EQ(Call(http::Method::kGet, path, "other", {}, true).status, 404);
    auto list = Call(http::Method::kGet, "/api/v1/academics/programmes?level=master", "admin", {}, true);
    EXPECT_TRUE(json::parse(list.body)["items"].empty());
    auto directions =
        Call(http::Method::kGet, "/api/v1/academics/directions?q=B057&limit=5", "teacher", {}, true);
    EXPECT_EQ(directions.status, 200);
    EXPECT_EQ(json::parse(directions.body)["items"][0]["code"], "B057");
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/academics/directions/B057", "teacher", {}, true).status, 200);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/academics/years", "teacher", {}, true).status, 200);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/academics/programmes?limit=x", "admin", {}, true).status,
              400);
}

// The form fields of a valid 5-credit discipline with `code` in `semester`.
std::string DisciplineForm(const std::string& code, const std::string& semester = "1",
                           const std::string& lecture = "15") {
    return "code=" + http::PercentEncode(code) +
           "&name_kk=Philosophy+kk&name_ru=Philosophy+ru&name_en=Philosophy&credits=5&cycle=general"
           "&component=required&semester=" +
           semester + "&control=exam&hours_lecture=" + lecture +
           "&hours_seminar=30&hours_laboratory=&hours_studio=&hours_practice=&hours_srop=30&hours_sro=75";
}

/// The curriculum page adds, changes and removes disciplines through forms for those who may; bad
/// input is shown translated at its field and changes nothing; an empty curriculum can be deleted.
TEST_P(AcademicsRoutesTest, DisciplinesThroughTheCurriculumPage) {
    if (IsSkipped()) return;
    const auto programme = MakeProgramme(fit_);
    auto curriculum = CreateCurriculum(Admin(), At(), programme, {"2026"});
    ASSERT_TRUE(curriculum.has_value());
    const std::string path = "/academics/curricula/" + std::to_string(curriculum->value);

    auto page = Call(http::Method::kGet, path, "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "href=\"" + path + "/disciplines/new\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/import\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/delete\""));  // empty: may be deleted
    auto teacher_page = Call(http::Method::kGet, path, "teacher");
    EXPECT_EQ(teacher_page.status, 200);
    EXPECT_FALSE(Has(teacher_page, "/disciplines/new"));
    EXPECT_FALSE(Has(teacher_page, "/import"));
    EXPECT_FALSE(Has(teacher_page, "/delete"));

    auto form = Call(http::Method::kGet, path + "/disciplines/new", "dean");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(Has(form, "name=\"_csrf\" value=\"c0ffee\""));
    EXPECT_TRUE(Has(form, "<label for=\"hours_lecture\">"));
    EXPECT_EQ(Call(http::Method::kGet, path + "/disciplines/new", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kGet, path + "/disciplines/new", "other").status, 404);

    // 16 + 30 + 30 + 75 = 151 hours for 5 credits (150 expected).
    auto bad =
        Call(http::Method::kPost, path + "/disciplines", "dean", DisciplineForm("Fil 1101", "1", "16"));
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(Has(bad, "class=\"error-summary\""));
    EXPECT_TRUE(Has(bad, "href=\"#hours_total\""));
    EXPECT_TRUE(Has(bad, "The hours by kind of class do not match the credits: 150 h expected"));
    EXPECT_TRUE(Has(bad, "value=\"Fil 1101\""));
    EXPECT_TRUE(FindCurriculum(Admin(), *db_, *curriculum)->disciplines.empty());
    EXPECT_EQ(Call(http::Method::kPost, path + "/disciplines", "teacher", DisciplineForm("Fil 1101")).status,
              403);
    EXPECT_EQ(Call(http::Method::kPost, path + "/disciplines", "other", DisciplineForm("Fil 1101")).status,
              404);
    EXPECT_TRUE(FindCurriculum(Admin(), *db_, *curriculum)->disciplines.empty());

    auto added = Call(http::Method::kPost, path + "/disciplines", "dean", DisciplineForm("Fil 1101"));
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_EQ(added.Header("Location"), path + "?saved=1");
    auto taken = Call(http::Method::kPost, path + "/disciplines", "dean", DisciplineForm("Fil 1101", "2"));
    EXPECT_EQ(taken.status, 409);
    EXPECT_TRUE(Has(taken, "This code is already taken"));
    auto plan = FindCurriculum(Admin(), *db_, *curriculum);
    ASSERT_EQ(plan->disciplines.size(), 1U);
    const auto discipline = plan->disciplines.front().id;
    const std::string dpath = "/academics/disciplines/" + std::to_string(discipline.value);

    page = Call(http::Method::kGet, path + "?saved=1", "dean");
    EXPECT_TRUE(Has(page, "role=\"status\""));
    EXPECT_TRUE(Has(page, "href=\"" + dpath + "/edit\""));
    EXPECT_TRUE(Has(page, "href=\"" + dpath + "/remove\""));
    EXPECT_FALSE(Has(page, "href=\"" + path + "/delete\""));  // not empty any more

    auto edit = Call(http::Method::kGet, dpath + "/edit", "dean");
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_TRUE(Has(edit, "value=\"Fil 1101\""));
    EXPECT_EQ(Call(http::Method::kGet, dpath + "/edit", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kGet, dpath + "/edit", "other").status, 404);
    auto wrong = Call(http::Method::kPost, dpath, "dean", DisciplineForm("Fil 1101", "99"));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(Has(wrong, "The number must be between 1 and 12"));
    EXPECT_TRUE(Has(wrong, "id=\"semester\" name=\"semester\" value=\"99\""));
    EXPECT_EQ(FindDiscipline(Admin(), *db_, discipline)->semester, 1);
    auto moved = Call(http::Method::kPost, dpath, "dean", DisciplineForm("Fil 1101", "3"));
    EXPECT_EQ(moved.status, 303) << moved.body;
    EXPECT_EQ(FindDiscipline(Admin(), *db_, discipline)->semester, 3);

    auto refused = Call(http::Method::kPost, path + "/delete", "dean");
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(Has(refused, "The curriculum still has disciplines"));
    EXPECT_TRUE(FindCurriculum(Admin(), *db_, *curriculum).has_value());

    auto confirm = Call(http::Method::kGet, dpath + "/remove", "dean");
    ASSERT_EQ(confirm.status, 200);
    EXPECT_TRUE(Has(confirm, "action=\"" + dpath + "/remove\""));
    EXPECT_TRUE(Has(confirm, "Remove the discipline Fil 1101"));
    EXPECT_EQ(Call(http::Method::kPost, dpath + "/remove", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, dpath + "/remove", "other").status, 404);
    EXPECT_EQ(Call(http::Method::kPost, dpath + "/remove", "dean").status, 303);
    EXPECT_EQ(FindDiscipline(Admin(), *db_, discipline).error().code, core::ErrorCode::kNotFound);

    EXPECT_EQ(Call(http::Method::kGet, path + "/delete", "dean").status, 200);
    EXPECT_EQ(Call(http::Method::kPost, path + "/delete", "teacher").status, 403);
    auto deleted = Call(http::Method::kPost, path + "/delete", "dean");
    EXPECT_EQ(deleted.status, 303) << deleted.body;
    EXPECT_EQ(FindCurriculum(Admin(), *db_, *curriculum).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(Audit("academics.remove_discipline").size(), 1U);
}

/// The registrar keeps the calendar through its pages; others see no buttons and are refused.
TEST_P(AcademicsRoutesTest, CalendarThroughThePages) {
    if (IsSkipped()) return;
    auto list = Call(http::Method::kGet, "/academics/years", "admin");
    EXPECT_TRUE(Has(list, "href=\"/academics/years/new\""));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/academics/years", "teacher"), "/academics/years/new"));
    EXPECT_EQ(Call(http::Method::kGet, "/academics/years/new", "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/years/new", "dean").status, 403);
    const std::string year_fields = "start_date=2026-09-01&end_date=2027-06-30";
    EXPECT_EQ(Call(http::Method::kPost, "/academics/years", "dean", "name=2026-2027&" + year_fields).status,
              403);
    auto bad = Call(http::Method::kPost, "/academics/years", "admin", "name=2026&" + year_fields);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(Has(bad, "Name the academic year like 2026-2027"));
    EXPECT_TRUE(Has(bad, "href=\"#name\""));
    EXPECT_TRUE(ListYears(Admin(), *db_)->empty());
    auto created = Call(http::Method::kPost, "/academics/years", "admin", "name=2026-2027&" + year_fields);
    ASSERT_EQ(created.status, 303) << created.body;
    auto years = ListYears(Admin(), *db_);
    ASSERT_EQ(years->size(), 1U);
    const auto year = years->front().id;
    const std::string path = "/academics/years/" + std::to_string(year.value);
    EXPECT_EQ(created.Header("Location"), path + "?saved=1");

    auto page = Call(http::Method::kGet, path, "admin");
    EXPECT_TRUE(Has(page, "href=\"" + path + "/periods/new\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/holidays/new\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/delete\""));
    auto teacher_page = Call(http::Method::kGet, path, "teacher");
    EXPECT_EQ(teacher_page.status, 200);
    EXPECT_FALSE(Has(teacher_page, "/periods/new"));
    EXPECT_FALSE(Has(teacher_page, "/delete"));

    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "teacher").status, 403);
    auto renamed =
        Call(http::Method::kPost, path, "admin", "name=2026-2027&start_date=2026-09-02&end_date=2027-06-30");
    EXPECT_EQ(renamed.status, 303) << renamed.body;
    EXPECT_EQ(FindYear(Admin(), *db_, year)->start.day, 2);

    EXPECT_EQ(Call(http::Method::kGet, path + "/periods/new", "admin").status, 200);
    auto backwards = Call(http::Method::kPost, path + "/periods", "admin",
                          "kind=semester1&start_date=2026-12-31&end_date=2026-09-02&exam_start=&exam_end=");
    EXPECT_EQ(backwards.status, 422);
    EXPECT_TRUE(Has(backwards, "The end date must come after the start date"));
    EXPECT_TRUE(FindYear(Admin(), *db_, year)->periods.empty());
    const std::string autumn = "kind=semester1&start_date=2026-09-02&end_date=2026-12-31";
    EXPECT_EQ(Call(http::Method::kPost, path + "/periods", "teacher", autumn).status, 403);
    EXPECT_EQ(Call(http::Method::kPost, path + "/periods", "admin", autumn).status, 303);
    auto periods = FindYear(Admin(), *db_, year)->periods;
    ASSERT_EQ(periods.size(), 1U);
    const std::string ppath = "/academics/periods/" + std::to_string(periods.front().id.value);
    EXPECT_EQ(Call(http::Method::kGet, ppath + "/edit", "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kPost, ppath, "admin", autumn + "&exam_start=2026-12-15&exam_end=2026-12-31")
                  .status,
              303);
    EXPECT_TRUE(FindPeriod(Admin(), *db_, periods.front().id)->exam_start.has_value());

    EXPECT_EQ(Call(http::Method::kGet, path + "/holidays/new", "admin").status, 200);
    auto outside = Call(http::Method::kPost, path + "/holidays", "admin",
                        "name_kk=a&name_ru=b&name_en=Winter&start_date=2027-07-01&end_date=2027-07-10");
    EXPECT_EQ(outside.status, 422);
    EXPECT_TRUE(Has(outside, "aria-invalid=\"true\""));
    EXPECT_EQ(Call(http::Method::kPost, path + "/holidays", "admin",
                   "name_kk=a&name_ru=b&name_en=Winter+break&start_date=2027-01-01&end_date=2027-01-15")
                  .status,
              303);
    auto holidays = FindYear(Admin(), *db_, year)->holidays;
    ASSERT_EQ(holidays.size(), 1U);
    const std::string hpath = path + "/holidays/" + std::to_string(holidays.front().id.value) + "/remove";
    page = Call(http::Method::kGet, path, "admin");
    EXPECT_TRUE(Has(page, "Winter break"));
    EXPECT_TRUE(Has(page, "href=\"" + hpath + "\""));
    EXPECT_FALSE(Has(page, "href=\"" + path + "/delete\""));

    auto not_empty = Call(http::Method::kPost, path + "/delete", "admin");
    EXPECT_EQ(not_empty.status, 409);
    EXPECT_TRUE(Has(not_empty, "The academic year still has periods or breaks"));
    EXPECT_EQ(Call(http::Method::kGet, hpath, "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kPost, hpath, "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, hpath, "admin").status, 303);
    EXPECT_EQ(Call(http::Method::kGet, ppath + "/remove", "admin").status, 200);
    EXPECT_EQ(Call(http::Method::kPost, ppath + "/remove", "admin").status, 303);
    EXPECT_EQ(Call(http::Method::kPost, path + "/delete", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, path + "/delete", "admin").status, 303);
    EXPECT_TRUE(ListYears(Admin(), *db_)->empty());
}

/// Programmes and disciplines are imported from CSV: a bad row is shown by row and column and
/// nothing is written; a good file is previewed, then committed at once.
TEST_P(AcademicsRoutesTest, CsvImportPages) {
    if (IsSkipped()) return;
    EXPECT_TRUE(
        Has(Call(http::Method::kGet, "/academics/programmes", "dean"), "/academics/programmes/import"));
    EXPECT_FALSE(
        Has(Call(http::Method::kGet, "/academics/programmes", "teacher"), "/academics/programmes/import"));
    auto upload = Call(http::Method::kGet, "/academics/programmes/import", "dean");
    ASSERT_EQ(upload.status, 200);
    EXPECT_TRUE(Has(upload, "enctype=\"multipart/form-data\""));
    EXPECT_EQ(Call(http::Method::kGet, "/academics/programmes/import", "teacher").status, 403);

    const std::string header =
        "code,name_kk,name_ru,name_en,level,credits,direction_code,faculty_code,department_code,languages,"
        "status\n";
    const std::string good =
        "6B06101,Ақпараттық жүйелер,Информационные системы,Information "
        "systems,bachelor,240,B057,FIT,,kk;ru,active\n";
    auto bad = Upload("/academics/programmes/import", "dean",
                      header + good + "6B06102,А,Б,C,bachelor,100,B057,FIT,,kk,active\n");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(Has(bad, "Credits (credits): The number must be between 240 and 360"));
    EXPECT_FALSE(Has(bad, "/academics/programmes/import/commit"));
    auto other_faculty = Upload("/academics/programmes/import", "other", header + good);
    EXPECT_EQ(other_faculty.status, 422);
    EXPECT_TRUE(Has(other_faculty, "You may not change the programmes of this faculty"));
    auto empty = Upload("/academics/programmes/import", "dean", "");
    EXPECT_EQ(empty.status, 422);
    EXPECT_TRUE(Has(empty, "Choose a CSV file to upload"));
    EXPECT_TRUE(ListProgrammes(Admin(), *db_)->empty());

    auto preview = Upload("/academics/programmes/import", "dean", header + good);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_TRUE(Has(preview, "action=\"/academics/programmes/import/commit\""));
    EXPECT_TRUE(Has(preview, "New: 1, changed: 0"));
    EXPECT_TRUE(ListProgrammes(Admin(), *db_)->empty());
    EXPECT_EQ(Call(http::Method::kPost, "/academics/programmes/import/commit", "teacher",
                   "csv=" + http::PercentEncode(header + good))
                  .status,
              403);
    auto committed = Call(http::Method::kPost, "/academics/programmes/import/commit", "dean",
                          "csv=" + http::PercentEncode(header + good));
    ASSERT_EQ(committed.status, 303) << committed.body;
    EXPECT_EQ(committed.Header("Location"), "/academics/programmes?imported=1");
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/academics/programmes?imported=1", "dean"), "1 row imported"));
    auto programme = FindProgrammeByCode(Admin(), *db_, "6B06101");
    ASSERT_TRUE(programme.has_value());

    auto curriculum = CreateCurriculum(Admin(), At(), programme->id, {"2026"});
    ASSERT_TRUE(curriculum.has_value());
    const std::string path = "/academics/curricula/" + std::to_string(curriculum->value) + "/import";
    EXPECT_EQ(Call(http::Method::kGet, path, "dean").status, 200);
    EXPECT_EQ(Call(http::Method::kGet, path, "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    const std::string dheader =
        "code,name_kk,name_ru,name_en,credits,cycle,component,semester,control,hours_lecture,hours_seminar,"
        "hours_srop,hours_sro\n";
    const std::string drow =
        "Fil 1101,Философия,Философия,Philosophy,5,general,required,1,exam,15,30,30,75\n";
    auto wrong = Upload(path, "dean",
                        dheader + drow + "Hist 1102,Тарих,История,History,5,general,required,1,oral,,,,\n");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_TRUE(Has(wrong, "Control (control):"));
    auto fine = Upload(path, "dean", dheader + drow);
    EXPECT_EQ(fine.status, 200) << fine.body;
    EXPECT_TRUE(FindCurriculum(Admin(), *db_, *curriculum)->disciplines.empty());
    auto done =
        Call(http::Method::kPost, path + "/commit", "dean", "csv=" + http::PercentEncode(dheader + drow));
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(FindCurriculum(Admin(), *db_, *curriculum)->disciplines.size(), 1U);
    // A file made bad between preview and commit is refused as a whole.
    auto stale =
        Call(http::Method::kPost, path + "/commit", "dean",
             "csv=" + http::PercentEncode(dheader + "Eng 1103,А,Б,C,5,general,required,1,exam,,,,\n" +
                                          "Bad,,,,,,,,,,,,\n"));
    EXPECT_EQ(stale.status, 422);
    EXPECT_EQ(FindCurriculum(Admin(), *db_, *curriculum)->disciplines.size(), 1U);
}

/// The JSON API creates, changes and removes faculties, departments, curricula, disciplines,
/// years, periods and breaks, refusing bad input with field errors and others' objects.
TEST_P(AcademicsRoutesTest, JsonApiWrites) {
    if (IsSkipped()) return;
    const std::string base = "/api/v1/academics";
    auto post = [&](const std::string& path, const std::string& who, const json& body) {
        return Call(http::Method::kPost, base + path, who, body.dump(), true);
    };
    auto patch = [&](const std::string& path, const std::string& who, const json& body) {
        return Call(http::Method::kPatch, base + path, who, body.dump(), true);
    };
    auto remove = [&](const std::string& path, const std::string& who) {
        return Call(http::Method::kDelete, base + path, who, {}, true);
    };
    const json names = {{"kk", "А"}, {"ru", "Б"}, {"en", "C"}};

    EXPECT_EQ(post("/faculties", "dean", {{"code", "MED"}, {"names", names}}).status, 403);
    auto bad_faculty = post("/faculties", "admin", {{"code", ""}, {"names", names}});
    EXPECT_EQ(bad_faculty.status, 400);
    EXPECT_TRUE(json::parse(bad_faculty.body)["error"]["fields"].contains("code"));
    auto faculty = post("/faculties", "admin", {{"code", "MED"}, {"names", names}});
    ASSERT_EQ(faculty.status, 201) << faculty.body;
    const auto faculty_id = json::parse(faculty.body)["id"].get<std::int64_t>();
    EXPECT_EQ(faculty.Header("Location"), base + "/faculties/" + std::to_string(faculty_id));
    auto renamed =
        patch("/faculties/" + std::to_string(faculty_id), "admin", {{"names", {{"en", "Medicine"}}}});
    EXPECT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(json::parse(renamed.body)["names"]["en"], "Medicine");
    EXPECT_EQ(json::parse(renamed.body)["code"], "MED");
    EXPECT_EQ(patch("/faculties/" + std::to_string(faculty_id), "admin", {{"code", "FIT"}}).status, 409);

    auto department =
        post("/departments", "admin", {{"faculty_id", faculty_id}, {"code", "SURG"}, {"names", names}});
    ASSERT_EQ(department.status, 201) << department.body;
    const auto department_id = json::parse(department.body)["id"].get<std::int64_t>();
    EXPECT_EQ(remove("/faculties/" + std::to_string(faculty_id), "admin").status, 409);
    EXPECT_EQ(patch("/departments/" + std::to_string(department_id), "admin", {{"code", "SRG"}}).status, 200);
    EXPECT_EQ(FindDepartment(Admin(), *db_, DepartmentId{department_id})->code, "SRG");
    EXPECT_EQ(remove("/departments/" + std::to_string(department_id), "admin").status, 204);
    EXPECT_EQ(remove("/faculties/" + std::to_string(faculty_id), "admin").status, 204);
    EXPECT_EQ(FindFaculty(Admin(), *db_, FacultyId{faculty_id}).error().code, core::ErrorCode::kNotFound);

    const auto programme = MakeProgramme(fit_);
    const std::string ppath = "/programmes/" + std::to_string(programme.value) + "/curricula";
    EXPECT_EQ(post(ppath, "other", {{"admission_year", 2026}}).status, 404);
    EXPECT_EQ(post(ppath, "dean", {{"admission_year", 1900}}).status, 400);
    auto curriculum = post(ppath, "dean", {{"admission_year", 2026}});
    ASSERT_EQ(curriculum.status, 201) << curriculum.body;
    const auto curriculum_id = json::parse(curriculum.body)["id"].get<std::int64_t>();
    const std::string cpath = "/curricula/" + std::to_string(curriculum_id);
    json discipline = {{"code", "Fil 1101"},
                       {"names", names},
                       {"credits", 5},
                       {"cycle", "general"},
                       {"component", "required"},
                       {"semester", 1},
                       {"control", "exam"},
                       {"hours", {{"lecture", 15}, {"seminar", 30}, {"srop", 30}, {"sro", 76}}}};
    auto mismatch = post(cpath + "/disciplines", "dean", discipline);
    EXPECT_EQ(mismatch.status, 400);
    EXPECT_TRUE(json::parse(mismatch.body)["error"]["fields"].contains("hours_total")) << mismatch.body;
    discipline["hours"]["sro"] = 75;
    EXPECT_EQ(post(cpath + "/disciplines", "teacher", discipline).status, 403);
    auto added = post(cpath + "/disciplines", "dean", discipline);
    ASSERT_EQ(added.status, 201) << added.body;
    const auto discipline_id = json::parse(added.body)["id"].get<std::int64_t>();
    const std::string dpath = "/disciplines/" + std::to_string(discipline_id);
    auto moved = patch(dpath, "dean", {{"semester", 2}});
    EXPECT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(json::parse(moved.body)["semester"], 2);
    EXPECT_EQ(json::parse(moved.body)["hours"]["sro"], 75);
    EXPECT_EQ(patch(dpath, "dean", {{"hours", {{"sro", 10}}}}).status, 400);
    EXPECT_EQ(patch(dpath, "other", {{"semester", 3}}).status, 404);
    EXPECT_EQ(remove(dpath, "teacher").status, 403);
    EXPECT_EQ(remove(dpath, "dean").status, 204);
    EXPECT_EQ(remove(cpath, "dean").status, 204);
    EXPECT_EQ(Call(http::Method::kGet, base + cpath, "dean", {}, true).status, 404);

    json year = {{"name", "2026-2027"}, {"start_date", "2026-09-01"}, {"end_date", "2027-06-30"}};
    EXPECT_EQ(post("/years", "dean", year).status, 403);
    EXPECT_EQ(post("/years", "admin", {{"name", "2026-2028"}}).status, 400);
    auto created_year = post("/years", "admin", year);
    ASSERT_EQ(created_year.status, 201) << created_year.body;
    const auto year_id = json::parse(created_year.body)["id"].get<std::int64_t>();
    const std::string ypath = "/years/" + std::to_string(year_id);
    EXPECT_EQ(post("/years", "admin", year).status, 409);
    auto period = post(ypath + "/periods", "admin",
                       {{"kind", "semester1"}, {"start_date", "2026-09-01"}, {"end_date", "2026-12-31"}});
    ASSERT_EQ(period.status, 201) << period.body;
    const auto period_id = json::parse(period.body)["id"].get<std::int64_t>();
    EXPECT_EQ(post(ypath + "/periods", "admin",
                   {{"kind", "semester2"}, {"start_date", "2026-12-01"}, {"end_date", "2027-05-31"}})
                  .status,
              400);  // overlaps the autumn semester
    auto exams = patch("/periods/" + std::to_string(period_id), "admin",
                       {{"exam_start", "2026-12-15"}, {"exam_end", "2026-12-31"}});
    EXPECT_EQ(exams.status, 200) << exams.body;
    EXPECT_EQ(json::parse(exams.body)["exam_start"], "2026-12-15");
    EXPECT_EQ(patch(ypath, "admin", {{"start_date", "2026-10-01"}}).status, 400);  // leaves the period out
    EXPECT_EQ(patch(ypath, "admin", {{"end_date", "2027-06-29"}}).status, 200);
    auto holiday = post(ypath + "/holidays", "admin",
                        {{"names", names}, {"start_date", "2027-01-01"}, {"end_date", "2027-01-15"}});
    ASSERT_EQ(holiday.status, 201) << holiday.body;
    const auto holiday_id = json::parse(holiday.body)["id"].get<std::int64_t>();
    EXPECT_EQ(remove(ypath, "admin").status, 409);
    auto full = Call(http::Method::kGet, base + ypath, "teacher", {}, true);
    EXPECT_EQ(full.status, 200);
    EXPECT_EQ(json::parse(full.body)["holidays"].size(), 1U);
    EXPECT_EQ(remove("/holidays/" + std::to_string(holiday_id), "teacher").status, 403);
    EXPECT_EQ(remove("/holidays/" + std::to_string(holiday_id), "admin").status, 204);
    EXPECT_EQ(remove("/periods/" + std::to_string(period_id), "admin").status, 204);
    EXPECT_EQ(remove(ypath, "admin").status, 204);
    EXPECT_TRUE(ListYears(Admin(), *db_)->empty());
    EXPECT_EQ(Call(http::Method::kPost, base + "/years", "admin", "not json", true).status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, AcademicsRoutesTest,
                         ::testing::Values(platform::db::testing::Backend::kSqliteMemory,
                                           platform::db::testing::Backend::kPostgres),
                         platform::db::testing::BackendName);

/// The public-holiday calendar through its pages: everyone with academics:view reads it, the
/// registrar's office adds, changes, confirms and removes days and proposes a year; a bad date, a
/// listed date or someone else's edit is refused with a translated message and changes nothing.
TEST_P(AcademicsRoutesTest, PublicHolidayCalendarPages) {  // R-O12
    if (IsSkipped()) return;
    const auto days2026 = [&] { return ListPublicDays(Admin(), *db_, 2026).value(); };
    const auto audits = Audit("academics.").size();
    const auto before = days2026();
    auto years = Call(http::Method::kGet, "/academics/calendar", "teacher");
    ASSERT_EQ(years.status, 200) << years.body;
    EXPECT_TRUE(Has(years, "href=\"/academics/calendar/2027\""));
    EXPECT_TRUE(Has(years, "days to check"));  // 2027 has expected and derived rows
    EXPECT_FALSE(Has(years, "/academics/calendar/propose"));
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/academics/calendar", "admin"), "/academics/calendar/propose"));
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/academics", "teacher"), "href=\"/academics/calendar\""));

    auto year = Call(http::Method::kGet, "/academics/calendar/2026", "dean");
    ASSERT_EQ(year.status, 200) << year.body;
    EXPECT_TRUE(Has(year, "Nauryz Meyramy"));
    EXPECT_TRUE(Has(year, "January: 19 working days"));
    EXPECT_FALSE(Has(year, "/days/new"));
    EXPECT_FALSE(Has(year, "2026-08-30"));  // 30 August is no longer a holiday from 2026
    auto expected = Call(http::Method::kGet, "/academics/calendar/2027", "admin");
    EXPECT_TRUE(Has(expected, "Expected: to be checked"));
    EXPECT_TRUE(Has(expected, "action=\"/academics/calendar/2027/days/2027-05-16/confirm\""));
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/1999", "admin").status, 404);

    // Refusals: nothing changes, nothing is audited.
    const std::string day =
        "kind=day_off_transfer&name_kk=Демалыс&name_ru=Выходной&name_en=Day+off&source=decree+1";
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/2026/days/new", "dean").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/2026/days", "teacher", "date=2026-08-27&" + day)
                  .status,
              403);
    auto bad = Call(http::Method::kPost, "/academics/calendar/2026/days", "admin", "date=2026-02-30&" + day);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(Has(bad, "Enter a date as YYYY-MM-DD"));
    EXPECT_TRUE(Has(bad, "href=\"#date\""));
    auto duplicate =
        Call(http::Method::kPost, "/academics/calendar/2026/days", "admin", "date=2026-01-01&" + day);
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_TRUE(Has(duplicate, "This date is already listed"));
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/2026/days/2026-01-01", "dean", day).status, 403);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/2026/days/2026-01-01/remove", "other").status,
              403);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/2026/days/2027-01-01/edit", "admin").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/2026/days/2026-01-03/edit", "admin").status, 404);
    EXPECT_EQ(days2026(), before);
    EXPECT_EQ(Audit("academics.").size(), audits);  // the fixture's faculties only

    // The registrar's office's changes, each audited.
    auto added =
        Call(http::Method::kPost, "/academics/calendar/2026/days", "admin", "date=2026-08-27&" + day);
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_EQ(added.Header("Location"), "/academics/calendar/2026?saved=1");
    EXPECT_EQ(days2026().size(), before.size() + 1);
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/2026/days/2026-08-27/edit", "admin").status, 200);
    auto renamed =
        Call(http::Method::kPost, "/academics/calendar/2026/days/2026-08-27", "admin",
             "kind=day_off_transfer&name_kk=Демалыс&name_ru=Выходной&name_en=Moved+day+off&source=decree+2");
    ASSERT_EQ(renamed.status, 303) << renamed.body;
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/academics/calendar/2026", "admin"), "Moved day off"));
    EXPECT_EQ(Call(http::Method::kGet, "/academics/calendar/2026/days/2026-08-27/remove", "admin").status,
              200);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/2026/days/2026-08-27/remove", "admin").status,
              303);
    EXPECT_EQ(days2026(), before);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/2027/days/2027-05-16/confirm", "admin").status,
              303);
    const auto days2027 = ListPublicDays(Admin(), *db_, 2027).value();
    for (const auto& d : days2027) {
        if (core::FormatIsoDay(d.date) == "2027-05-16") {
            EXPECT_TRUE(d.confirmed);
        }
    }
    EXPECT_EQ(Audit("academics.add_public_day").size(), 1U);
    EXPECT_EQ(Audit("academics.update_public_day").size(), 1U);
    EXPECT_EQ(Audit("academics.remove_public_day").size(), 1U);
    EXPECT_EQ(Audit("academics.confirm_public_day").size(), 1U);

    // Proposing a year: a listed one and a non-year are refused; a new one is filled from the law.
    auto listed = Call(http::Method::kPost, "/academics/calendar/propose", "admin", "year=2026");
    EXPECT_EQ(listed.status, 409);
    EXPECT_TRUE(Has(listed, "This year already has days listed."));
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/propose", "admin", "year=abc").status, 422);
    EXPECT_EQ(Call(http::Method::kPost, "/academics/calendar/propose", "teacher", "year=2028").status, 403);
    EXPECT_TRUE(ListPublicDays(Admin(), *db_, 2028)->empty());
    EXPECT_TRUE(Has(Call(http::Method::kGet, "/academics/calendar/2028", "admin"), "Propose the year"));
    auto proposed = Call(http::Method::kPost, "/academics/calendar/propose", "admin", "year=2028");
    ASSERT_EQ(proposed.status, 303) << proposed.body;
    EXPECT_EQ(proposed.Header("Location"), "/academics/calendar/2028?saved=1");
    EXPECT_FALSE(ListPublicDays(Admin(), *db_, 2028)->empty());
    EXPECT_EQ(Audit("academics.propose_public_year").size(), 1U);
}

/// The calendar's JSON API: the days with the working days per month; PUT and DELETE of a day
/// with the pages' checks (a bad date or another year's date is 400, a reader's change 403).
TEST_P(AcademicsRoutesTest, PublicHolidayCalendarApi) {  // R-O12
    if (IsSkipped()) return;
    const std::string base = "/api/v1/academics/calendar/2026";
    const auto audits = Audit("academics.").size();
    auto got = Call(http::Method::kGet, base, "teacher", {}, true);
    ASSERT_EQ(got.status, 200) << got.body;
    const auto doc = json::parse(got.body);
    EXPECT_EQ(doc["year"], 2026);
    const auto before = ListPublicDays(Admin(), *db_, 2026).value();
    EXPECT_EQ(doc["days"].size(), before.size());
    EXPECT_EQ(doc["days"][0]["date"], "2026-01-01");
    EXPECT_EQ(doc["days"][0]["names"]["en"], "New Year");
    ASSERT_EQ(doc["months"].size(), 12U);
    EXPECT_EQ(doc["months"][0]["working_days"], 19);
    int total = 0;
    for (const auto& m : doc["months"]) total += m["working_days"].get<int>();
    EXPECT_EQ(doc["working_days"], total);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/academics/calendar/2101", "teacher", {}, true).status, 404);

    const json day = {{"kind", "day_off_transfer"},
                      {"names", {{"kk", "Демалыс"}, {"ru", "Выходной"}, {"en", "Day off"}}},
                      {"source", "decree 7"}};
    auto bad = Call(http::Method::kPut, base + "/days/2026-02-30", "admin", day.dump(), true);
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(json::parse(bad.body)["error"]["fields"].contains("date")) << bad.body;
    EXPECT_EQ(Call(http::Method::kPut, base + "/days/2027-08-27", "admin", day.dump(), true).status, 400);
    auto no_kind =
        Call(http::Method::kPut, base + "/days/2026-08-27", "admin", json{{"source", "x"}}.dump(), true);
    EXPECT_EQ(no_kind.status, 400);
    EXPECT_TRUE(json::parse(no_kind.body)["error"]["fields"].contains("kind"));
    EXPECT_EQ(Call(http::Method::kPut, base + "/days/2026-08-27", "teacher", day.dump(), true).status, 403);
    EXPECT_EQ(Call(http::Method::kDelete, base + "/days/2026-01-01", "dean", {}, true).status, 403);
    EXPECT_EQ(ListPublicDays(Admin(), *db_, 2026).value(), before);
    EXPECT_EQ(Audit("academics.").size(), audits);  // the fixture's faculties only

    auto put = Call(http::Method::kPut, base + "/days/2026-08-27", "admin", day.dump(), true);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(json::parse(put.body)["confirmed"], true);
    EXPECT_EQ(json::parse(put.body)["kind"], "day_off_transfer");
    auto august = json::parse(Call(http::Method::kGet, base, "teacher", {}, true).body)["months"][7];
    EXPECT_EQ(august["working_days"], doc["months"][7]["working_days"].get<int>() - 1);
    EXPECT_EQ(Call(http::Method::kDelete, base + "/days/2026-08-27", "admin", {}, true).status, 204);
    EXPECT_EQ(Call(http::Method::kDelete, base + "/days/2026-08-27", "admin", {}, true).status, 404);
    EXPECT_EQ(ListPublicDays(Admin(), *db_, 2026).value(), before);
    EXPECT_EQ(Audit("academics.add_public_day").size(), 1U);
    EXPECT_EQ(Audit("academics.remove_public_day").size(), 1U);
}

}  // namespace
}  // namespace oqu::academics::testing
