#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "integrity/api.hpp"
#include "integrity/icu_tables.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
namespace web = platform::web;

/// A file read and extracted, or the error that stopped it.
core::Result<ExtractedText> ReadDocument(const fs::path& path, const ExtractLimits& limits) {
    const auto format = FormatFromFileName(path.filename().string());
    if (!format) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.unsupported_format",
                               "unsupported extension");
    }
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return core::MakeError(core::ErrorCode::kNotFound, "integrity.extract.unreadable", ec.message());
    if (size > limits.max_file_bytes) {
        return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large",
                               "file over the limit");
    }
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) {
        return core::MakeError(core::ErrorCode::kNotFound, "integrity.extract.unreadable", "read failed");
    }
    return ExtractText(*format, bytes, limits);
}

const char* FlagName(FlagKind kind) {
    switch (kind) {
        case FlagKind::kHomoglyphs:
            return "homoglyphs";
        case FlagKind::kInvisibleCharacters:
            return "invisible_characters";
        case FlagKind::kUnusualSpaces:
            return "unusual_spaces";
        case FlagKind::kTransliteration:
            return "transliteration";
        case FlagKind::kHiddenText:
            return "hidden_text";
    }
    return "unknown";
}

nlohmann::json MatchJson(const Match& m, const std::vector<std::string>& names) {
    return {{"source", names[m.source]},
            {"offset", m.offset},
            {"length", m.length},
            {"source_offset", m.source_offset},
            {"source_length", m.source_length},
            {"transliterated", m.transliterated}};
}

// `oqu integrity check FILE... --against DIR`: one JSON object per file on stdout (docs/CLI.md).
int RunCheck(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    flags.add_options()("help,h", "show this help and exit")("files", po::value<std::vector<std::string>>(),
                                                             "the documents to check")(
        "against", po::value<std::string>(), "a folder of source documents (indexed for this run only)")(
        "lang", po::value<std::string>()->default_value("kk"),
        "language of the error messages: kk | ru | en");
    po::positional_options_description positional;
    positional.add("files", -1);
    po::variables_map values;
    if (auto exit =
            platform::ParseFlags(ctx, flags, positional, values, "FILE... --against DIR [--lang kk|ru|en]")) {
        return *exit;
    }
    if (values.count("files") == 0U) {
        return platform::Fail(2, fmt::format("{}: name a file to check", ctx.name));
    }
    if (values.count("against") == 0U) {
        // The persistent collection (--db) comes with the portal integration; until then a folder
        // is the only collection, and the command says so.
        return platform::Fail(2, fmt::format("{}: name the sources with --against DIR", ctx.name));
    }
    const auto lang = web::ParseLanguage(values["lang"].as<std::string>());
    if (!lang) return platform::Fail(2, fmt::format("{}: --lang must be kk, ru or en", ctx.name));
    const fs::path dir = values["against"].as<std::string>();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return platform::Fail(2, fmt::format("{}: --against {} is not a folder", ctx.name, dir.string()));
    }
    std::vector<fs::path> string_dirs;
    for (const auto& m : ctx.registry->modules()) {
        if (!m.strings_dir.empty()) string_dirs.push_back(ctx.config.resource_dir / m.strings_dir);
    }
    std::shared_ptr<const web::Strings> strings;
    try {
        strings = web::Strings::Load(string_dirs);
    } catch (const std::exception& e) {
        return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
    }
    auto message = [&](const core::Error& e) -> std::string {
        if (e.args.empty()) return strings->Get(*lang, e.message_key);
        return strings->Format(*lang, e.message_key,
                               std::map<std::string, std::string>(e.args.begin(), e.args.end()));
    };

    const ExtractLimits limits;
    const UnicodeTables& tables = Icu();
    Collection collection;
    std::vector<std::string> names;
    std::vector<fs::path> canonical;
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && FormatFromFileName(it->path().filename().string())) {
            paths.push_back(it->path());
        }
    }
    if (ec) {
        return platform::Fail(1, fmt::format("{}: cannot list {}: {}", ctx.name, dir.string(), ec.message()));
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        auto text = ReadDocument(path, limits);
        if (!text) {
            std::cerr << fmt::format("oqu: {}: source {} skipped: {}\n", ctx.name, path.string(),
                                     message(text.error()));
            continue;
        }
        collection.Add(PrepareText(DecodeUtf8(text->text), tables));
        names.push_back(path.string());
        canonical.push_back(fs::weakly_canonical(path, ec));
    }

    int exit = 0;
    for (const auto& file : values["files"].as<std::vector<std::string>>()) {
        nlohmann::json out = {{"file", file}};
        auto text = ReadDocument(file, limits);
        if (!text) {
            out["error"] = {{"key", text.error().message_key}, {"message", message(text.error())}};
            std::cout << out.dump() << "\n";
            exit = 1;
            continue;
        }
        const PreparedText prepared = PrepareText(DecodeUtf8(text->text), tables);
        // A file inside the folder is not its own source.
        const fs::path self = fs::weakly_canonical(file, ec);
        std::vector<std::size_t> exclude;
        for (std::size_t s = 0; s < canonical.size(); ++s) {
            if (canonical[s] == self) exclude.push_back(s);
        }
        CheckReport report = collection.Check(prepared, {}, exclude);
        if (text->hidden_runs > 0) report.flags.push_back({FlagKind::kHiddenText, text->hidden_runs, 0});
        out["originality"] = report.originality;
        out["flags"] = nlohmann::json::array();
        for (const Flag& f : report.flags) {
            out["flags"].push_back({{"type", FlagName(f.kind)}, {"count", f.count}, {"offset", f.offset}});
        }
        out["matches"] = nlohmann::json::array();
        out["quotations"] = nlohmann::json::array();
        out["references"] = nlohmann::json::array();
        for (const Match& m : report.matches) {
            const char* list = m.kind == MatchKind::kBorrowing   ? "matches"
                               : m.kind == MatchKind::kQuotation ? "quotations"
                                                                 : "references";
            out[list].push_back(MatchJson(m, names));
        }
        out["sources"] = nlohmann::json::array();
        for (const SourceShare& s : report.shares) {
            out["sources"].push_back({{"source", names[s.source]}, {"share", s.share}});
        }
        std::cout << out.dump() << "\n";
    }
    return exit;
}

}  // namespace

void RegisterIntegrityCommands(platform::ModuleRegistry& registry) {
    registry.AddCommand({.name = "integrity check",
                         .summary = "check documents for borrowing against a folder of sources (JSON lines)",
                         .run = RunCheck});
}

}  // namespace oqu::integrity
