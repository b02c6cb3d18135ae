#include "integrity/api.hpp"
#include "platform/module/registry.hpp"

namespace oqu::integrity {

void RegisterIntegrityCommands(platform::ModuleRegistry& registry);

void Register(platform::ModuleRegistry& registry) {
    // For now the module brings the engine, its messages and the command line; its tables (the
    // persistent fingerprint index, checks and decisions) come with the portal integration.
    registry.AddModule({.name = "integrity",
                        .schema_dir = "",
                        .templates_dir = "",
                        .strings_dir = "integrity/strings",
                        .openapi_file = ""});
    RegisterIntegrityCommands(registry);
}

}  // namespace oqu::integrity
