#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::dl::detail {

/// Adds the pages (/dl/...), the JSON API (/api/v1/dl/...) and the navigation items.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::dl::detail
