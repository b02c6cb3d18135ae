#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::online::detail {

/// Adds the pages (/online/...), the JSON API (/api/v1/online/...) and the navigation items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::online::detail
