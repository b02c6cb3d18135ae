#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "platform/module/config.hpp"

namespace oqu::platform {

namespace db {
class Database;
}
namespace http {
class Router;
}
namespace web {
class Renderer;
}
namespace files {
class FileStore;
}
namespace auth {
class Navigation;
}
namespace jobs {
class JobQueue;
struct Job;
}  // namespace jobs

/// What a running `oqu serve` offers the routes of every module.
struct Services {
    const Config& config;
    db::Database& db;
    web::Renderer& renderer;
    files::FileStore& files;
    jobs::JobQueue& jobs;
    auth::Navigation& navigation;  ///< Modules add their pages to the menu and the dashboards.
};

class ModuleRegistry;

/// The arguments of one command-line command: its flags (after the command name) and the
/// installation's config (flags like --db and --config are applied by ParseFlags).
struct CommandContext {
    std::string program;                       ///< argv[0], for messages.
    std::string name;                          ///< The command as typed ("migrate", "integrity check").
    std::vector<std::string> args;             ///< Everything after the command name.
    Config config;                             ///< Defaults, config file and environment; flags on top.
    const ModuleRegistry* registry = nullptr;  ///< Every module's declarations (schema, routes).
};

/// One `oqu <name>` command: `run` returns the process exit code (0 ok, 1 failed, 2 usage).
struct Command {
    std::string name;     ///< One word, or two for a group ("user add").
    std::string summary;  ///< One line for `oqu --help`.
    std::function<int(CommandContext&)> run;
};

/// The resources of one module, as folders relative to the resource root (empty: none).
struct ModuleInfo {
    std::string name;           ///< "jobs"; owns the tables prefixed "jobs_".
    std::string schema_dir;     ///< "platform/jobs/schema"
    std::string templates_dir;  ///< "platform/web/templates"
    std::string strings_dir;    ///< "platform/web/strings"
    /// "academics/openapi.json": an OpenAPI 3.1 fragment {"paths": {...}, "components":
    /// {"schemas": {...}}} merged into /api/openapi.json.
    std::string openapi_file;
};

/// Where modules declare what they bring (STYLE.md §2, module.cpp's Register). Modules are
/// added bottom-up, and migrations run in that order.
class ModuleRegistry {
public:
    /// Declares a module and its resource folders.
    void AddModule(ModuleInfo module) { modules_.push_back(std::move(module)); }
    /// Adds an `oqu` command.
    void AddCommand(Command command) { commands_.push_back(std::move(command)); }
    /// Adds a function that registers routes once the services exist (at `serve` start).
    void AddRoutes(std::function<void(http::Router&, Services&)> add) { routes_.push_back(std::move(add)); }

    /// Adds a step run once when the portal starts (serve, tests), after migrations and before
    /// routes: seeding reference data that ships with the code (idempotent).
    void AddStartup(std::function<void(Services&)> step) { startup_.push_back(std::move(step)); }

    /// Adds the handler of one job kind ("integrity.check"); it must be idempotent (at-least-once).
    void AddJobHandler(std::string kind, std::function<core::Status(const jobs::Job&)> handler) {
        job_handlers_.emplace_back(std::move(kind), std::move(handler));
    }

    /// Adds the handler of one job kind that needs the running portal's services (its database,
    /// job queue, files); `oqu serve` binds them. Idempotent as AddJobHandler's.
    void AddServiceJobHandler(std::string kind,
                              std::function<core::Status(const jobs::Job&, Services&)> handler) {
        service_job_handlers_.emplace_back(std::move(kind), std::move(handler));
    }

    const std::vector<ModuleInfo>& modules() const { return modules_; }
    /// The handlers added by AddServiceJobHandler.
    const std::vector<std::pair<std::string, std::function<core::Status(const jobs::Job&, Services&)>>>&
    service_job_handlers() const {
        return service_job_handlers_;
    }
    const std::vector<std::pair<std::string, std::function<core::Status(const jobs::Job&)>>>& job_handlers()
        const {
        return job_handlers_;
    }
    const std::vector<Command>& commands() const { return commands_; }
    const std::vector<std::function<void(http::Router&, Services&)>>& routes() const { return routes_; }
    const std::vector<std::function<void(Services&)>>& startup() const { return startup_; }

private:
    std::vector<ModuleInfo> modules_;
    std::vector<Command> commands_;
    std::vector<std::function<void(http::Router&, Services&)>> routes_;
    std::vector<std::function<void(Services&)>> startup_;
    std::vector<std::pair<std::string, std::function<core::Status(const jobs::Job&)>>> job_handlers_;
    std::vector<std::pair<std::string, std::function<core::Status(const jobs::Job&, Services&)>>>
        service_job_handlers_;
};

}  // namespace oqu::platform
