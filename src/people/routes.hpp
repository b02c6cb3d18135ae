#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::people::detail {

/// Adds the pages (/people/...) and the JSON API (/api/v1/people/...) and the navigation items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::people::detail
