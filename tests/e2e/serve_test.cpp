#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <signal.h>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_client.hpp"

namespace oqu {
namespace {

using namespace std::chrono_literals;
using testing::HttpRequest;

/// `oqu serve` on an ephemeral port, on SQLite and (when OQU_TEST_PG_URL is set) PostgreSQL.
class ServeTest : public testing::TempDirTest, public ::testing::WithParamInterface<std::string> {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        std::string url = GetParam() == "sqlite" ? SqliteUrl() : "";
        if (GetParam() == "postgresql") {
            const char* pg = std::getenv("OQU_TEST_PG_URL");
            if (pg == nullptr) GTEST_SKIP() << "OQU_TEST_PG_URL not set";
            url = pg;
        }
        server_ = std::make_unique<testing::ChildProcess>(
            std::vector<std::string>{OQU_BINARY, "serve", "--db", url, "--listen", "127.0.0.1:0"}, Env());
        auto line = server_->WaitForLine("Oqu is serving http://127.0.0.1:", 60s);
        ASSERT_TRUE(line.has_value()) << server_->err();
        port_ = static_cast<unsigned short>(std::atoi(line->substr(line->find("127.0.0.1:") + 10).c_str()));
        ASSERT_NE(port_, 0);
    }
    void TearDown() override {
        if (server_) {
            server_->Signal(SIGTERM);
            EXPECT_EQ(server_->Wait(30s), 0) << server_->err();
        }
        TempDirTest::TearDown();
    }
    std::unique_ptr<testing::ChildProcess> server_;
    unsigned short port_ = 0;
};

TEST_P(ServeTest, HealthzReportsTheDatabase) {
    auto r = HttpRequest(port_, "GET", "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"database":"ok","status":"ok"})");
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
    EXPECT_FALSE(r.headers["x-request-id"].empty());
}

/// The front page reads the database and is rendered in Kazakh, Russian or English.
TEST_P(ServeTest, HomePageInThreeLanguages) {  // R-A3 (security headers)
    auto kk = HttpRequest(port_, "GET", "/", {}, "Accept: text/html\r\n");
    EXPECT_EQ(kk.status, 200);
    EXPECT_NE(kk.body.find("<html lang=\"kk\">"), std::string::npos);
    EXPECT_NE(kk.body.find("Деректер қоры"), std::string::npos);
    auto ru = HttpRequest(port_, "GET", "/", {}, "Accept-Language: ru-RU,ru;q=0.9\r\n");
    EXPECT_NE(ru.body.find("База данных"), std::string::npos);
    // With the visitor's CSRF cookie already set, the only cookie the page sets is the language.
    auto en = HttpRequest(port_, "GET", "/?lang=en", {},
                          "Cookie: __Host-oqu_csrf=" + std::string(64, 'a') + "\r\n");
    EXPECT_NE(en.body.find("Schema steps applied"), std::string::npos);
    EXPECT_NE(en.headers["set-cookie"].find("lang=en"), std::string::npos);
    EXPECT_NE(en.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
}

/// Unknown pages get a translated HTML page for browsers and the JSON error shape for scripts.
TEST_P(ServeTest, NotFoundIsTranslated) {
    auto html =
        HttpRequest(port_, "GET", "/no/such/page", {}, "Accept: text/html\r\nAccept-Language: ru\r\n");
    EXPECT_EQ(html.status, 404);
    EXPECT_NE(html.body.find("Страница не найдена"), std::string::npos);
    auto json = HttpRequest(port_, "GET", "/no/such/page", {}, "Accept-Language: kk\r\n");
    EXPECT_EQ(json.status, 404);
    EXPECT_NE(json.body.find(R"("code":"not_found")"), std::string::npos) << json.body;
    EXPECT_NE(json.body.find("мекенжайда бет жоқ"), std::string::npos) << json.body;
}

TEST_P(ServeTest, MetricsInPrometheusFormat) {
    (void)HttpRequest(port_, "GET", "/healthz");
    auto r = HttpRequest(port_, "GET", "/metrics");
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("oqu_http_requests_total{"), std::string::npos);
    EXPECT_NE(r.body.find("route=\"/healthz\""), std::string::npos);
    EXPECT_NE(r.body.find("oqu_http_open_connections"), std::string::npos);
    EXPECT_NE(r.body.find("oqu_db_pool_max"), std::string::npos);
    EXPECT_NE(r.body.find("oqu_jobs{status=\"queued\"}"), std::string::npos);
}

TEST_P(ServeTest, StaticAssetsAreCached) {
    auto css = HttpRequest(port_, "GET", "/static/oqu.css?v=1", {}, "Accept-Encoding: gzip\r\n");
    ASSERT_EQ(css.status, 200);
    EXPECT_EQ(css.headers["content-encoding"], "gzip");
    EXPECT_NE(css.headers["cache-control"].find("immutable"), std::string::npos);
    const std::string etag = css.headers["etag"];
    ASSERT_FALSE(etag.empty());
    auto again = HttpRequest(port_, "GET", "/static/oqu.css?v=1", {},
                             "Accept-Encoding: gzip\r\nIf-None-Match: " + etag + "\r\n");
    EXPECT_EQ(again.status, 304);
    // A path that climbs out of the static folder is refused, never served.
    auto escape = HttpRequest(port_, "GET", "/static/../../README.md");
    EXPECT_TRUE(escape.status == 400 || escape.status == 404) << escape.status;
    EXPECT_EQ(escape.body.find("Oqu (\"оқу\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& p) { return p.param; });

/// SIGTERM lets the server finish and exit 0 (checked in TearDown); a second server on a
/// taken port fails with one line.
class ServeLifecycleTest : public testing::TempDirTest {};

TEST_F(ServeLifecycleTest, PortInUseIsOneLine) {
    auto env = Env();
    testing::ChildProcess first({OQU_BINARY, "serve", "--db", SqliteUrl(), "--listen", "127.0.0.1:0"}, env);
    auto line = first.WaitForLine("Oqu is serving", 60s);
    ASSERT_TRUE(line.has_value()) << first.err();
    const std::string port =
        line->substr(line->find("127.0.0.1:") + 10,
                     line->find('/', line->find("127.0.0.1:")) - line->find("127.0.0.1:") - 10);
    auto second = testing::RunCommand(
        {OQU_BINARY, "serve", "--db", SqliteUrl(), "--listen", "127.0.0.1:" + port}, env, 30s);
    EXPECT_EQ(second.code, 1);
    EXPECT_EQ(std::count(second.err.begin(), second.err.end(), '\n'), 1) << second.err;
    first.Signal(SIGTERM);
    EXPECT_EQ(first.Wait(30s), 0);
}

}  // namespace
}  // namespace oqu
