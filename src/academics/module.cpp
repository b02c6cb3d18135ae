#include "academics/api.hpp"
#include "academics/routes.hpp"
#include "platform/module/registry.hpp"

namespace oqu::academics {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "academics",
                        .schema_dir = "academics/schema",
                        .templates_dir = "academics/templates",
                        .strings_dir = "academics/strings",
                        .openapi_file = "academics/openapi.json"});
    registry.AddRoutes(&detail::AddRoutes);
}

}  // namespace oqu::academics
