#pragma once

#include "platform/module/registry.hpp"

namespace oqu::app {

/// Adds the installation's own routes: `/` (front page with live status), `/healthz`,
/// `/metrics` and `/static/...`.
void RegisterSystemRoutes(platform::ModuleRegistry& registry);

}  // namespace oqu::app
