#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::integrity::detail {

/// Adds the pages (/integrity, /integrity/checks/{id} with its PDF, exclusions and decisions),
/// the static stylesheet and the navigation item.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::integrity::detail
