#include "gradebook/api.hpp"
#include "gradebook/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::gradebook {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "gradebook",
                        .schema_dir = "gradebook/schema",
                        .templates_dir = "gradebook/templates",
                        .strings_dir = "gradebook/strings",
                        .openapi_file = "gradebook/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::gradebook
