#include "app/system_routes.hpp"

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

const char* BackendName(platform::db::Dialect dialect) {
    return dialect == platform::db::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace

void RegisterSystemRoutes(platform::ModuleRegistry& registry) {
    registry.AddRoutes([](http::Router& router, platform::Services& services) {
        // Load balancers and monitoring poll this: 200 only when the database answers.
        router.Add(http::Method::kGet, "/healthz", [&services](http::Request&) {
            const bool db_ok = services.db.Ping();
            nlohmann::json body = {{"status", db_ok ? "ok" : "unavailable"},
                                   {"database", db_ok ? "ok" : "unreachable"}};
            auto response = http::Response::Json(body.dump(), db_ok ? 200 : 503);
            response.SetHeader("Cache-Control", "no-store");
            return response;
        });

        router.Add(http::Method::kGet, "/", [&services](http::Request& request) {
            nlohmann::json ctx = {{"backend", BackendName(services.db.dialect())},
                                  {"healthy", services.db.Ping()}};
            const auto migrations = services.db.Read([](platform::db::Session& s) {
                return s.Query("SELECT COUNT(*) FROM schema_migrations")[0].Int(0);
            });
            const auto stats = services.jobs.Stats();
            ctx["migrations"] = migrations;
            ctx["jobs_queued"] = stats.queued;
            ctx["jobs_failed"] = stats.dead;
            auto response =
                platform::web::RenderPage(services.renderer, request, "web/home", ctx, "web.home_title");
            response.SetHeader("Cache-Control", "no-store");
            return response;
        });

        router.Add(http::Method::kGet, "/static/{path*}",
                   http::ServeStatic(services.config.resource_dir / "platform/web/static"));
    });
}

}  // namespace oqu::app
