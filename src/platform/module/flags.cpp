#include "platform/module/flags.hpp"

#include <iostream>

#include <fmt/format.h>

namespace oqu::platform {

namespace po = boost::program_options;

void AddCommonFlags(po::options_description& flags) {
    flags.add_options()("help,h", "show this help and exit")(
        "db", po::value<std::string>()->value_name("URL"),
        "database: sqlite:PATH or postgresql://user:pass@host:port/db (default from OQU_DB, oqu.toml, "
        "else sqlite:data/oqu.db)")("config", po::value<std::string>()->value_name("FILE"),
                                    "config file (default: OQU_CONFIG, else ./oqu.toml when present)");
}

int Fail(int code, const std::string& message) {
    std::cerr << "oqu: " << message << '\n';
    return code;
}

std::optional<int> ParseFlags(CommandContext& ctx, const po::options_description& flags,
                              const po::positional_options_description& positional, po::variables_map& values,
                              const char* usage) {
    try {
        po::store(po::command_line_parser(ctx.args).options(flags).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& e) {
        return Fail(2, fmt::format("{}: {} (see 'oqu {} --help')", ctx.name, e.what(), ctx.name));
    }
    if (values.count("help") != 0U) {
        std::cout << "Usage: oqu " << ctx.name << ' ' << usage << "\n\n" << flags << '\n';
        return 0;
    }
    if (values.count("config") != 0U) {
        auto config = LoadConfig(values["config"].as<std::string>());
        if (!config) return Fail(2, config.error().detail);
        ctx.config = std::move(config.value());
    }
    if (values.count("db") != 0U) ctx.config.db_url = values["db"].as<std::string>();
    return std::nullopt;
}

}  // namespace oqu::platform
