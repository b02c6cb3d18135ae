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
#include "integrity/index_command.hpp"
#include "integrity/index_store.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
namespace web = platform::web;

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

/// The JSON object of one checked file (docs/CLI.md); `name` names a report's source.
nlohmann::json ReportJson(const std::string& file, const CheckReport& report, int hidden_runs,
                          const std::vector<std::string>& names) {
    nlohmann::json out = {{"file", file}};
    out["originality"] = report.originality;
    out["flags"] = nlohmann::json::array();
    for (const Flag& f : report.flags) {
        out["flags"].push_back({{"type", FlagName(f.kind)}, {"count", f.count}, {"offset", f.offset}});
    }
    if (hidden_runs > 0) {
        out["flags"].push_back(
            {{"type", FlagName(FlagKind::kHiddenText)}, {"count", hidden_runs}, {"offset", 0}});
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
    return out;
}

// `oqu integrity check FILE... --against DIR | --db URL`: one JSON object per file on stdout
// (docs/CLI.md).
int RunCheck(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("files", po::value<std::vector<std::string>>(), "the documents to check")(
        "against", po::value<std::string>(), "a folder of source documents (indexed for this run only)")(
        "lang", po::value<std::string>()->default_value("kk"),
        "language of the error messages: kk | ru | en");
    po::positional_options_description positional;
    positional.add("files", -1);
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, positional, values,
                                         "FILE... (--against DIR | --db URL) [--lang kk|ru|en]")) {
        return *exit;
    }
    if (values.count("files") == 0U) {
        return platform::Fail(2, fmt::format("{}: name a file to check", ctx.name));
    }
    const bool against = values.count("against") != 0U;
    const bool indexed = values.count("db") != 0U;
    if (against == indexed) {
        return platform::Fail(
            2,
            fmt::format("{}: name the sources with --against DIR or the collection with --db URL", ctx.name));
    }
    const auto lang = web::ParseLanguage(values["lang"].as<std::string>());
    if (!lang) return platform::Fail(2, fmt::format("{}: --lang must be kk, ru or en", ctx.name));
    std::error_code ec;
    fs::path dir;
    if (against) {
        dir = values["against"].as<std::string>();
        if (!fs::is_directory(dir, ec)) {
            return platform::Fail(2, fmt::format("{}: --against {} is not a folder", ctx.name, dir.string()));
        }
    }
    auto message = MessageFormatter(ctx, *lang);
    if (!message) return platform::Fail(1, fmt::format("{}: {}", ctx.name, message.error().detail));

    const ExtractLimits limits;
    const UnicodeTables& tables = Icu();
    std::unique_ptr<platform::db::Database> database;
    Collection collection;
    std::vector<std::string> names;
    std::vector<fs::path> canonical;
    if (indexed) {
        try {
            database = platform::OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        } catch (const platform::db::DbError& e) {
            return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
        }
    } else {
        auto paths = ListDocuments(dir);
        if (!paths) {
            return platform::Fail(
                1, fmt::format("{}: cannot list {}: {}", ctx.name, dir.string(), paths.error().detail));
        }
        for (const auto& path : *paths) {
            auto text = ReadDocument(path, limits);
            if (!text) {
                std::cerr << fmt::format("oqu: {}: source {} skipped: {}\n", ctx.name, path.string(),
                                         (*message)(text.error()));
                continue;
            }
            collection.Add(PrepareText(DecodeUtf8(text->text), tables));
            names.push_back(path.string());
            canonical.push_back(fs::weakly_canonical(path, ec));
        }
    }

    int exit = 0;
    for (const auto& file : values["files"].as<std::vector<std::string>>()) {
        std::string sha;
        auto text = ReadDocument(file, limits, &sha);
        if (!text) {
            nlohmann::json out = {{"file", file}};
            out["error"] = {{"key", text.error().message_key}, {"message", (*message)(text.error())}};
            std::cout << out.dump() << "\n";
            exit = 1;
            continue;
        }
        const PreparedText prepared = PrepareText(DecodeUtf8(text->text), tables);
        if (indexed) {
            // A file already in the collection is not its own source.
            std::vector<std::int64_t> excluded;
            core::Result<IndexCheck> checked = core::MakeError(core::ErrorCode::kUnavailable, "", "");
            try {
                database->Read([&](platform::db::Session& s) { excluded = IndexedIdsWithHash(s, sha); });
                checked = CheckAgainstIndex(*database, prepared, excluded);
            } catch (const platform::db::DbError& e) {
                return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
            }
            if (!checked) return platform::Fail(1, fmt::format("{}: {}", ctx.name, checked.error().detail));
            std::vector<std::string> source_names;
            for (const auto& doc : checked->sources) {
                source_names.push_back(doc.ref.empty() ? fmt::format("document:{}", doc.id) : doc.ref);
            }
            std::cout << ReportJson(file, checked->report, text->hidden_runs, source_names).dump() << "\n";
            continue;
        }
        // A file inside the folder is not its own source.
        const fs::path self = fs::weakly_canonical(file, ec);
        std::vector<std::size_t> exclude;
        for (std::size_t s = 0; s < canonical.size(); ++s) {
            if (canonical[s] == self) exclude.push_back(s);
        }
        const CheckReport report = collection.Check(prepared, {}, exclude);
        std::cout << ReportJson(file, report, text->hidden_runs, names).dump() << "\n";
    }
    return exit;
}

}  // namespace

void RegisterIntegrityCommands(platform::ModuleRegistry& registry) {
    registry.AddCommand({.name = "integrity check",
                         .summary = "check documents for borrowing against a folder of sources or the "
                                    "collection in the database (JSON lines)",
                         .run = RunCheck});
    registry.AddCommand({.name = "integrity index",
                         .summary = "add a folder of reference documents to the collection in the database "
                                    "(JSON lines)",
                         .run = RunIndex});
}

}  // namespace oqu::integrity
