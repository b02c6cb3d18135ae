// Security properties of the whole portal, generated from its router so that a new route is
// covered automatically (issue 3 §6): CSRF on every state-changing route, sign-in on every
// non-public route, session cookie properties, logout, the second factor, throttling.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/tests/portal_client.hpp"
#include "identity/api.hpp"
#include "identity/login.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/totp.hpp"
#include "platform/db/database.hpp"
#include "platform/db/tests/backends.hpp"
#include "platform/http/router.hpp"

namespace oqu::app {
namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using platform::db::testing::Backend;
using testing::PortalClient;

const std::string kPassword = "Тест-құпиясөз-2026!";

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

class SecurityTest : public platform::db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        RegisterPlatformModules(registry_);
        RegisterDomainModules(registry_);
        platform::Config config;
        config.db_url = url_;
        config.resource_dir = std::getenv("OQU_RESOURCE_DIR");
        data_dir_ = platform::db::testing::MakeTempDir();
        config.data_dir = data_dir_;
        portal_ = BuildPortal(registry_, config);
        hasher_ = std::make_shared<const auth::PasswordHasher>(
            auth::PasswordHashParams{.memory_bytes = 8192, .passes = 1});
    }

    void TearDown() override {
        portal_.reset();
        if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_);
        DbTest::TearDown();
    }

    /// Creates an account with a role at the institution; for an administrative role also enrols
    /// TOTP and returns its secret through `secret`.
    std::int64_t AddUser(const std::string& login, auth::Role role, std::string* secret = nullptr) {
        auto prepared = identity::PrepareUser(*hasher_, {login, "User " + login, "", "kk", kPassword});
        EXPECT_TRUE(prepared);
        const auto system = auth::SystemPrincipal();
        const auto id = portal_->db->Transact([&](platform::db::Session& s) {
            auto created = identity::CreateUser(s, system, prepared.value(), Now());
            EXPECT_TRUE(identity::GrantRole(s, system, created.value(), {role, auth::kInstitution}, Now()));
            return created.value();
        });
        if (secret != nullptr) {
            identity::LoginService service(*portal_->db, hasher_);
            EXPECT_TRUE(service.StartEnrolment(id));
            auto pending = service.PendingEnrolment(id, login);
            *secret = (*pending)->secret;
            const auto step = auth::TotpStep(Now());
            EXPECT_TRUE(service.ConfirmEnrolment(id, *auth::TotpCode(*secret, step), Now()));
        }
        return id;
    }

    /// Rows written by any state change (every change writes an audit record or a footprint event).
    std::int64_t Changes() {
        return portal_->db->Read([](platform::db::Session& s) {
            return s
                .Query(
                    "SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM audit_footprint) + "
                    "(SELECT COUNT(*) FROM identity_session) + (SELECT COUNT(*) FROM identity_user)")[0]
                .Int(0);
        });
    }

    /// A route pattern with its captures filled in ("/admin/users/{id}" → "/admin/users/1").
    static std::string Fill(const std::string& pattern) {
        std::string out;
        bool in_capture = false;
        for (char c : pattern) {
            if (c == '{') {
                in_capture = true;
                out.push_back('1');
            } else if (c == '}') {
                in_capture = false;
            } else if (!in_capture) {
                out.push_back(c);
            }
        }
        return out;
    }

    platform::ModuleRegistry registry_;
    std::filesystem::path data_dir_;
    std::unique_ptr<Portal> portal_;
    std::shared_ptr<const auth::PasswordHasher> hasher_;
};

bool ChangesState(http::Method m) {
    return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
           m == http::Method::kDelete;
}

/// Every POST/PUT/PATCH/DELETE route refuses a request without the CSRF token, or with another
/// session's token, before its handler runs: 403, and nothing is written. The list comes from
/// the router, so a route added later is covered without touching this test.
TEST_P(SecurityTest, CsrfIsRequiredOnEveryStateChangingRoute) {
    std::string secret;
    AddUser("admin", auth::Role::kItAdmin, &secret);
    PortalClient admin(*portal_);
    ASSERT_TRUE(admin.SignIn("admin", kPassword, secret));
    PortalClient other(*portal_);
    AddUser("teacher", auth::Role::kTeacher);
    ASSERT_TRUE(other.SignIn("teacher", kPassword));
    const std::string foreign_token = other.Csrf();
    ASSERT_EQ(foreign_token.size(), 64U);

    int checked = 0;
    for (const auto& route : portal_->router.Routes()) {
        if (!ChangesState(route.method) || route.options.audience == http::Audience::kStateless) continue;
        const std::string target = Fill(route.pattern);
        SCOPED_TRACE(std::string(http::MethodName(route.method)) + " " + route.pattern);
        const auto before = Changes();
        for (const bool html : {true, false}) {
            auto none = admin.Send(route.method, target, "a=1", html);
            EXPECT_EQ(none.status, 403);
            auto wrong = admin.Send(route.method, target, "_csrf=" + foreign_token, html);
            EXPECT_EQ(wrong.status, 403);
            auto header = admin.Send(route.method, target, "a=1", html, {{"X-CSRF-Token", foreign_token}});
            EXPECT_EQ(header.status, 403);
            if (!html) {
                EXPECT_NE(none.body.find("\"forbidden\""), std::string::npos) << none.body;
            }
        }
        // A visitor without a session is refused the same way.
        PortalClient visitor(*portal_);
        EXPECT_EQ(visitor.Send(route.method, target, "a=1").status, 403);
        EXPECT_EQ(Changes(), before);
        ++checked;
    }
    EXPECT_GE(checked, 8) << "the router should list the identity module's forms at least";
}

/// Every route that is not public sends a visitor to the login page (browsers) or answers 401 (API).
TEST_P(SecurityTest, SignedInRoutesRefuseVisitors) {
    PortalClient visitor(*portal_);
    int checked = 0;
    for (const auto& route : portal_->router.Routes()) {
        if (route.options.audience != http::Audience::kSignedIn || route.method != http::Method::kGet) {
            continue;
        }
        SCOPED_TRACE(route.pattern);
        const auto target = Fill(route.pattern);
        auto page = visitor.Send(http::Method::kGet, target, {}, true);
        EXPECT_EQ(page.status, 303);
        EXPECT_EQ(page.Header("Location"), "/login?next=" + target);
        auto api = visitor.Send(http::Method::kGet, target, {}, false);
        EXPECT_EQ(api.status, 401);
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

/// The merged API description at /api/openapi.json names the JSON API of the testing system (its
/// module's fragment, assessment/openapi.json) with the methods the router serves.
TEST_P(SecurityTest, TheApiDescriptionHasTheTestingSystem) {  // R-A5
    PortalClient visitor(*portal_);
    auto doc = visitor.Send(http::Method::kGet, "/api/openapi.json", {}, false);
    ASSERT_EQ(doc.status, 200);
    const auto parsed = nlohmann::json::parse(doc.body, nullptr, false);
    ASSERT_TRUE(parsed.is_object() && parsed.contains("paths")) << doc.body.substr(0, 200);
    int checked = 0;
    for (const auto& route : portal_->router.Routes()) {
        const bool ours = route.pattern.starts_with("/api/v1/attempts/") ||
                          route.pattern.starts_with("/api/v1/quizzes/") ||
                          (route.pattern.starts_with("/api/v1/courses/") &&
                           route.pattern.find("/questions") != std::string::npos);
        if (!ours) continue;
        std::string method(http::MethodName(route.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_TRUE(parsed["paths"].contains(route.pattern) &&
                    parsed["paths"][route.pattern].contains(method))
            << method << " " << route.pattern;
        ++checked;
    }
    EXPECT_EQ(checked, 7);
    EXPECT_TRUE(parsed["components"]["schemas"].contains("AssessmentAttempt"));
}

/// The session cookie: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/; a new id at every
/// login (a planted cookie is never adopted); logout ends the session.
TEST_P(SecurityTest, SessionCookieAndLogout) {
    AddUser("teacher", auth::Role::kTeacher);
    PortalClient client(*portal_);
    const std::string planted(64, 'a');
    client.cookies()["__Host-oqu_session"] = planted;
    auto login = client.Post("/login", {{"login", "teacher"}, {"password", kPassword}});
    ASSERT_EQ(login.status, 303);
    std::string session_cookie;
    for (const auto& c : client.set_cookies()) {
        if (c.starts_with("__Host-oqu_session=")) session_cookie = c;
    }
    ASSERT_FALSE(session_cookie.empty());
    for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax"}) {
        EXPECT_NE(session_cookie.find(attribute), std::string::npos) << session_cookie;
    }
    EXPECT_EQ(session_cookie.find("Domain"), std::string::npos);
    const std::string first = client.cookies()["__Host-oqu_session"];
    EXPECT_NE(first, planted);
    EXPECT_EQ(client.Get("/dashboard").status, 200);

    ASSERT_EQ(client.Post("/login", {{"login", "teacher"}, {"password", kPassword}}).status, 303);
    EXPECT_NE(client.cookies()["__Host-oqu_session"], first);

    const std::string live = client.cookies()["__Host-oqu_session"];
    ASSERT_EQ(client.Post("/logout", {}).status, 303);
    PortalClient replay(*portal_);
    replay.cookies()["__Host-oqu_session"] = live;
    EXPECT_EQ(replay.Get("/dashboard").status, 303);  // back to the login page
}

/// An administrative account is confined to its second factor: with the password alone no other
/// page opens; a replayed code is refused.
TEST_P(SecurityTest, SecondFactorComesFirst) {
    std::string secret;
    AddUser("admin", auth::Role::kItAdmin, &secret);
    PortalClient client(*portal_);
    auto login = client.Post("/login", {{"login", "admin"}, {"password", kPassword}});
    ASSERT_EQ(login.Header("Location"), "/login/second-factor");
    auto dashboard = client.Get("/dashboard");
    EXPECT_EQ(dashboard.status, 303);
    EXPECT_EQ(dashboard.Header("Location"), "/login/second-factor");
    EXPECT_EQ(client.Send(http::Method::kGet, "/api/v1/me", {}, false).status, 303);

    // An account with an administrative role and no second factor must enrol first.
    AddUser("dean", auth::Role::kDeansOffice);
    PortalClient dean(*portal_);
    ASSERT_EQ(dean.Post("/login", {{"login", "dean"}, {"password", kPassword}}).Header("Location"),
              "/account/second-factor");
    EXPECT_EQ(dean.Get("/dashboard").Header("Location"), "/account/second-factor");
    EXPECT_EQ(dean.Get("/account/second-factor").status, 200);
}

/// Throttled logins get 429 and a translated message in the visitor's language.
TEST_P(SecurityTest, ThrottledLoginIsTranslated) {
    AddUser("teacher", auth::Role::kTeacher);
    PortalClient client(*portal_);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(client
                      .Post("/login?lang=ru",
                            {{"login", "teacher"}, {"password", "wrong password " + std::to_string(i)}})
                      .status,
                  401);
    }
    auto blocked = client.Post("/login?lang=ru", {{"login", "teacher"}, {"password", kPassword}});
    EXPECT_EQ(blocked.status, 429);
    EXPECT_NE(blocked.body.find("Слишком много неудачных попыток"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityTest, ::testing::Values(Backend::kSqliteFile, Backend::kPostgres),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::app
