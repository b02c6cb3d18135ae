#include "integrity/index_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "integrity/icu_tables.hpp"
#include "integrity/index_store.hpp"
#include "platform/db/database.hpp"
#include "platform/module/flags.hpp"
#include "platform/module/open_database.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity {

namespace fs = std::filesystem;
namespace po = boost::program_options;
namespace web = platform::web;

core::Result<ExtractedText> ReadDocument(const fs::path& path, const ExtractLimits& limits,
                                         std::string* sha256) {
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
    if (sha256 != nullptr) *sha256 = ContentSha256(bytes);
    return ExtractText(*format, bytes, limits);
}

core::Result<std::vector<fs::path>> ListDocuments(const fs::path& dir) {
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && FormatFromFileName(it->path().filename().string())) {
            paths.push_back(it->path());
        }
    }
    if (ec) return core::MakeError(core::ErrorCode::kNotFound, "integrity.extract.unreadable", ec.message());
    std::sort(paths.begin(), paths.end());
    return paths;
}

core::Result<MessageFn> MessageFormatter(const platform::CommandContext& ctx, web::Language lang) {
    std::vector<fs::path> string_dirs;
    for (const auto& m : ctx.registry->modules()) {
        if (!m.strings_dir.empty()) string_dirs.push_back(ctx.config.resource_dir / m.strings_dir);
    }
    std::shared_ptr<const web::Strings> strings;
    try {
        strings = web::Strings::Load(string_dirs);
    } catch (const std::exception& e) {
        return core::MakeError(core::ErrorCode::kUnavailable, "", e.what());
    }
    return MessageFn([strings, lang](const core::Error& e) -> std::string {
        if (e.args.empty()) return strings->Get(lang, e.message_key);
        return strings->Format(lang, e.message_key,
                               std::map<std::string, std::string>(e.args.begin(), e.args.end()));
    });
}

namespace {

/// One file of the folder on its way into the index.
struct Pending {
    fs::path path;
    std::string sha256;
    std::optional<std::int64_t> existing;  ///< Already indexed under this id.
    std::optional<core::Error> error;
    std::optional<EncodedDocument> encoded;
    std::int64_t words = 0;
    std::int64_t id = 0;
};

/// Reads, extracts, prepares and encodes `batch` on every core.
void PrepareAll(std::vector<Pending>& batch, const ExtractLimits& limits) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k = next++; k < batch.size(); k = next++) {
            Pending& p = batch[k];
            auto text = ReadDocument(p.path, limits, &p.sha256);
            if (!text) {
                p.error = text.error();
                continue;
            }
            p.encoded = EncodeForIndex(PrepareText(DecodeUtf8(text->text), Icu()));
            p.words = p.encoded->words;
        }
    };
    const unsigned n = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
}

}  // namespace

// `oqu integrity index DIR --db URL`: adds every extractable file of DIR to the collection; one
// JSON object per file, then a summary (docs/CLI.md).
int RunIndex(platform::CommandContext& ctx) {
    po::options_description flags("Options");
    platform::AddCommonFlags(flags);
    flags.add_options()("dir", po::value<std::string>(), "the folder of reference documents")(
        "lang", po::value<std::string>()->default_value("kk"),
        "language of the error messages: kk | ru | en");
    po::positional_options_description positional;
    positional.add("dir", 1);
    po::variables_map values;
    if (auto exit = platform::ParseFlags(ctx, flags, positional, values, "DIR --db URL [--lang kk|ru|en]")) {
        return *exit;
    }
    if (values.count("dir") == 0U) {
        return platform::Fail(2, fmt::format("{}: name a folder to index", ctx.name));
    }
    if (values.count("db") == 0U) {
        return platform::Fail(2, fmt::format("{}: name the collection with --db URL", ctx.name));
    }
    const auto lang = web::ParseLanguage(values["lang"].as<std::string>());
    if (!lang) return platform::Fail(2, fmt::format("{}: --lang must be kk, ru or en", ctx.name));
    const fs::path dir = values["dir"].as<std::string>();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return platform::Fail(2, fmt::format("{}: {} is not a folder", ctx.name, dir.string()));
    }
    auto message = MessageFormatter(ctx, *lang);
    if (!message) return platform::Fail(1, fmt::format("{}: {}", ctx.name, message.error().detail));
    auto paths = ListDocuments(dir);
    if (!paths) {
        return platform::Fail(
            1, fmt::format("{}: cannot list {}: {}", ctx.name, dir.string(), paths.error().detail));
    }

    const auto started = std::chrono::steady_clock::now();
    const ExtractLimits limits;
    int indexed = 0;
    int skipped = 0;
    int failed = 0;
    std::set<std::string> seen;  // content hashes of this run
    try {
        const auto database = platform::OpenAndMigrate(*ctx.registry, ctx.config, nullptr);
        constexpr std::size_t kBatch = 64;
        for (std::size_t from = 0; from < paths->size(); from += kBatch) {
            std::vector<Pending> batch;
            for (std::size_t k = from; k < std::min(paths->size(), from + kBatch); ++k) {
                batch.push_back({.path = (*paths)[k]});
            }
            PrepareAll(batch, limits);
            database->Read([&](platform::db::Session& s) {
                for (Pending& p : batch) {
                    if (p.sha256.empty()) continue;
                    if (auto doc = FindIndexedByHash(s, p.sha256)) p.existing = doc->id;
                }
            });
            const auto now =
                std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
            // The new files of the batch, in one multi-row insert.
            std::vector<Pending*> adding;
            std::vector<EncodedDocument> encoded;
            std::vector<IndexedDocument> docs;
            std::set<std::string> added;
            for (Pending& p : batch) {
                if (p.error || p.existing || seen.count(p.sha256) != 0 || !added.insert(p.sha256).second) {
                    continue;
                }
                adding.push_back(&p);
                encoded.push_back(std::move(*p.encoded));
                docs.push_back({.origin = "reference",
                                .title = p.path.stem().string(),
                                .ref = p.path.string(),
                                .content_sha256 = p.sha256});
            }
            const auto ids = database->Transact([&](platform::db::Session& s) {
                auto out = AddEncodedBatchToIndex(s, encoded, docs, now);
                if (!out) throw platform::db::DbError(out.error().detail);
                return *out;
            });
            for (std::size_t k = 0; k < adding.size(); ++k) adding[k]->id = ids[k];
            for (Pending& p : batch) {
                nlohmann::json out = {{"file", p.path.string()}};
                if (p.error) {
                    out["status"] = "failed";
                    out["error"] = {{"key", p.error->message_key}, {"message", (*message)(*p.error)}};
                    ++failed;
                } else if (p.existing || p.id == 0) {
                    out["status"] = "skipped";
                    if (p.existing) out["document"] = *p.existing;
                    ++skipped;
                } else {
                    out["status"] = "indexed";
                    out["document"] = p.id;
                    out["words"] = p.words;
                    seen.insert(p.sha256);
                    ++indexed;
                }
                std::cout << out.dump() << "\n";
            }
        }
        const auto stats = database->Read([](platform::db::Session& s) { return IndexStatistics(s); });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout
            << nlohmann::json{{"summary", true},   {"indexed", indexed},           {"skipped", skipped},
                              {"failed", failed},  {"documents", stats.documents}, {"words", stats.words},
                              {"seconds", seconds}}
                   .dump()
            << "\n";
    } catch (const platform::db::DbError& e) {
        return platform::Fail(1, fmt::format("{}: {}", ctx.name, e.what()));
    }
    return failed > 0 ? 1 : 0;
}

}  // namespace oqu::integrity
