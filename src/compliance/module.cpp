#include "compliance/api.hpp"
#include "compliance/command.hpp"
#include "compliance/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::compliance {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "compliance",
                        .schema_dir = "",
                        .templates_dir = "compliance/templates",
                        .strings_dir = "compliance/strings",
                        .openapi_file = ""});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
    RegisterCommand(registry);
}

}  // namespace oqu::compliance
