#pragma once

#include "platform/module/registry.hpp"

namespace oqu::compliance {

/// Adds `oqu compliance --db URL --format json|xlsx|html [--output FILE] [--lang L] [--faculty ID]`.
void RegisterCommand(platform::ModuleRegistry& registry);

}  // namespace oqu::compliance
