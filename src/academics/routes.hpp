#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::academics::detail {

/// Adds the module's HTML pages and JSON API to `router` and its entry to the navigation.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::academics::detail
