#include "online/api.hpp"
#include "online/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::online {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "online",
                        .schema_dir = "online/schema",
                        .templates_dir = "online/templates",
                        .strings_dir = "online/strings",
                        .openapi_file = "online/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::online
