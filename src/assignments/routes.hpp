#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::assignments::detail {

/// Adds the pages (/courses/{id}/assignments, /assignments/...), the JSON API
/// (/api/v1/courses/{id}/assignments, /api/v1/assignments/...) and the course week-view items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::assignments::detail
