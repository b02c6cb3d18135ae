#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::courses::detail {

/// Adds the pages (/courses/...), the JSON API (/api/v1/courses/...) and the navigation items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::courses::detail
