// The persistent index at scale (issue 6 §5; docs/BENCHMARKS.md "Integrity index").
//   oqu_bench_index generate --corpus DIR --docs N [--seed S] --out DIR
//       writes the seeded collection as N text files (for `oqu integrity index`);
//   oqu_bench_index run --corpus DIR --db URL --docs N [--seed S] [--checks 20] [--adds 50]
//       builds the collection in the database through AddToIndex and measures the floors:
//       documents/s for the build, one-document add latency, p95 check time of a 3,000-word
//       paper, bytes per word on disk, peak RSS. One JSON object on stdout.
// The collection: documents of 300-900 words drawn from a word-bigram model of each language of
// the development corpus (kk, ru, en in its proportions), 15 % of the words replaced by random
// words of the vocabulary so that texts are new; document i depends only on (seed, i).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include "integrity/icu_tables.hpp"
#include "integrity/index_store.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"

namespace fs = std::filesystem;
namespace db = oqu::platform::db;
using namespace oqu::integrity;  // NOLINT(google-build-using-namespace): a one-file tool

namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A word-bigram model of one language.
struct Model {
    std::vector<std::string> words;
    std::vector<std::vector<std::uint32_t>> next;
};

class Generator {
public:
    Generator(const fs::path& corpus, std::uint64_t seed) : seed_(seed) {
        for (const char* sub : {"src", "susp"}) {
            for (const auto& e : fs::directory_iterator(corpus / sub)) {
                const std::string name = e.path().filename().string();
                if (e.path().extension() != ".txt" || name.size() < 7) continue;
                const std::string lang = name.substr(name.find('-') + 1, 2);
                Learn(models_[lang], ReadFile(e.path()));
            }
        }
    }

    /// Document `i` of the collection, `words` words long (0: 300-900).
    std::string Document(std::uint64_t i, int words = 0) const {
        std::mt19937_64 rng(seed_ * 1'000'003ULL + i);
        const int pick = static_cast<int>(rng() % 130);  // 50 kk : 45 ru : 35 en, as the corpus
        const Model& m = models_.at(pick < 50 ? "kk" : pick < 95 ? "ru" : "en");
        const int n = words > 0 ? words : 300 + static_cast<int>(rng() % 601);
        std::string out;
        out.reserve(static_cast<std::size_t>(n) * 9);
        std::uint32_t w = static_cast<std::uint32_t>(rng() % m.words.size());
        for (int k = 0; k < n; ++k) {
            if (k > 0) out += (k % 70 == 0) ? "\n\n" : " ";
            out += m.words[w];
            const auto& succ = m.next[w];
            if (succ.empty() || rng() % 100 < 15) {
                w = static_cast<std::uint32_t>(rng() % m.words.size());
            } else {
                w = succ[rng() % succ.size()];
            }
        }
        return out;
    }

private:
    static void Learn(Model& m, const std::string& text) {
        std::unordered_map<std::string, std::uint32_t> ids;
        for (std::uint32_t k = 0; k < m.words.size(); ++k) ids.emplace(m.words[k], k);
        std::istringstream in(text);
        std::string word;
        std::uint32_t prev = UINT32_MAX;
        while (in >> word) {
            auto [it, added] = ids.emplace(word, static_cast<std::uint32_t>(m.words.size()));
            if (added) {
                m.words.push_back(word);
                m.next.emplace_back();
            }
            if (prev != UINT32_MAX) m.next[prev].push_back(it->second);
            prev = it->second;
        }
    }

    std::uint64_t seed_;
    std::map<std::string, Model> models_;
};

long PeakRssKb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(k, v.size() - 1)];
}

oqu::core::Instant Now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

/// CPU seconds (user + system) this process used so far.
double CpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Bytes the index takes on disk: PostgreSQL's relation with its TOAST and indexes; for SQLite
/// the file once the handle is closed (closing checkpoints the WAL into it).
std::int64_t DiskBytes(std::unique_ptr<db::Database>& database, const std::string& url) {
    if (database->dialect() == db::Dialect::kPostgres) {
        return database->Read([](db::Session& s) {
            return s.Query("SELECT pg_total_relation_size('integrity_document')")[0].Int(0);
        });
    }
    database.reset();
    const fs::path file = url.substr(std::string("sqlite:").size());
    std::error_code ec;
    auto total = static_cast<std::int64_t>(fs::file_size(file, ec));
    const auto wal = fs::file_size(file.string() + "-wal", ec);
    if (!ec) total += static_cast<std::int64_t>(wal);
    return total;
}

int Run(const fs::path& corpus, const std::string& url, std::uint64_t docs, std::uint64_t seed, int checks,
        int adds) {
    const Generator gen(corpus, seed);
    const auto& tables = Icu();
    auto database = db::Database::Open(url);
    db::Migrate(*database,
                db::LoadMigrations("integrity", fs::path(OQU_SOURCE_RESOURCES) / "integrity/schema",
                                   database->dialect()));
    const auto before = database->Read([](db::Session& s) { return IndexStatistics(s); });
    if (before.documents != 0) {
        std::cerr << "the database already holds an index; use an empty one\n";
        return 2;
    }

    // The generator's own cost, to tell the indexing apart: CPU seconds to generate a sample.
    const std::uint64_t sample = std::min<std::uint64_t>(docs, 5000);
    const double g0 = CpuSeconds();
    std::size_t generated_bytes = 0;
    for (std::uint64_t k = 0; k < sample; ++k) generated_bytes += gen.Document(k).size();
    const double generate_cpu = (CpuSeconds() - g0) * static_cast<double>(docs) / static_cast<double>(sample);

    // 1. Build: every core prepares a batch (generation included in the time), one writer adds it
    //    in one transaction.
    constexpr std::uint64_t kBatch = 500;
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
    const auto t0 = Clock::now();
    const double cpu0 = CpuSeconds();
    double prepare_ms = 0;
    double write_ms = 0;
    // Batch n + 1 is generated, prepared and encoded (on every core) while batch n is written.
    auto prepare = [&](std::uint64_t from) {
        const std::uint64_t to = std::min(docs, from + kBatch);
        std::vector<EncodedDocument> batch(to - from);
        std::atomic<std::uint64_t> next{from};
        auto work = [&] {
            for (std::uint64_t k = next++; k < to; k = next++) {
                batch[k - from] = EncodeForIndex(PrepareText(DecodeUtf8(gen.Document(k)), tables));
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        return batch;
    };
    auto pending = std::async(std::launch::async, prepare, 0);
    for (std::uint64_t from = 0; from < docs; from += kBatch) {
        const auto p0 = Clock::now();
        std::vector<EncodedDocument> batch = pending.get();
        const auto p1 = Clock::now();
        if (from + kBatch < docs) pending = std::async(std::launch::async, prepare, from + kBatch);
        std::vector<IndexedDocument> described;
        described.reserve(batch.size());
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const std::string ref = fmt::format("bench:{}", from + k);
            described.push_back({.origin = "reference", .title = ref, .ref = ref});
        }
        database->Transact([&](db::Session& s) {
            if (!AddEncodedBatchToIndex(s, batch, described, Now())) throw db::DbError("add failed");
        });
        prepare_ms += Ms(p1 - p0);
        write_ms += Ms(Clock::now() - p1);
        const std::uint64_t to = from + batch.size();
        if ((to / kBatch) % 20 == 0) {
            std::cerr << fmt::format("{} documents, {:.0f} s\n", to, Ms(Clock::now() - t0) / 1000);
        }
    }
    const double build_s = Ms(Clock::now() - t0) / 1000;
    const double build_cpu = CpuSeconds() - cpu0;
    const auto stats = database->Read([](db::Session& s) { return IndexStatistics(s); });

    // 2. Checks: a 3,000-word paper with three planted 120-word passages of indexed documents.
    //    The first check after a cold start loads the postings from the database.
    ForgetIndexCaches();
    std::vector<double> check_ms;
    double cold_ms = 0;
    int planted_found = 0;
    for (int c = 0; c <= checks; ++c) {
        std::string paper = gen.Document(docs + 1'000'000 + static_cast<std::uint64_t>(c), 3000);
        std::vector<std::int64_t> sources;
        for (int p = 0; p < 3; ++p) {
            const std::uint64_t src =
                (static_cast<std::uint64_t>(c) * 7919 + static_cast<std::uint64_t>(p) * 104729) % docs;
            std::istringstream in(gen.Document(src));
            std::vector<std::string> words{std::istream_iterator<std::string>(in), {}};
            std::string passage;
            for (std::size_t k = 0; k < std::min<std::size_t>(120, words.size()); ++k) {
                passage += words[k] + " ";
            }
            const std::size_t at = paper.find(' ', paper.size() * static_cast<std::size_t>(p + 1) / 4);
            paper.insert(at, "\n\n" + passage + "\n\n");
            sources.push_back(static_cast<std::int64_t>(src));
        }
        const auto c0 = Clock::now();
        const PreparedText text = PrepareText(DecodeUtf8(paper), tables);
        auto checked = CheckAgainstIndex(*database, text, {});
        const double ms = Ms(Clock::now() - c0);
        if (!checked) return 1;
        if (c == 0) {
            cold_ms = ms;
        } else {
            check_ms.push_back(ms);
        }
        for (const auto& doc : checked->sources) {
            if (std::find(sources.begin(), sources.end(), std::stoll(doc.ref.substr(6))) != sources.end()) {
                ++planted_found;
            }
        }
    }

    // 3. One document at a time, each in its own transaction (prepare included).
    std::vector<double> add_ms;
    for (int a = 0; a < adds; ++a) {
        const std::string body = gen.Document(docs + 2'000'000 + static_cast<std::uint64_t>(a));
        const auto a0 = Clock::now();
        const PreparedText text = PrepareText(DecodeUtf8(body), tables);
        database->Transact([&](db::Session& s) {
            if (!AddToIndex(s, text,
                            {.origin = "submission", .title = "add", .ref = fmt::format("add:{}", a)},
                            Now())) {
                throw db::DbError("add failed");
            }
        });
        add_ms.push_back(Ms(Clock::now() - a0));
    }

    const std::string backend = database->dialect() == db::Dialect::kPostgres ? "postgresql" : "sqlite";
    const std::int64_t disk = DiskBytes(database, url);
    const nlohmann::json out = {
        {"backend", backend},
        {"documents", stats.documents},
        {"words", stats.words},
        {"threads", threads},
        {"build_seconds", build_s},
        {"build_docs_per_s", static_cast<double>(docs) / build_s},
        {"build_cpu_seconds", build_cpu},
        {"build_docs_per_cpu_s", static_cast<double>(docs) / build_cpu},
        {"generator_cpu_seconds_estimate", generate_cpu},
        {"index_docs_per_cpu_s", static_cast<double>(docs) / (build_cpu - generate_cpu)},
        {"sample_generated_bytes", generated_bytes},
        {"build_wait_for_prepare_seconds", prepare_ms / 1000},
        {"build_write_seconds", write_ms / 1000},
        {"check_cold_ms", cold_ms},
        {"check_p50_ms", Percentile(check_ms, 0.5)},
        {"check_p95_ms", Percentile(check_ms, 0.95)},
        {"check_max_ms", Percentile(check_ms, 1.0)},
        {"planted_found", planted_found},
        {"planted", 3 * (checks + 1)},
        {"add_p50_ms", Percentile(add_ms, 0.5)},
        {"add_p95_ms", Percentile(add_ms, 0.95)},
        {"add_max_ms", Percentile(add_ms, 1.0)},
        {"disk_bytes", disk},
        {"disk_bytes_per_word", static_cast<double>(disk) / static_cast<double>(stats.words)},
        {"fingerprint_bytes_per_word",
         static_cast<double>(stats.fingerprint_bytes) / static_cast<double>(stats.words)},
        {"text_bytes_per_word", static_cast<double>(stats.text_bytes) / static_cast<double>(stats.words)},
        {"peak_rss_mb", static_cast<double>(PeakRssKb()) / 1024}};
    std::cout << out.dump() << "\n";
    return 0;
}

int Generate(const fs::path& corpus, std::uint64_t docs, std::uint64_t seed, const fs::path& out) {
    const Generator gen(corpus, seed);
    for (std::uint64_t i = 0; i < docs; ++i) {
        const fs::path dir = out / fmt::format("{:03}", i / 1000);
        if (i % 1000 == 0) fs::create_directories(dir);
        std::ofstream(dir / fmt::format("doc-{:06}.txt", i), std::ios::binary) << gen.Document(i);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: oqu_bench_index generate|run --corpus DIR [--docs N] [--seed S] [--out DIR] "
                     "[--db URL] [--checks N] [--adds N]\n";
        return 2;
    }
    const std::string mode = argv[1];
    std::map<std::string, std::string> flags;
    for (int i = 2; i + 1 < argc; i += 2) flags[argv[i]] = argv[i + 1];
    auto get = [&](const std::string& k, const std::string& def) {
        const auto it = flags.find(k);
        return it == flags.end() ? def : it->second;
    };
    const fs::path corpus = get("--corpus", "");
    const std::uint64_t docs = std::stoull(get("--docs", "100000"));
    const std::uint64_t seed = std::stoull(get("--seed", "20261127"));
    if (corpus.empty()) {
        std::cerr << "name the corpus with --corpus DIR\n";
        return 2;
    }
    try {
        if (mode == "generate") return Generate(corpus, docs, seed, get("--out", "collection"));
        if (mode == "run") {
            return Run(corpus, get("--db", ""), docs, seed, std::stoi(get("--checks", "20")),
                       std::stoi(get("--adds", "50")));
        }
    } catch (const std::exception& e) {
        std::cerr << "oqu_bench_index: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
}
