// Runs the integrity engine over a PAN-format corpus and writes its detections as PAN XML, one
// file per suspicious document, for bench/integrity/score.py.
//   oqu_bench_integrity --corpus DIR --mode pairs|search --out DIR
// pairs: align every pair listed in DIR/pairs and DIR/pairs-negative;
// search: index DIR/src/*.txt and check each DIR/susp/*.txt against the whole collection;
// index (with --db URL, an empty database): the same through the persistent index in the
// database (AddToIndex, CheckAgainstIndex).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "integrity/domain/check.hpp"
#include "integrity/icu_tables.hpp"
#include "integrity/index_store.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"

namespace fs = std::filesystem;
using namespace oqu::integrity;  // NOLINT(google-build-using-namespace): a one-file tool

namespace {

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string Escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '"') {
            out += "&quot;";
        } else if (c == '&') {
            out += "&amp;";
        } else if (c == '<') {
            out += "&lt;";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

struct Detection {
    std::string source;
    Match match;
};

void WriteXml(const fs::path& dir, const std::string& susp, const std::vector<Detection>& found) {
    std::ofstream out(dir / (fs::path(susp).stem().string() + ".xml"));
    out << fmt::format("<document reference=\"{}\">\n", Escape(susp));
    for (const auto& d : found) {
        const char* kind = d.match.kind == MatchKind::kBorrowing   ? "borrowing"
                           : d.match.kind == MatchKind::kQuotation ? "quotation"
                                                                   : "reference";
        out << fmt::format(
            "  <feature name=\"detected-plagiarism\" kind=\"{}\" this_offset=\"{}\" this_length=\"{}\" "
            "source_reference=\"{}\" source_offset=\"{}\" source_length=\"{}\" />\n",
            kind, d.match.offset, d.match.length, Escape(d.source), d.match.source_offset,
            d.match.source_length);
    }
    out << "</document>\n";
}

int Main(int argc, char** argv) {
    fs::path corpus;
    fs::path out_dir;
    std::string mode = "pairs";
    std::string url;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--corpus") corpus = argv[i + 1];
        if (flag == "--out") out_dir = argv[i + 1];
        if (flag == "--mode") mode = argv[i + 1];
        if (flag == "--db") url = argv[i + 1];
    }
    if (corpus.empty() || out_dir.empty() || (mode != "pairs" && mode != "search" && mode != "index") ||
        (mode == "index" && url.empty())) {
        std::cerr
            << "usage: oqu_bench_integrity --corpus DIR --mode pairs|search|index [--db URL] --out DIR\n";
        return 2;
    }
    fs::create_directories(out_dir);
    const auto& tables = Icu();
    const auto t0 = std::chrono::steady_clock::now();

    std::map<std::string, PreparedText> sources;
    for (const auto& e : fs::directory_iterator(corpus / "src")) {
        if (e.path().extension() == ".txt") {
            sources.emplace(e.path().filename().string(),
                            PrepareText(DecodeUtf8(ReadFile(e.path())), tables));
        }
    }
    std::vector<std::string> susp_names;
    for (const auto& e : fs::directory_iterator(corpus / "susp")) {
        if (e.path().extension() == ".txt") susp_names.push_back(e.path().filename().string());
    }
    std::sort(susp_names.begin(), susp_names.end());
    const auto t1 = std::chrono::steady_clock::now();

    std::size_t checks = 0;
    std::size_t detections = 0;
    if (mode == "pairs") {
        std::map<std::string, std::set<std::string>> pairs;
        for (const char* list : {"pairs", "pairs-negative"}) {
            std::ifstream in(corpus / list);
            std::string s;
            std::string r;
            while (in >> s >> r) pairs[s].insert(r);
        }
        for (const auto& name : susp_names) {
            const PreparedText text = PrepareText(DecodeUtf8(ReadFile(corpus / "susp" / name)), tables);
            std::vector<Detection> found;
            for (const auto& src : pairs[name]) {
                const PreparedText* one = &sources.at(src);
                const CheckReport report = CheckText(text, std::span<const PreparedText* const>(&one, 1));
                ++checks;
                for (const Match& m : report.matches) found.push_back({src, m});
            }
            detections += found.size();
            WriteXml(out_dir, name, found);
        }
    } else if (mode == "index") {
        namespace db = oqu::platform::db;
        auto database = db::Database::Open(url);
        db::Migrate(*database,
                    db::LoadMigrations("integrity", fs::path(OQU_SOURCE_RESOURCES) / "integrity/schema",
                                       database->dialect()));
        const auto now =
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
        database->Transact([&](db::Session& s) {
            for (const auto& [name, text] : sources) {
                if (!AddToIndex(s, text, {.origin = "reference", .title = name, .ref = name}, now)) {
                    throw db::DbError("add failed");
                }
            }
        });
        for (const auto& name : susp_names) {
            const PreparedText text = PrepareText(DecodeUtf8(ReadFile(corpus / "susp" / name)), tables);
            const auto checked = CheckAgainstIndex(*database, text, {});
            if (!checked) return 1;
            ++checks;
            std::vector<Detection> found;
            for (const Match& m : checked->report.matches) {
                found.push_back({checked->sources[m.source].ref, m});
            }
            detections += found.size();
            WriteXml(out_dir, name, found);
        }
    } else {
        Collection collection;
        std::vector<std::string> names;
        for (auto& [name, text] : sources) {
            collection.Add(std::move(text));
            names.push_back(name);
        }
        for (const auto& name : susp_names) {
            const PreparedText text = PrepareText(DecodeUtf8(ReadFile(corpus / "susp" / name)), tables);
            const CheckReport report = collection.Check(text);
            ++checks;
            std::vector<Detection> found;
            for (const Match& m : report.matches) found.push_back({names[m.source], m});
            detections += found.size();
            WriteXml(out_dir, name, found);
        }
    }
    const auto t2 = std::chrono::steady_clock::now();
    using Ms = std::chrono::duration<double, std::milli>;
    std::cerr << fmt::format("{}: {} sources prepared in {:.0f} ms; {} checks, {} detections in {:.0f} ms\n",
                             mode, sources.size(), Ms(t1 - t0).count(), checks, detections,
                             Ms(t2 - t1).count());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return Main(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "oqu_bench_integrity: " << e.what() << "\n";
        return 1;
    }
}
