#include <iostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"

namespace oqu::app {

namespace po = boost::program_options;

namespace {

int RunMigrate(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, {}, values, "[--db URL] [--config FILE]")) return *exit;
    try {
        (void)platform::OpenAndMigrate(*ctx.registry, ctx.config, &std::cout);
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
