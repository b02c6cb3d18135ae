#pragma once

// Pieces of the `oqu integrity` commands shared by `check` (command.cpp) and `index`
// (index_command.cpp). Internal to the module.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "integrity/extract.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"

namespace oqu::integrity {

/// A file read and extracted, or the error that stopped it; `sha256` (when not null) receives
/// the SHA-256 of the file's bytes.
core::Result<ExtractedText> ReadDocument(const std::filesystem::path& path, const ExtractLimits& limits,
                                         std::string* sha256 = nullptr);

/// Every file under `dir` (recursively) whose extension names a format the extractor reads,
/// sorted.
core::Result<std::vector<std::filesystem::path>> ListDocuments(const std::filesystem::path& dir);

/// Turns an error into its translated message in `lang`.
using MessageFn = std::function<std::string(const core::Error&)>;
core::Result<MessageFn> MessageFormatter(const platform::CommandContext& ctx, platform::web::Language lang);

/// `oqu integrity index DIR --db URL`.
int RunIndex(platform::CommandContext& ctx);

}  // namespace oqu::integrity
