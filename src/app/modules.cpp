#include "app/commands.hpp"
#include "app/system_routes.hpp"
#include "academics/api.hpp"
#include "identity/api.hpp"

namespace oqu::app {

void RegisterServeCommand(platform::ModuleRegistry& registry);
void RegisterMigrateCommand(platform::ModuleRegistry& registry);
void RegisterAuditCommand(platform::ModuleRegistry& registry);

void RegisterPlatformModules(platform::ModuleRegistry& registry) {
    registry.AddModule(
        {.name = "web", .templates_dir = "platform/web/templates", .strings_dir = "platform/web/strings"});
    registry.AddModule({.name = "auth", .strings_dir = "platform/auth/strings"});
    registry.AddModule({.name = "jobs", .schema_dir = "platform/jobs/schema"});
    registry.AddModule({.name = "audit", .schema_dir = "platform/audit/schema"});
    registry.AddModule({.name = "csv", .strings_dir = "platform/csv/strings"});
    RegisterSystemRoutes(registry);
}

void RegisterDomainModules(platform::ModuleRegistry& registry) {
    // Bottom-up, as in src/CMakeLists.txt: migrations run in this order.
    identity::Register(registry);
    academics::Register(registry);
}

void RegisterCoreCommands(platform::ModuleRegistry& registry) {
    RegisterServeCommand(registry);
    RegisterMigrateCommand(registry);
    RegisterAuditCommand(registry);
}

}  // namespace oqu::app
