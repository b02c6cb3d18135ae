// The dl module's JSON API behind the real auth gate on SQLite and PostgreSQL: the rector's list,
// emergency orders and the individual plan answer with the same checks and errors as the pages,
// and every /api/ route is described in openapi.json.

#include "dl/routes.hpp"

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

#include "dl/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::dl {
namespace {

namespace auth = platform::auth;
namespace db = platform::db;
namespace http = platform::http;
using nlohmann::json;
using testing::As;
using testing::ResourceDir;

// Sessions by cookie token (see Token).
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
        sessions[token] = state;
    }
};

// The 64-hex-digit session token of a test user name.
std::string Token(const std::string& name) {
    static const std::map<std::string, char> kDigits = {
        {"registrar", 'a'}, {"dean", 'b'}, {"other", 'c'}, {"student", 'd'}, {"quality", 'e'}};
    return std::string(64, kDigits.at(name));
}

/// The DL fixture with the module's routes behind the gate. Sessions: "registrar", "dean" (Law),
/// "other" dean (Pedagogy), "student" (account 501, a Law student), "quality" officer.
class DlRoutesTest : public testing::DlTest {
protected:
    void SetUp() override {
        DlTest::SetUp();
        if (IsSkipped()) return;
        const auto root = ResourceDir();
        renderer_ = std::make_unique<platform::web::Renderer>(
            std::map<std::string, std::filesystem::path>{{"web", root / "platform/web/templates"},
                                                         {"dl", root / "dl/templates"}},
            platform::web::Strings::Load({root / "platform/web/strings", root / "platform/auth/strings",
                                          root / "distance/strings", root / "dl/strings"}));
        files_dir_ = std::filesystem::temp_directory_path() / ("oqu_dl_routes_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(files_dir_);
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        services_ = std::make_unique<platform::Services>(
            platform::Services{config_, *db_, *renderer_, *files_, *jobs_, navigation_});
        detail::AddRoutes(router_, *services_);
        sessions_ = std::make_shared<FakeSessions>();
        sessions_->Add(Token("registrar"), Registrar());
        sessions_->Add(Token("dean"), Dean(law_));
        sessions_->Add(Token("other"), Dean(ped_));
        sessions_->Add(Token("student"), StudentUser(501));
        sessions_->Add(Token("quality"), As(auth::Role::kQualityOfficer, auth::kInstitution, 901, "quality"));
        auth::InstallGate(router_, sessions_, *renderer_, navigation_, {.secure_cookies = false});
    }

    void TearDown() override {
        services_.reset();
        jobs_.reset();
        files_.reset();
        if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_);
        DlTest::TearDown();
    }

    // Calls the JSON API as `who`; a body is sent with the session's CSRF token.
    http::Response Call(http::Method method, const std::string& target, const std::string& who,
                        const json& body = nullptr) {
        http::Request request;
        request.method = method;
        request.target = target;
        request.path = target;
        request.remote_address = "192.0.2.7";
        request.headers.emplace_back("Cookie", "oqu_session=" + Token(who));
        request.headers.emplace_back("Accept", "application/json");
        request.headers.emplace_back("Accept-Language", "en");
        if (method != http::Method::kGet) {
            request.headers.emplace_back("Content-Type", "application/json");
            request.headers.emplace_back("X-CSRF-Token", "c0ffee");
            request.body = body.is_null() ? std::string() : body.dump();
            request.body_size = request.body.size();
        }
        const auto match = router_.Find(method, request.path);
        EXPECT_EQ(match.kind, http::RouteMatch::Kind::kFound) << target;
        if (match.kind != http::RouteMatch::Kind::kFound) return http::Response::Text("no route", 599);
        request.path_params = match.params;
        request.route = match.pattern;
        return (*match.handler)(request);
    }

    static json Body(const http::Response& response) { return json::parse(response.body, nullptr, false); }

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

INSTANTIATE_TEST_SUITE_P(Backends, DlRoutesTest,
                         ::testing::Values(db::testing::Backend::kSqliteMemory,
                                           db::testing::Backend::kPostgres),
                         db::testing::BackendName);

/// Every /api/ route is described in openapi.json with its method, and the fragment describes no
/// route that does not exist.
TEST_P(DlRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    std::ifstream in(ResourceDir() / "dl/openapi.json");
    ASSERT_TRUE(in);
    const auto doc = json::parse(in);
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& route : router_.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        std::string method = http::MethodName(route.method);
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "parameters") continue;
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path << " is not a route";
        }
    }
}

/// The rector's list through the API: readers see the orders and the listed disciplines; the
/// registrar records an order and lists a discipline; others are refused and change nothing.
TEST_P(DlRoutesTest, ListThroughTheApi) {  // R-D5
    if (IsSkipped()) return;
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/dl/list", "student").status, 403);
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/dl/list/orders", "dean",
                   {{"number", "45-н"}, {"date", "2026-09-01"}})
                  .status,
              403);
    auto bad = Call(http::Method::kPost, "/api/v1/dl/list/orders", "registrar",
                    {{"number", ""}, {"date", "2026-09-01"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(Body(bad)["error"]["code"], "invalid_input");
    EXPECT_TRUE(Must(ListOrders(Registrar(), *db_)).empty());
    auto made = Call(http::Method::kPost, "/api/v1/dl/list/orders", "registrar",
                     {{"number", "45-н"}, {"date", "2026-09-01"}});
    ASSERT_EQ(made.status, 201) << made.body;
    const auto order = Body(made)["id"].get<std::int64_t>();
    EXPECT_EQ(made.Header("Location"), "/api/v1/dl/list/orders/" + std::to_string(order));
    const std::string base = "/api/v1/dl/list/orders/" + std::to_string(order);
    EXPECT_EQ(
        Call(http::Method::kPost, base + "/disciplines", "dean", {{"discipline_id", law_disciplines_[4]}})
            .status,
        403);
    auto listed = Call(http::Method::kPost, base + "/disciplines", "registrar",
                       {{"discipline_id", law_disciplines_[4]}});
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(Body(listed)["listed"].size(), 1U);
    auto again = Call(http::Method::kPost, base + "/disciplines", "registrar",
                      {{"discipline_id", law_disciplines_[4]}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(Body(again)["error"]["message"], "The discipline is on this order already.") << again.body;
    auto list = Call(http::Method::kGet, "/api/v1/dl/list", "dean");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(Body(list)["orders"][0]["number"], "45-н");
    EXPECT_EQ(Body(list)["listed"][0]["discipline_id"], law_disciplines_[4]);
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/dl/list/orders/999999", "dean").status, 404);
    EXPECT_EQ(
        Call(http::Method::kDelete, base + "/disciplines/" + std::to_string(law_disciplines_[4]), "quality")
            .status,
        403);
    EXPECT_EQ(
        Call(http::Method::kDelete, base + "/disciplines/" + std::to_string(law_disciplines_[4]), "registrar")
            .status,
        204);
    EXPECT_TRUE(Must(ListListed(Registrar(), *db_)).empty());
}

/// Emergency orders through the API: recorded by the registrar, laboratory classes postponed, a
/// lecture refused with the page's message; read by those who read the list.
TEST_P(DlRoutesTest, EmergenciesThroughTheApi) {  // R-D14
    if (IsSkipped()) return;
    const json order = {
        {"number", "ТЖ-1"}, {"date", "2026-03-16"}, {"start", "2026-03-16"}, {"end", "2026-04-30"}};
    EXPECT_EQ(Call(http::Method::kPost, "/api/v1/dl/emergencies", "dean", order).status, 403);
    auto made = Call(http::Method::kPost, "/api/v1/dl/emergencies", "registrar", order);
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string base = "/api/v1/dl/emergencies/" + std::to_string(Body(made)["id"].get<std::int64_t>());
    auto lecture = Call(
        http::Method::kPost, base + "/postponements", "registrar",
        {{"discipline_id", law_disciplines_[0]}, {"class_kind", "lecture"}, {"moved_to", "2026-2027, 2"}});
    EXPECT_EQ(lecture.status, 400) << lecture.body;
    EXPECT_EQ(Call(http::Method::kGet, "/api/v1/dl/emergencies", "student").status, 403);
    auto list = Call(http::Method::kGet, "/api/v1/dl/emergencies", "quality");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(Body(list)["emergencies"].size(), 1U);
    EXPECT_EQ(Body(list)["emergencies"][0]["number"], "ТЖ-1");
    EXPECT_EQ(Body(list)["emergencies"][0]["postponements"], 0);
    auto one = Call(http::Method::kGet, base, "dean");
    ASSERT_EQ(one.status, 200);
    EXPECT_TRUE(Body(one)["postponed"].empty());
}

/// The individual plan of a grant through the API: the dean's office of the student's faculty
/// adds and removes rows; the student reads his own; another faculty sees nothing.
TEST_P(DlRoutesTest, IndividualPlanThroughTheApi) {  // R-D10
    if (IsSkipped()) return;
    auto [id, ok] = Through(501, {law_disciplines_[0]}, law_);
    ASSERT_TRUE(ok.has_value()) << ok.error().message_key;
    const std::string base = "/api/v1/dl/applications/" + std::to_string(id) + "/plan";
    const json row = {{"kind", "plan"},
                      {"discipline_id", law_disciplines_[0]},
                      {"activity", "Lectures online"},
                      {"start_date", "2026-10-01"},
                      {"end_date", "2026-10-31"}};
    EXPECT_EQ(Call(http::Method::kPost, base, "other", row).status, 404);
    EXPECT_EQ(Call(http::Method::kPost, base, "student", row).status, 403);
    auto outside = row;
    outside["end_date"] = "2027-01-31";
    EXPECT_EQ(Call(http::Method::kPost, base, "dean", outside).status, 400);
    EXPECT_TRUE(Must(FindApplication(Dean(law_), *db_, id, Now())).plan.empty());
    auto added = Call(http::Method::kPost, base, "dean", row);
    ASSERT_EQ(added.status, 201) << added.body;
    ASSERT_EQ(Body(added)["rows"].size(), 1U);
    const auto row_id = Body(added)["rows"][0]["id"].get<std::int64_t>();
    auto own = Call(http::Method::kGet, base, "student");
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(Body(own)["rows"][0]["activity"], "Lectures online");
    EXPECT_EQ(Call(http::Method::kGet, base, "other").status, 404);
    EXPECT_EQ(Call(http::Method::kDelete, base + "/" + std::to_string(row_id), "other").status, 404);
    EXPECT_EQ(Call(http::Method::kDelete, base + "/" + std::to_string(row_id), "dean").status, 204);
    EXPECT_TRUE(Body(Call(http::Method::kGet, base, "dean"))["rows"].empty());
}

/// A second pending request overlapping the first is refused through the API with the
/// translated message naming the pending one, and nothing is written.
TEST_P(DlRoutesTest, SecondPendingRequestRefusedThroughTheApi) {  // R-D1
    if (IsSkipped()) return;
    const auto first = Must(Apply(StudentUser(501), At(), Medical({law_disciplines_[0]})));
    json body = {{"category", "event"},
                 {"period_start", "2026-11-01"},
                 {"period_end", "2026-11-10"},
                 {"statement", "Olympiad"},
                 {"discipline_ids", {law_disciplines_[1]}}};
    auto refused = Call(http::Method::kPost, "/api/v1/dl/applications", "student", body);
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(
        Body(refused)["error"]["message"],
        "Your application No. " + std::to_string(first) +
            " for 01.10.2026 – 30.11.2026 is still waiting for a decision and the new period overlaps it: "
            "wait for the decision or withdraw it.");
    EXPECT_EQ(Must(ListApplications(Registrar(), *db_, {}, Now())).size(), 1U);
}

}  // namespace
}  // namespace oqu::dl
