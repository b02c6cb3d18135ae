#include "people/api.hpp"
#include "people/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::people {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "people",
                        .schema_dir = "people/schema",
                        .templates_dir = "people/templates",
                        .strings_dir = "people/strings",
                        .openapi_file = "people/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::people
