#pragma once

#include <optional>

#include <boost/program_options.hpp>

#include "platform/module/registry.hpp"

namespace oqu::platform {

/// Adds the flags every database command shares: --db URL, --config FILE, --help.
void AddCommonFlags(boost::program_options::options_description& flags);

/// Parses `ctx.args` against `flags` (and `positional`), reloads the config when --config is
/// given and applies --db. Returns an exit code when the command must stop now: 0 after
/// printing help for --help, 2 after printing one line to stderr for a bad flag or config.
std::optional<int> ParseFlags(CommandContext& ctx, const boost::program_options::options_description& flags,
                              const boost::program_options::positional_options_description& positional,
                              boost::program_options::variables_map& values, const char* usage);

/// Prints "oqu: <message>" as one line to stderr and returns `code`.
int Fail(int code, const std::string& message);

}  // namespace oqu::platform
