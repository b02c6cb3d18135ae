#include "assignments/api.hpp"
#include "assignments/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::assignments {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "assignments",
                        .schema_dir = "assignments/schema",
                        .templates_dir = "assignments/templates",
                        .strings_dir = "assignments/strings",
                        .openapi_file = "assignments/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::assignments
