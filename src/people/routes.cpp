#include "people/routes.hpp"

#include "people/permissions.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::people::detail {

void AddRoutes(platform::http::Router& /*router*/, platform::Services& services) {
    // TODO(#3): pages (/people/...) and the JSON API (/api/v1/people/...); the use cases exist.
    (void)services;
}

}  // namespace oqu::people::detail
