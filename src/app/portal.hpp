#pragma once

#include <memory>

#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::platform {
namespace db {
class Database;
}
namespace web {
class Renderer;
}
namespace files {
class FileStore;
}
namespace jobs {
class JobQueue;
}
}  // namespace oqu::platform

namespace oqu::app {

/// Everything a running portal is made of, apart from the HTTP server: the migrated database,
/// strings and templates, file store, job queue, navigation, and the router with every module's
/// routes behind the session and CSRF gate. `oqu serve` serves it; integration tests call its
/// router directly.
struct Portal {
    platform::Config config;
    std::unique_ptr<platform::db::Database> db;
    std::unique_ptr<platform::web::Renderer> renderer;
    std::unique_ptr<platform::files::FileStore> files;
    std::unique_ptr<platform::jobs::JobQueue> jobs;
    platform::auth::Navigation navigation;
    std::unique_ptr<platform::Services> services;
    platform::http::Router router;

    Portal();
    ~Portal();
    Portal(const Portal&) = delete;
    Portal& operator=(const Portal&) = delete;
};

/// Builds the portal: opens and migrates the database, loads strings and templates, runs the
/// modules' startup steps, registers their routes and /api/openapi.json, and installs the gate.
/// Throws platform::db::DbError or std::runtime_error with a one-line message on failure.
std::unique_ptr<Portal> BuildPortal(const platform::ModuleRegistry& registry, platform::Config config);

}  // namespace oqu::app
