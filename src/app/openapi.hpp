#pragma once

#include <string>

#include "core/result.hpp"
#include "platform/module/registry.hpp"

namespace oqu::platform::http {
class Router;
}

namespace oqu::app {

/// The OpenAPI 3.1 document of the whole JSON API: the modules' fragments (ModuleInfo::openapi_file)
/// merged under one info block. kInvalidInput when a fragment is malformed or two define one path.
core::Result<std::string> BuildOpenApi(const platform::ModuleRegistry& registry,
                                       const platform::Config& config);

/// Serves the document at GET /api/openapi.json (built once, at start).
void AddOpenApiRoute(platform::http::Router& router, const platform::ModuleRegistry& registry,
                     const platform::Config& config);

}  // namespace oqu::app
