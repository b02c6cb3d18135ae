#pragma once

#include <iosfwd>
#include <memory>
#include <vector>

#include "platform/db/migrations.hpp"
#include "platform/module/registry.hpp"

namespace oqu::platform {

/// Every migration of every registered module for `dialect`, in registry order.
std::vector<db::Migration> CollectMigrations(const ModuleRegistry& registry, const Config& config,
                                             db::Dialect dialect);

/// Opens the database of `config` and applies pending migrations of every module, printing one
/// line per applied step to `log` when non-null. Commands of any module use it. Throws
/// db::DbError (with a one-line message) on failure.
std::unique_ptr<db::Database> OpenAndMigrate(const ModuleRegistry& registry, const Config& config,
                                             std::ostream* log);

}  // namespace oqu::platform
