#include "academics/routes.hpp"

#include <nlohmann/json.hpp>

#include "academics/permissions.hpp"
#include "academics/routes_support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::academics::detail {

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/academics",
                             .label_key = "academics.nav",
                             .description_key = "academics.nav_description",
                             .capability = &kViewStructure,
                             .order = 20});
    AddPageRoutes(router, services);
    AddCurriculumRoutes(router, services);
    AddCalendarRoutes(router, services);
    AddPublicDayRoutes(router, services);
    AddImportRoutes(router, services);
    AddApiRoutes(router, services);
    AddApiWriteRoutes(router, services);
}

}  // namespace oqu::academics::detail
