#include "people/routes.hpp"

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

#include "people/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::people::testing {
namespace {

namespace http = platform::http;
using nlohmann::json;

std::string Lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The 64-hex-digit session token of a test user name.
std::string TokenOf(const std::string& name) {
    static const std::map<std::string, char> kDigits = {{"dean", 'a'}, {"other", 'b'}, {"teacher", 'c'}};
    return std::string(64, kDigits.at(name));
}

// Sessions by cookie token: "dean" (dean's office of faculty 1), "other" (dean's office of
// faculty 2), "teacher" (a teacher of the institution: sees people, changes nobody).
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

/// The module's routes behind the real auth gate, on each backend.
class PeopleRoutesTest : public PeopleDbTest {
protected:
    void SetUp() override {
        PeopleDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"people", root / "people/templates"}},
            platform::web::Strings::Load(
                {root / "platform/web/strings", root / "platform/auth/strings", root / "people/strings"}));
        files_dir_ =
            std::filesystem::temp_directory_path() / ("oqu_people_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add("dean", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty1_}, 11));
        sessions_->Add("other", As(auth::Role::kDeansOffice, {auth::ScopeKind::kFaculty, faculty2_}, 12));
        sessions_->Add("teacher", As(auth::Role::kTeacher, auth::kInstitution, 13));
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        PeopleDbTest::TearDown();
    }

    // Calls the route for `method target` as the session `user`; a body is a form (HTML client)
    // unless `json_client` is set (API client).
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

    // The id at the end of a redirect to "/people/<kind>/<id>?saved=1".
    static std::int64_t RedirectedId(const http::Response& response) {
        const auto location = std::string(response.Header("Location"));
        const auto slash = location.rfind('/');
        const auto query = location.find('?');
        if (slash == std::string::npos) return 0;
        return std::stoll(location.substr(slash + 1, query - slash - 1));
    }

    std::int64_t GroupCount() { return Must(ListGroups(auth::SystemPrincipal(), *db_, ListQuery{})).total; }
    std::int64_t TeacherCount() {
        return Must(ListTeachers(auth::SystemPrincipal(), *db_, ListQuery{})).total;
    }
    TeacherId MakeTeacher(const std::string& department = "IS") {
        TeacherDraft d;
        d.surname = "Askarov";
        d.given_name = "Nurlan";
        d.department = department;
        d.position = "professor";
        return Must(CreateTeacher(auth::SystemPrincipal(), At(), d));
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

/// Every /api/ route the module registers is described in its OpenAPI fragment (same path and
/// method), and the fragment describes no route that does not exist.
TEST_P(PeopleRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    std::ifstream in(ResourceDir() / "people/openapi.json");
    ASSERT_TRUE(in) << "people/openapi.json missing";
    const auto doc = json::parse(in);
    ASSERT_TRUE(doc.contains("paths"));
    ASSERT_TRUE(doc.contains("components"));

    std::set<std::pair<std::string, std::string>> registered;
    int api_routes = 0;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        ++api_routes;
        const std::string method = Lower(http::MethodName(route.method));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(api_routes, 12);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "parameters") continue;
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path << " is not a route";
        }
    }
    // Every $ref names a schema of the fragment or the app's shared Error.
    const std::string dump = doc.dump();
    const std::string marker = "#/components/schemas/";
    for (auto pos = dump.find(marker); pos != std::string::npos; pos = dump.find(marker, pos + 1)) {
        const auto start = pos + marker.size();
        const auto name = dump.substr(start, dump.find('"', start) - start);
        EXPECT_TRUE(name == "Error" || doc["components"]["schemas"].contains(name)) << name;
    }
    // The navigation items are the three list pages.
    auth::Principal registrar = As(auth::Role::kRegistrar, auth::kInstitution);
    EXPECT_EQ(navigation_.For(registrar).size(), 3U);
}

/// A dean's office creates a group through the form linked from the list, corrects refused
/// input (nothing written), and changes it from the group page; others are refused.
TEST_P(PeopleRoutesTest, DeanCreatesAndChangesAGroupThroughTheForms) {
    if (IsSkipped()) return;
    const auto curator = MakeTeacher();
    auto list = Call(http::Method::kGet, "/people/groups", "dean");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Has(list, "href=\"/people/groups/new\">New study group</a>"));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/people/groups", "teacher"), "/people/groups/new"));
    EXPECT_EQ(Call(http::Method::kGet, "/people/groups/new", "teacher").status, 403);

    auto form = Call(http::Method::kGet, "/people/groups/new", "dean");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(Has(form, "name=\"_csrf\" value=\"c0ffee\""));
    EXPECT_TRUE(Has(form, "<label for=\"code\">"));
    EXPECT_TRUE(Has(form, ">6B06101</option>"));
    EXPECT_FALSE(Has(form, ">6B06102</option>"));  // a programme of another faculty
    EXPECT_TRUE(Has(form, ">Askarov Nurlan (IS)</option>"));

    const std::string rest =
        "&programme=6B06101&admission_year=2025&language=kk&curator=" + std::to_string(curator.value) +
        "&parent=";
    auto bad = Call(http::Method::kPost, "/people/groups/new", "dean", "code=IS+21%211" + rest);
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(Has(bad, "class=\"error-summary\""));
    EXPECT_TRUE(Has(bad, "<a href=\"#code\">Group code: letters"));
    EXPECT_TRUE(Has(bad, "aria-invalid=\"true\" aria-describedby=\"code-hint code-error\"") ||
                Has(bad, "aria-describedby=\"code-hint code-error\" aria-invalid=\"true\""));
    EXPECT_TRUE(Has(bad, "value=\"IS 21!1\""));
    auto bad_ru = Call(http::Method::kPost, "/people/groups/new?lang=ru", "dean",
                       "code=IS-21-1&programme=6B06101&admission_year=1900&language=kk");
    EXPECT_EQ(bad_ru.status, 422);
    EXPECT_TRUE(Has(bad_ru, "Год поступления")) << bad_ru.body;
    EXPECT_EQ(Call(http::Method::kPost, "/people/groups/new", "dean",
                   "code=IS-21-1&programme=6B06102&admission_year=2025&language=kk")
                      .status /
                  100,
              4);  // refused: another faculty's programme
    EXPECT_EQ(Call(http::Method::kPost, "/people/groups/new", "teacher", "code=IS-21-1" + rest).status, 403);
    EXPECT_EQ(GroupCount(), 0);

    auto created = Call(http::Method::kPost, "/people/groups/new", "dean", "code=IS-21-1" + rest);
    ASSERT_EQ(created.status, 303) << created.body;
    const GroupId id{RedirectedId(created)};
    EXPECT_EQ(created.Header("Location"), "/people/groups/" + std::to_string(id.value) + "?saved=1");
    auto group = Must(FindGroup(auth::SystemPrincipal(), *db_, id));
    EXPECT_EQ(group.code, "IS-21-1");
    EXPECT_EQ(group.admission_year, 2025);
    ASSERT_TRUE(group.curator.has_value());
    EXPECT_EQ(group.curator->value, curator.value);

    const std::string path = "/people/groups/" + std::to_string(id.value);
    auto page = Call(http::Method::kGet, path + "?saved=1", "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "class=\"notice\" role=\"status\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/edit\">Edit</a>"));
    EXPECT_TRUE(Has(page, "Kazakh"));
    auto seen_by_teacher = Call(http::Method::kGet, path, "teacher");
    EXPECT_EQ(seen_by_teacher.status, 200);
    EXPECT_FALSE(Has(seen_by_teacher, "/edit"));
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "teacher").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, path, "other", "code=X-1" + rest).status, 404);
    EXPECT_EQ(Call(http::Method::kPost, path, "teacher", "code=X-1" + rest).status, 403);

    auto edit = Call(http::Method::kGet, path + "/edit", "dean");
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_TRUE(Has(edit, "value=\"IS-21-1\""));
    EXPECT_TRUE(Has(edit, "action=\"" + path + "\""));
    auto wrong_language = Call(http::Method::kPost, path, "dean",
                               "code=IS-21-2&programme=6B06101&admission_year=2025&language=en&curator=");
    EXPECT_EQ(wrong_language.status, 422);
    EXPECT_TRUE(Has(wrong_language, "<a href=\"#language\">The programme is not taught in this language."));
    EXPECT_EQ(Must(FindGroup(auth::SystemPrincipal(), *db_, id)).code, "IS-21-1");

    auto changed = Call(http::Method::kPost, path, "dean",
                        "code=IS-21-2&programme=6B06101&admission_year=2024&language=ru&curator=&parent=");
    ASSERT_EQ(changed.status, 303) << changed.body;
    group = Must(FindGroup(auth::SystemPrincipal(), *db_, id));
    EXPECT_EQ(group.code, "IS-21-2");
    EXPECT_EQ(group.admission_year, 2024);
    EXPECT_EQ(group.language, "ru");
    EXPECT_FALSE(group.curator.has_value());

    auto taken = Call(http::Method::kPost, "/people/groups/new", "dean", "code=IS-21-2" + rest);
    EXPECT_EQ(taken.status, 422);
    EXPECT_TRUE(Has(taken, "A group with this code already exists."));
    EXPECT_EQ(GroupCount(), 1);
}

/// A dean's office adds and changes a teacher of its faculty through the forms; refused input
/// changes nothing; a teacher and another faculty's office are refused.
TEST_P(PeopleRoutesTest, DeanAddsAndChangesATeacherThroughTheForms) {
    if (IsSkipped()) return;
    auto list = Call(http::Method::kGet, "/people/teachers", "dean");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Has(list, "href=\"/people/teachers/new\">New teacher</a>"));
    EXPECT_FALSE(Has(Call(http::Method::kGet, "/people/teachers", "teacher"), "/people/teachers/new"));
    EXPECT_EQ(Call(http::Method::kGet, "/people/teachers/new", "teacher").status, 403);

    auto form = Call(http::Method::kGet, "/people/teachers/new", "dean");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(Has(form, "name=\"_csrf\" value=\"c0ffee\""));
    EXPECT_TRUE(Has(form, ">IS</option>"));
    EXPECT_FALSE(Has(form, ">EC</option>"));
    EXPECT_TRUE(Has(form, ">senior lecturer</option>"));

    const std::string rest = "&given_name=Nurlan&patronymic=&latin_name=ASKAROV+NURLAN&department=IS";
    auto bad = Call(http::Method::kPost, "/people/teachers/new", "dean",
                    "surname=" + rest + "&position=professor&degree=phd");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(Has(bad, "class=\"error-summary\""));
    EXPECT_TRUE(Has(bad, "<a href=\"#surname\">Fill in this field.</a>"));
    EXPECT_TRUE(Has(bad, "value=\"ASKAROV NURLAN\""));
    auto bad_kk = Call(http::Method::kPost, "/people/teachers/new?lang=kk", "dean",
                       "surname=Askarov" + rest + "&position=dean&degree=phd");
    EXPECT_EQ(bad_kk.status, 422);
    EXPECT_TRUE(Has(bad_kk, "<a href=\"#position\">")) << bad_kk.body;
    EXPECT_FALSE(Has(bad_kk, "Position: assistant"));  // the Kazakh text, not the English one
    EXPECT_EQ(Call(http::Method::kPost, "/people/teachers/new", "dean",
                   "surname=Askarov&given_name=Nurlan&department=EC&position=professor")
                      .status /
                  100,
              4);
    EXPECT_EQ(Call(http::Method::kPost, "/people/teachers/new", "teacher",
                   "surname=Askarov" + rest + "&position=professor")
                  .status,
              403);
    EXPECT_EQ(TeacherCount(), 0);

    auto created = Call(http::Method::kPost, "/people/teachers/new", "dean",
                        "surname=Askarov" + rest + "&position=professor&degree=phd");
    ASSERT_EQ(created.status, 303) << created.body;
    const TeacherId id{RedirectedId(created)};
    auto teacher = Must(FindTeacher(auth::SystemPrincipal(), *db_, id));
    EXPECT_EQ(teacher.name.surname, "Askarov");
    EXPECT_EQ(teacher.position, Position::kProfessor);
    EXPECT_EQ(teacher.degree, Degree::kPhd);

    const std::string path = "/people/teachers/" + std::to_string(id.value);
    auto page = Call(http::Method::kGet, path + "?saved=1", "dean");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "class=\"notice\" role=\"status\""));
    EXPECT_TRUE(Has(page, "href=\"" + path + "/edit\">Edit</a>"));
    EXPECT_FALSE(Has(Call(http::Method::kGet, path, "teacher"), "/edit"));
    EXPECT_EQ(Call(http::Method::kGet, path, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "other").status, 404);
    EXPECT_EQ(Call(http::Method::kGet, path + "/edit", "teacher").status, 403);
    const std::string changed_fields =
        "surname=Askarov" + rest + "&position=head_of_department&degree=doctor";
    EXPECT_EQ(Call(http::Method::kPost, path, "other", changed_fields).status, 404);
    EXPECT_EQ(Call(http::Method::kPost, path, "teacher", changed_fields).status, 403);

    auto edit = Call(http::Method::kGet, path + "/edit", "dean");
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_TRUE(Has(edit, "value=\"Askarov\""));
    EXPECT_TRUE(Has(edit, "<option value=\"phd\" selected>"));
    auto refused = Call(http::Method::kPost, path, "dean", "surname=Askarov" + rest + "&position=rector");
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(Must(FindTeacher(auth::SystemPrincipal(), *db_, id)).position, Position::kProfessor);
    auto changed = Call(http::Method::kPost, path, "dean", changed_fields);
    ASSERT_EQ(changed.status, 303) << changed.body;
    teacher = Must(FindTeacher(auth::SystemPrincipal(), *db_, id));
    EXPECT_EQ(teacher.position, Position::kHeadOfDepartment);
    EXPECT_EQ(teacher.degree, Degree::kDoctor);
    EXPECT_EQ(TeacherCount(), 1);
}

/// The group API creates, reads and patches, with field errors in the error body; it hides
/// groups of other faculties and refuses callers without people:edit_groups.
TEST_P(PeopleRoutesTest, GroupApi) {
    if (IsSkipped()) return;
    const auto curator = MakeTeacher();
    json body = {{"code", "IS-21-1"}, {"programme", "6B06101"}, {"admission_year", 2025}, {"language", "kk"}};
    auto refused =
        Call(http::Method::kPost, "/api/v1/people/groups", "dean",
             json{{"code", "IS 1!"}, {"programme", "6B06101"}, {"admission_year", 2025}}.dump(), true);
    EXPECT_EQ(refused.status, 400) << refused.body;
    const auto fields = json::parse(refused.body)["error"]["fields"];
    ASSERT_TRUE(fields.is_array());
    EXPECT_EQ(fields[0]["field"], "code");
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/groups", "dean", "[1]", true).status, 400);
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/groups", "dean",
                   json{{"code", "IS-21-1"}, {"admission_year", "2025"}}.dump(), true)
                  .status,
              400);
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/groups", "teacher", body.dump(), true).status, 403);
    EXPECT_EQ(GroupCount(), 0);

    auto created = Call(http::Method::kPost, "/api/v1/people/groups", "dean", body.dump(), true);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto group = json::parse(created.body);
    const std::string path = "/api/v1/people/groups/" + std::to_string(group["id"].get<std::int64_t>());
    EXPECT_EQ(created.Header("Location"), path);
    EXPECT_EQ(group["code"], "IS-21-1");
    EXPECT_EQ(group["programme"], "6B06101");
    EXPECT_TRUE(group["curator_id"].is_null());

    auto read = Call(http::Method::kGet, path, "teacher", {}, true);
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(json::parse(read.body)["admission_year"], 2025);
    EXPECT_EQ(Call(http::Method::kGet, path, "other", {}, true).status, 404);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/people/groups/999999", "dean", {}, true).status, 404);

    auto patched = Call(http::Method::kPatch, path, "dean",
                        json{{"admission_year", 2024}, {"curator_id", curator.value}}.dump(), true);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body)["admission_year"], 2024);
    EXPECT_EQ(json::parse(patched.body)["curator_id"], curator.value);
    EXPECT_EQ(json::parse(patched.body)["code"], "IS-21-1");  // absent members keep their value
    auto cleared = Call(http::Method::kPatch, path, "dean", json{{"curator_id", 0}}.dump(), true);
    EXPECT_TRUE(json::parse(cleared.body)["curator_id"].is_null()) << cleared.body;
    auto bad_patch = Call(http::Method::kPatch, path, "dean", json{{"language", "de"}}.dump(), true);
    EXPECT_EQ(bad_patch.status, 400);
    EXPECT_EQ(json::parse(bad_patch.body)["error"]["fields"][0]["field"], "language");
    EXPECT_EQ(Call(http::Method::kPatch, path, "other", json{{"admission_year", 2023}}.dump(), true).status,
              404);
    EXPECT_EQ(Call(http::Method::kPatch, path, "teacher", json{{"admission_year", 2023}}.dump(), true).status,
              403);
    auto duplicate = Call(http::Method::kPost, "/api/v1/people/groups", "dean", body.dump(), true);
    EXPECT_EQ(duplicate.status, 400);
    EXPECT_EQ(json::parse(Call(http::Method::kGet, path, "dean", {}, true).body)["admission_year"], 2024);
    EXPECT_EQ(GroupCount(), 1);
}

/// The teacher API creates, reads and patches, with field errors; other faculties and callers
/// without people:edit_teachers are refused.
TEST_P(PeopleRoutesTest, TeacherApi) {
    if (IsSkipped()) return;
    json body = {
        {"surname", "Askarov"}, {"given_name", "Nurlan"}, {"department", "IS"}, {"position", "professor"}};
    auto refused =
        Call(http::Method::kPost, "/api/v1/people/teachers", "dean",
             json{{"surname", "Askarov"}, {"department", "IS"}, {"position", "rector"}}.dump(), true);
    EXPECT_EQ(refused.status, 400) << refused.body;
    std::set<std::string> refused_fields;
    const auto refused_body = json::parse(refused.body);
    for (const auto& f : refused_body["error"]["fields"]) {
        refused_fields.insert(f["field"].get<std::string>());
    }
    EXPECT_EQ(refused_fields, (std::set<std::string>{"given_name", "position"})) << refused.body;
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/teachers", "dean", json{{"surname", 5}}.dump(), true)
                  .status,
              400);
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/teachers", "teacher", body.dump(), true).status, 403);
    body["department"] = "EC";
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/people/teachers", "dean", body.dump(), true).status / 100,
              4);
    body["department"] = "IS";
    EXPECT_EQ(TeacherCount(), 0);

    auto created = Call(http::Method::kPost, "/api/v1/people/teachers", "dean", body.dump(), true);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto teacher = json::parse(created.body);
    const std::string path = "/api/v1/people/teachers/" + std::to_string(teacher["id"].get<std::int64_t>());
    EXPECT_EQ(created.Header("Location"), path);
    EXPECT_EQ(teacher["degree"], "none");
    EXPECT_EQ(teacher["department"], "IS");

    EXPECT_EQ(Call(http::Method::kGet, path, "teacher", {}, true).status, 200);
    EXPECT_EQ(Call(http::Method::kGet, path, "other", {}, true).status, 404);
    auto patched = Call(http::Method::kPatch, path, "dean", json{{"degree", "phd"}}.dump(), true);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body)["degree"], "phd");
    EXPECT_EQ(json::parse(patched.body)["position"], "professor");
    auto bad_patch = Call(http::Method::kPatch, path, "dean", json{{"surname", ""}}.dump(), true);
    EXPECT_EQ(bad_patch.status, 400);
    EXPECT_EQ(json::parse(bad_patch.body)["error"]["fields"][0]["field"], "surname");
    EXPECT_EQ(Call(http::Method::kPatch, path, "other", json{{"degree", "master"}}.dump(), true).status, 404);
    EXPECT_EQ(Call(http::Method::kPatch, path, "teacher", json{{"degree", "master"}}.dump(), true).status,
              403);
    const auto stored =
        Must(FindTeacher(auth::SystemPrincipal(), *db_, TeacherId{teacher["id"].get<std::int64_t>()}));
    EXPECT_EQ(stored.degree, Degree::kPhd);
    EXPECT_EQ(stored.name.surname, "Askarov");
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleRoutesTest, testing::Backends(), platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::people::testing
