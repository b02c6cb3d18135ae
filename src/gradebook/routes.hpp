#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::gradebook::detail {

/// Adds the pages (/gradebook/...), the JSON API (/api/v1/gradebook/...), the grid script and the
/// navigation items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::gradebook::detail
