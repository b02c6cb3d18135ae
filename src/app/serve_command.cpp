#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include "app/commands.hpp"
#include "app/portal.hpp"
#include "core/time.hpp"
#include "identity/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/db/database.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/jobs/runner.hpp"
#include "platform/log/log.hpp"
#include "platform/module/flags.hpp"
#include "platform/web/pages.hpp"

namespace oqu::app {

namespace po = boost::program_options;
namespace http = platform::http;
namespace log = platform::log;

namespace {

log::Level ParseLevel(const std::string& level) {
    if (level == "debug") return log::Level::kDebug;
    if (level == "warn") return log::Level::kWarn;
    if (level == "error") return log::Level::kError;
    return log::Level::kInfo;
}

// Appends the database pool and job queue gauges to /metrics.
void AddPlatformCollectors(http::Metrics& metrics, platform::db::Database& db,
                           platform::jobs::JobQueue& jobs) {
    metrics.AddCollector([&db](std::string& out) {
        const auto s = db.Stats();
        out += fmt::format(
            "# HELP oqu_db_pool_connections Database connections open.\n# TYPE oqu_db_pool_connections "
            "gauge\n"
            "oqu_db_pool_connections {}\n"
            "# HELP oqu_db_pool_in_use Database connections lent out.\n# TYPE oqu_db_pool_in_use gauge\n"
            "oqu_db_pool_in_use {}\n"
            "# HELP oqu_db_pool_max Configured pool size.\n# TYPE oqu_db_pool_max gauge\noqu_db_pool_max {}\n"
            "# HELP oqu_db_pool_waits_total Borrowers that waited for a connection.\n"
            "# TYPE oqu_db_pool_waits_total counter\noqu_db_pool_waits_total {}\n"
            "# HELP oqu_db_retries_total Transactions retried after busy or serialization failures.\n"
            "# TYPE oqu_db_retries_total counter\noqu_db_retries_total {}\n"
            "# HELP oqu_db_reconnects_total Connections re-opened after the server went away.\n"
            "# TYPE oqu_db_reconnects_total counter\noqu_db_reconnects_total {}\n",
            s.size, s.in_use, s.max_size, s.waits, s.retries, s.reconnects);
    });
    metrics.AddCollector([&jobs](std::string& out) {
        // A database hiccup must not break the whole scrape: the job gauges are simply absent then.
        try {
            const auto s = jobs.Stats();
            out += "# HELP oqu_jobs Background jobs by status.\n# TYPE oqu_jobs gauge\n";
            out += fmt::format(
                "oqu_jobs{{status=\"queued\"}} {}\noqu_jobs{{status=\"running\"}} "
                "{}\noqu_jobs{{status=\"done\"}} {}\n"
                "oqu_jobs{{status=\"failed\"}} {}\noqu_jobs{{status=\"dead\"}} {}\n",
                s.queued, s.running, s.done, s.failed, s.dead);
        } catch (const platform::db::DbError& e) {
            log::LogEvent(log::Level::kWarn, "metrics_jobs_unavailable", {{"detail", e.what()}});
        }
    });
}

// Each connection is a file descriptor, and Debian's default soft limit (1024) is far below the
// thousands of idle keep-alive connections of an exam day: raise it to the hard limit, and keep
// max_connections under it so that an overload gets a 503 instead of failed accepts. Returns the
// connection cap that fits.
std::size_t RaiseFileLimit(std::size_t max_connections) {
    // Descriptors beyond connections: the database pool, files being served, uploads, logs.
    constexpr rlim_t kReserve = 256;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return max_connections;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur <= kReserve) return 1;
    return std::min<std::size_t>(max_connections, limit.rlim_cur - kReserve);
}

// Session cookies without Secure are acceptable only when nobody else can reach the server.
bool IsLoopback(const std::string& host) {
    return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.starts_with("127.");
}

int RunServe(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("listen", po::value<std::string>()->value_name("HOST:PORT"),
                        "address to serve on (default 127.0.0.1:8080, or [server] listen)");
    po::variables_map values;
    if (auto exit =
            platform::ParseFlags(ctx, flags, {}, values, "[--db URL] [--listen HOST:PORT] [--config FILE]")) {
        return *exit;
    }
    auto& config = ctx.config;
    if (values.count("listen") != 0U) config.listen = values["listen"].as<std::string>();
    auto listen = platform::ParseListen(config.listen);
    if (!listen) return platform::Fail(2, listen.error().detail);
    if (config.insecure_cookies && !IsLoopback(listen->first)) {
        return platform::Fail(
            2, fmt::format("insecure_cookies is only for local runs: {} is not a loopback address",
                           listen->first));
    }
    log::SetMinLevel(ParseLevel(config.log_level));

    // SIGTERM/SIGINT are blocked in every thread (threads inherit this mask) and taken by
    // sigwait below, so the shutdown sequence runs on this thread in order. Blocked before any
    // thread starts (BuildPortal's startup steps and monitors included): a thread created with
    // them unblocked would take a SIGTERM with the default action and kill the process (exit
    // 143) instead of a graceful stop.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::unique_ptr<Portal> portal;
    try {
        portal = BuildPortal(*ctx.registry, config);
    } catch (const platform::db::DbError& e) {
        return platform::Fail(1, e.what());
    } catch (const std::runtime_error& e) {
        return platform::Fail(1, e.what());
    }
    auto& db = portal->db;
    auto& jobs = *portal->jobs;
    platform::jobs::HandlerRegistry handlers;
    for (const auto& [kind, handler] : ctx.registry->job_handlers()) handlers.emplace(kind, handler);
    for (const auto& entry : ctx.registry->service_job_handlers()) {
        handlers.emplace(entry.first, [&services = *portal->services, handler = entry.second](
                                          const platform::jobs::Job& job) { return handler(job, services); });
    }
    platform::jobs::JobRunner runner(jobs, std::move(handlers), {.threads = config.job_threads});

    http::ServerOptions options;
    options.address = listen->first;
    options.port = listen->second;
    options.io_threads = static_cast<unsigned>(config.io_threads);
    options.worker_threads = static_cast<unsigned>(config.worker_threads);
    options.behind_tls = config.behind_tls;
    options.max_upload_bytes = static_cast<std::uint64_t>(config.max_upload_mb) << 20;
    options.tmp_dir = config.data_dir / "tmp";

    const std::size_t configured_connections = options.max_connections;
    options.max_connections = RaiseFileLimit(options.max_connections);

    http::Router& router = portal->router;
    http::Server server(options, router);
    server.SetErrorPageRenderer(platform::web::MakeErrorPageRenderer(*portal->renderer));
    AddPlatformCollectors(server.metrics(), *db, jobs);
    server.metrics().AddCollector([&runner](std::string& out) {
        const auto s = runner.Stats();
        out += fmt::format(
            "# HELP oqu_job_runs_total Job attempts run by this process.\n# TYPE oqu_job_runs_total counter\n"
            "oqu_job_runs_total{{outcome=\"completed\"}} {}\noqu_job_runs_total{{outcome=\"failed\"}} {}\n",
            s.completed, s.failed);
    });
    router.Add(http::Method::kGet, "/metrics",
               [&server](http::Request&) {
                   auto response = http::Response::Text(server.metrics().Render());
                   response.SetHeader("Content-Type", http::kPrometheusContentType);
                   return response;
               },
               {.audience = http::Audience::kStateless});

    try {
        server.Start();
    } catch (const std::exception& e) {
        // Boost's and the standard library's system_error both land here (port taken, bad address).
        return platform::Fail(1, fmt::format("cannot listen on {}: {}", config.listen, e.what()));
    }
    std::cout << fmt::format(
                     "Oqu is serving http://{}:{}/ (database {}); stop with Ctrl+C\n",
                     listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first,
                     server.port(), db->Describe())
              << std::flush;
    // Below the thousands an exam day brings, the cap is worth a warning; a cap a little under a
    // configured 20,000 is not.
    if (options.max_connections < std::min<std::size_t>(configured_connections, 10000)) {
        log::LogEvent(log::Level::kWarn, "serve_connections_capped",
                      {{"max_connections", options.max_connections},
                       {"hint", "the open-file limit is low: raise LimitNOFILE (systemd) or ulimit -Hn"}});
    }
    if (config.job_threads > 0) runner.Start();
    log::LogEvent(log::Level::kInfo, "serve_started",
                  {{"port", server.port()}, {"database", db->Describe()}});
    int signo = 0;
    sigwait(&stop_signals, &signo);
    log::LogEvent(log::Level::kInfo, "serve_stopping", {{"signal", signo}});
    server.Stop(std::chrono::seconds(20));
    // Jobs in hand finish and are recorded; queued ones wait in the database for the next start.
    runner.Stop();
    log::LogEvent(log::Level::kInfo, "serve_stopped", {});
    return 0;
}

}  // namespace

void RegisterServeCommand(platform::ModuleRegistry& registry) {
    registry.AddCommand(
        {"serve", "migrate the database, then serve the portal over HTTP until SIGTERM", RunServe});
}

}  // namespace oqu::app
