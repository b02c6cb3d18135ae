#include "dl/api.hpp"
#include "dl/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::dl {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "dl",
                        .schema_dir = "dl/schema",
                        .templates_dir = "dl/templates",
                        .strings_dir = "dl/strings",
                        .openapi_file = "dl/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::dl
