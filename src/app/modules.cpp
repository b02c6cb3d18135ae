#include "app/commands.hpp"
#include "app/system_routes.hpp"

namespace oqu::app {

void RegisterServeCommand(platform::ModuleRegistry& registry);
void RegisterMigrateCommand(platform::ModuleRegistry& registry);

void RegisterPlatformModules(platform::ModuleRegistry& registry) {
    registry.AddModule(
        {.name = "web", .templates_dir = "platform/web/templates", .strings_dir = "platform/web/strings"});
    registry.AddModule({.name = "jobs", .schema_dir = "platform/jobs/schema"});
    RegisterSystemRoutes(registry);
}

void RegisterCoreCommands(platform::ModuleRegistry& registry) {
    RegisterServeCommand(registry);
    RegisterMigrateCommand(registry);
}

}  // namespace oqu::app
