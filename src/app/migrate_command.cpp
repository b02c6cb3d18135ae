#include <iostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"

namespace oqu::app {

namespace po = boost::program_options;

std::vector<platform::db::Migration> CollectMigrations(const platform::ModuleRegistry& registry,
                                                       const platform::Config& config,
                                                       platform::db::Dialect dialect) {
    std::vector<platform::db::Migration> all;
    for (const auto& module : registry.modules()) {
        if (module.schema_dir.empty()) continue;
        auto steps =
            platform::db::LoadMigrations(module.name, config.resource_dir / module.schema_dir, dialect);
        all.insert(all.end(), steps.begin(), steps.end());
    }
    return all;
}

std::unique_ptr<platform::db::Database> OpenAndMigrate(const platform::ModuleRegistry& registry,
                                                       const platform::Config& config, std::ostream* log) {
    platform::db::Options options;
    options.pool_size = config.db_pool_size;
    options.statement_timeout = std::chrono::milliseconds(config.db_statement_timeout_ms);
    auto db = platform::db::Database::Open(config.db_url, options);
    const auto report = platform::db::Migrate(*db, CollectMigrations(registry, config, db->dialect()));
    if (log != nullptr) {
        for (const auto& step : report.applied) *log << "migrated " << step << '\n';
        *log << fmt::format("database {}: {} step(s) applied now, {} already applied\n", db->Describe(),
                            report.applied.size(), report.already);
    }
    return db;
}

namespace {

int RunMigrate(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, {}, values, "[--db URL] [--config FILE]")) return *exit;
    try {
        (void)OpenAndMigrate(*ctx.registry, ctx.config, &std::cout);
    } catch (const platform::db::DbError& e) {
        return platform::Fail(1, e.what());
    }
    return 0;
}

}  // namespace

void RegisterMigrateCommand(platform::ModuleRegistry& registry) {
    registry.AddCommand({"migrate",
                         "apply pending schema migrations of every module, each in its own transaction",
                         RunMigrate});
}

}  // namespace oqu::app
