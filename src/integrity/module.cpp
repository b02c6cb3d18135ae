#include <chrono>

#include "integrity/api.hpp"
#include "integrity/checks.hpp"
#include "integrity/checks_internal.hpp"
#include "integrity/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::integrity {

void RegisterIntegrityCommands(platform::ModuleRegistry& registry);

void Register(platform::ModuleRegistry& registry) {
    // For now the module brings the engine, its messages and the command line; its tables (the
    // persistent fingerprint index, checks and decisions) come with the portal integration.
    registry.AddModule({.name = "integrity",
                        .schema_dir = "integrity/schema",
                        .templates_dir = "integrity/templates",
                        .strings_dir = "integrity/strings",
                        .openapi_file = ""});
    RegisterIntegrityCommands(registry);
    // Checks of students' works (checks.hpp): the job and the report pages.
    registry.AddServiceJobHandler(std::string(detail::kCheckJob), detail::HandleCheckJob);
    // Checks whose job died for good while the portal was down get their final state.
    registry.AddStartup([](platform::Services& services) {
        RecoverAbandonedChecks(
            services.db, services.jobs,
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
    });
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::integrity
