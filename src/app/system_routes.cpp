#include "app/system_routes.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/web/pages.hpp"

namespace oqu::app {

namespace http = platform::http;

namespace {

// The database verdict of /healthz, refreshed once a second by its own thread: load balancers
// and monitors poll /healthz often, a health check must not itself become load on the database,
// and reading the verdict never blocks, so the route runs on the I/O thread.
class HealthMonitor {
public:
    explicit HealthMonitor(platform::db::Database& db) : db_(db), healthy_(db.Ping()) {
        thread_ = std::jthread([this](const std::stop_token& stop) {
            std::mutex mutex;
            std::condition_variable_any wake;
            std::unique_lock lock(mutex);
            // wait_for returns early when the stop is requested; the predicate never ends the wait.
            while (!stop.stop_requested()) {
                wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
                if (!stop.stop_requested()) healthy_.store(db_.Ping(), std::memory_order_release);
            }
        });
    }
    bool DatabaseReachable() const { return healthy_.load(std::memory_order_acquire); }

private:
    platform::db::Database& db_;
    std::atomic<bool> healthy_;
    std::jthread thread_;  // Last: stopped and joined before the members it reads go.
};

const char* BackendName(platform::db::Dialect dialect) {
    return dialect == platform::db::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace

void RegisterSystemRoutes(platform::ModuleRegistry& registry) {
    registry.AddRoutes([](http::Router& router, platform::Services& services) {
        // Load balancers and monitoring poll this: 200 only when the database answered its
        // last ping (at most a second ago).
        auto health = std::make_shared<HealthMonitor>(services.db);
        router.Add(http::Method::kGet, "/healthz",
                   [health](http::Request&) {
                       const bool db_ok = health->DatabaseReachable();
                       nlohmann::json body = {{"status", db_ok ? "ok" : "unavailable"},
                                              {"database", db_ok ? "ok" : "unreachable"}};
                       auto response = http::Response::Json(body.dump(), db_ok ? 200 : 503);
                       response.SetHeader("Cache-Control", "no-store");
                       return response;
                   },
                   {.non_blocking = true, .audience = http::Audience::kStateless});

        router.Add(http::Method::kGet, "/",
                   [&services](http::Request& request) {
                       nlohmann::json ctx = {{"backend", BackendName(services.db.dialect())},
                                             {"healthy", services.db.Ping()}};
                       const auto migrations = services.db.Read([](platform::db::Session& s) {
                           return s.Query("SELECT COUNT(*) FROM schema_migrations")[0].Int(0);
                       });
                       const auto stats = services.jobs.Stats();
                       ctx["migrations"] = migrations;
                       ctx["jobs_queued"] = stats.queued;
                       ctx["jobs_failed"] = stats.dead;
                       auto response = platform::web::RenderPage(services.renderer, request, "web/home", ctx,
                                                                 "web.home_title");
                       response.SetHeader("Cache-Control", "no-store");
                       return response;
                   },
                   {.audience = http::Audience::kAnyone});

        router.Add(http::Method::kGet, "/static/{path*}",
                   http::ServeStatic(services.config.resource_dir / "platform/web/static"),
                   {.audience = http::Audience::kStateless});
    });
}

}  // namespace oqu::app
