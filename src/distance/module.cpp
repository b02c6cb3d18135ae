#include "distance/api.hpp"
#include "platform/module/registry.hpp"

namespace oqu::distance {

void Register(platform::ModuleRegistry& registry) {
    // For now the module brings the messages of its rules; its tables and pages come with the
    // distance-learning and online-form workflows.
    registry.AddModule({.name = "distance",
                        .schema_dir = "",
                        .templates_dir = "",
                        .strings_dir = "distance/strings",
                        .openapi_file = ""});
}

}  // namespace oqu::distance
