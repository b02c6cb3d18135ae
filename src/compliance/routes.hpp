#pragma once

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::compliance::detail {

/// Adds the compliance dashboard (/compliance), its downloads (report.xlsx, report.json) and the
/// dashboard link of the roles that hold compliance:view.
void AddRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::compliance::detail
