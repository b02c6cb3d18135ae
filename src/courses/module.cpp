#include "courses/api.hpp"
#include "courses/routes.hpp"
#include "courses/support.hpp"
#include "platform/module/registry.hpp"

namespace oqu::courses {

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "courses",
                        .schema_dir = "courses/schema",
                        .templates_dir = "courses/templates",
                        .strings_dir = "courses/strings",
                        .openapi_file = "courses/openapi.json"});
    // Only a course's teachers enter marks in its journals.
    detail::InstallJournalTeacherCheck();
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddRoutes(router, services);
    });
}

}  // namespace oqu::courses
