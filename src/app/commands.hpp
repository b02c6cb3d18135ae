#pragma once

#include <vector>

#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"

namespace oqu::app {

/// Declares the platform's own modules (their schema, templates, strings) in bottom-up order.
void RegisterPlatformModules(platform::ModuleRegistry& registry);

/// Adds `oqu serve` and `oqu migrate`.
void RegisterCoreCommands(platform::ModuleRegistry& registry);

/// Declares the domain modules (identity, academics, ...) in bottom-up order.
void RegisterDomainModules(platform::ModuleRegistry& registry);

}  // namespace oqu::app
