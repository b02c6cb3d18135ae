#include <stdexcept>

#include "academics/api.hpp"
#include "app/commands.hpp"
#include "app/system_routes.hpp"
#include "assessment/api.hpp"
#include "assignments/api.hpp"
#include "compliance/api.hpp"
#include "courses/api.hpp"
#include "demo/api.hpp"
#include "distance/api.hpp"
#include "dl/api.hpp"
#include "gradebook/api.hpp"
#include "identity/api.hpp"
#include "integrity/api.hpp"
#include "online/api.hpp"
#include "people/api.hpp"

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
    // The national classifier of directions ships with the code: load new rows at every start
    // (existing rows, and an administrator's edits of them, are kept).
    registry.AddStartup([](platform::Services& services) {
        auto seeded = academics::SeedDirections(
            services.db, services.config.resource_dir / "academics/seed/directions.csv");
        if (!seeded) {
            throw std::runtime_error("cannot load the directions classifier: " + seeded.error().detail);
        }
        // R-O12: the public-holiday calendar, likewise (listed days and their edits are kept).
        auto days = academics::SeedPublicDays(services.db,
                                              services.config.resource_dir / "academics/seed/holidays.csv");
        if (!days) {
            throw std::runtime_error("cannot load the public-holiday calendar: " + days.error().detail);
        }
    });
    people::Register(registry);
    distance::Register(registry);
    dl::Register(registry);
    online::Register(registry);
    gradebook::Register(registry);
    courses::Register(registry);
    assessment::Register(registry);
    integrity::Register(registry);
    assignments::Register(registry);
    demo::RegisterDemoCommand(registry);
    compliance::Register(registry);
}

void RegisterCoreCommands(platform::ModuleRegistry& registry) {
    RegisterServeCommand(registry);
    RegisterMigrateCommand(registry);
    RegisterAuditCommand(registry);
}

}  // namespace oqu::app
