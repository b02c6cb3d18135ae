#pragma once

#include <vector>

#include "platform/db/migrations.hpp"
#include "platform/module/registry.hpp"

namespace oqu::app {

/// Declares the platform's own modules (their schema, templates, strings) in bottom-up order.
void RegisterPlatformModules(platform::ModuleRegistry& registry);

/// Adds `oqu serve` and `oqu migrate`.
void RegisterCoreCommands(platform::ModuleRegistry& registry);

/// Every migration of every registered module for `dialect`, in registry order.
std::vector<platform::db::Migration> CollectMigrations(const platform::ModuleRegistry& registry,
                                                       const platform::Config& config,
                                                       platform::db::Dialect dialect);

/// Opens the database and applies pending migrations, printing one line per applied step to
/// `log` when non-null. Throws platform::db::DbError (with a one-line message) on failure.
std::unique_ptr<platform::db::Database> OpenAndMigrate(const platform::ModuleRegistry& registry,
                                                       const platform::Config& config, std::ostream* log);

}  // namespace oqu::app
