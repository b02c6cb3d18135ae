#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "platform/module/flags.hpp"

namespace {

void PrintHelp(const oqu::platform::ModuleRegistry& registry, std::ostream& out) {
    out << "Oqu: the university education portal for distance and online learning (Order No. 137).\n\n"
           "Usage: oqu <command> [options]    (oqu <command> --help for its options)\n\nCommands:\n";
    for (const auto& command : registry.commands()) {
        out << fmt::format("  {:<18} {}\n", command.name, command.summary);
    }
    out << "\nThe database is named by a URL: sqlite:PATH (default sqlite:data/oqu.db) or\n"
           "postgresql://user:pass@host:port/db, from --db, OQU_DB or oqu.toml.\n";
}

}  // namespace

int main(int argc, char** argv) {
    oqu::platform::ModuleRegistry registry;
    oqu::app::RegisterPlatformModules(registry);
    oqu::app::RegisterDomainModules(registry);
    oqu::app::RegisterCoreCommands(registry);

    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        PrintHelp(registry, std::cerr);
        return 2;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        PrintHelp(registry, std::cout);
        return 0;
    }
    if (args[0] == "--version") {
        std::cout << "oqu " << OQU_VERSION << '\n';
        return 0;
    }
    // The longest registered name wins, so "user add" beats a hypothetical "user".
    const oqu::platform::Command* chosen = nullptr;
    std::size_t words = 0;
    for (const auto& command : registry.commands()) {
        const bool two = command.name.find(' ') != std::string::npos;
        const std::string typed = two && args.size() > 1 ? args[0] + " " + args[1] : args[0];
        if (command.name == typed && (chosen == nullptr || (two ? 2U : 1U) > words)) {
            chosen = &command;
            words = two ? 2 : 1;
        }
    }
    if (chosen == nullptr) {
        return oqu::platform::Fail(2, fmt::format("unknown command '{}' (see 'oqu --help')", args[0]));
    }
    auto config = oqu::platform::LoadConfig({});
    if (!config) return oqu::platform::Fail(2, config.error().detail);
    oqu::platform::CommandContext ctx{argv[0],
                                      chosen->name,
                                      {args.begin() + static_cast<long>(words), args.end()},
                                      std::move(config.value()),
                                      &registry};
    // The one place a command's unexpected exception is caught: one line, no stack of internals.
    try {
        return chosen->run(ctx);
    } catch (const std::exception& e) {
        return oqu::platform::Fail(1, fmt::format("{} failed: {}", chosen->name, e.what()));
    }
}
