#include "platform/module/open_database.hpp"

#include <ostream>

#include <fmt/format.h>

#include "platform/db/database.hpp"

namespace oqu::platform {

std::vector<db::Migration> CollectMigrations(const ModuleRegistry& registry, const Config& config,
                                             db::Dialect dialect) {
    std::vector<db::Migration> all;
    for (const auto& module : registry.modules()) {
        if (module.schema_dir.empty()) continue;
        auto steps = db::LoadMigrations(module.name, config.resource_dir / module.schema_dir, dialect);
        all.insert(all.end(), steps.begin(), steps.end());
    }
    return all;
}

std::unique_ptr<db::Database> OpenAndMigrate(const ModuleRegistry& registry, const Config& config,
                                             std::ostream* log) {
    db::Options options;
    options.pool_size = config.db_pool_size;
    options.statement_timeout = std::chrono::milliseconds(config.db_statement_timeout_ms);
    auto database = db::Database::Open(config.db_url, options);
    const auto report = db::Migrate(*database, CollectMigrations(registry, config, database->dialect()));
    if (log != nullptr) {
        for (const auto& step : report.applied) *log << "migrated " << step << '\n';
        *log << fmt::format("database {}: {} step(s) applied now, {} already applied\n", database->Describe(),
                            report.applied.size(), report.already);
    }
    return database;
}

}  // namespace oqu::platform
