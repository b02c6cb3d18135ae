#include "app/portal.hpp"

#include <fmt/format.h>

#include "app/openapi.hpp"
#include "identity/api.hpp"
#include "platform/db/database.hpp"
#include "platform/files/file_store.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/open_database.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"

namespace oqu::app {

Portal::Portal() = default;
Portal::~Portal() = default;

std::unique_ptr<Portal> BuildPortal(const platform::ModuleRegistry& registry, platform::Config config) {
    auto portal = std::make_unique<Portal>();
    portal->config = std::move(config);
    const auto& cfg = portal->config;
    portal->db = platform::OpenAndMigrate(registry, cfg, nullptr);

    std::vector<std::filesystem::path> string_dirs;
    std::map<std::string, std::filesystem::path> template_dirs;
    for (const auto& module : registry.modules()) {
        if (!module.strings_dir.empty()) string_dirs.push_back(cfg.resource_dir / module.strings_dir);
        if (!module.templates_dir.empty()) {
            template_dirs[module.name] = cfg.resource_dir / module.templates_dir;
        }
    }
    std::shared_ptr<const platform::web::Strings> strings;
    try {
        strings = platform::web::Strings::Load(string_dirs);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(fmt::format("{} (is --config [paths] resources right?)", e.what()));
    }
    portal->renderer = std::make_unique<platform::web::Renderer>(template_dirs, strings);

    std::error_code ec;
    std::filesystem::create_directories(cfg.data_dir / "tmp", ec);
    if (ec) {
        throw std::runtime_error(
            fmt::format("cannot create {}: {}", (cfg.data_dir / "tmp").string(), ec.message()));
    }
    portal->files = std::make_unique<platform::files::FileStore>(
        cfg.data_dir / "files",
        platform::files::FileStoreOptions{.max_bytes = static_cast<std::uint64_t>(cfg.max_upload_mb) << 20});
    portal->jobs = std::make_unique<platform::jobs::JobQueue>(*portal->db);
    portal->services = std::make_unique<platform::Services>(platform::Services{
        portal->config, *portal->db, *portal->renderer, *portal->files, *portal->jobs, portal->navigation});

    for (const auto& step : registry.startup()) step(*portal->services);
    for (const auto& add : registry.routes()) add(portal->router, *portal->services);
    AddOpenApiRoute(portal->router, registry, cfg);
    // Last: every route of every module goes through the session and CSRF gate.
    platform::auth::InstallGate(portal->router, identity::MakeSessionResolver(*portal->services),
                                *portal->renderer, portal->navigation,
                                {.secure_cookies = !cfg.insecure_cookies});
    return portal;
}

}  // namespace oqu::app
