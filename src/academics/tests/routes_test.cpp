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
            platform::web::Strings::Load(
                {root / "platform/web/strings", root / "platform/auth/strings", root / "academics/strings"}));
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

INSTANTIATE_TEST_SUITE_P(Backends, AcademicsRoutesTest,
                         ::testing::Values(platform::db::testing::Backend::kSqliteMemory,
                                           platform::db::testing::Backend::kPostgres),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::academics::testing
