#include "integrity/index_store.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zlib.h>

#include "integrity/icu_tables.hpp"
#include "platform/db/database.hpp"

namespace oqu::integrity {
namespace {

namespace db = platform::db;

// ---- Encodings ------------------------------------------------------------------------------

std::uint32_t Short(std::uint64_t h) {
    return static_cast<std::uint32_t>(h ^ (h >> 32U));
}

/// The winnowed fingerprints of a text as sorted distinct 32-bit hashes.
std::vector<std::uint32_t> FingerprintHashes(const PreparedText& text) {
    const auto selected = Winnow(text.grams, RetrievalOptions{}.window);
    std::vector<std::uint32_t> out;
    out.reserve(selected.size());
    for (const Fingerprint& f : selected) out.push_back(Short(f.hash));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string EncodeHashes(const std::vector<std::uint32_t>& sorted) {
    std::string out(sorted.size() * 5, '\0');  // a 32-bit delta takes at most five bytes
    char* o = out.data();
    std::uint32_t last = 0;
    for (const std::uint32_t h : sorted) {
        std::uint32_t d = h - last;
        last = h;
        while (d >= 0x80U) {
            *o++ = static_cast<char>((d & 0x7FU) | 0x80U);
            d >>= 7U;
        }
        *o++ = static_cast<char>(d);
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

template <typename F>
bool DecodeHashes(std::string_view bytes, F&& each) {
    std::uint32_t last = 0;
    std::size_t i = 0;
    while (i < bytes.size()) {
        std::uint32_t d = 0;
        int shift = 0;
        for (;;) {
            if (i >= bytes.size() || shift > 28) return false;
            const auto b = static_cast<std::uint8_t>(bytes[i++]);
            d |= static_cast<std::uint32_t>(b & 0x7FU) << static_cast<unsigned>(shift);
            if ((b & 0x80U) == 0) break;
            shift += 7;
        }
        last += d;
        each(last);
    }
    return true;
}

// The stored text: a compact one-byte-per-letter coding of the code points (below), then zlib.
// Cyrillic in UTF-8 takes two bytes a letter and the texts of Kazakh and Russian works are
// mostly Cyrillic, so this stores them in about four fifths of the space of compressed UTF-8.
//   0x00, 0x02..0x7F except the slots: that ASCII character; 0x80..0xFF: U+0400 + (b - 0x80);
//   a slot byte (controls that texts do not hold): a letter or sign of kSlots;
//   0x01 (kEscape): the UTF-8 of one code point follows.
constexpr std::uint8_t kEscape = 0x01;
constexpr std::uint8_t kFormat = 1;
constexpr std::array<std::uint8_t, 27> kSlotBytes = {0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C,
                                                     0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
                                                     0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F};
constexpr std::array<char32_t, 27> kSlots = {U'ә', U'Ә', U'ғ', U'Ғ', U'қ', U'Қ', U'ң', U'Ң', U'ө',
                                             U'Ө', U'ұ', U'Ұ', U'ү', U'Ү', U'һ', U'Һ', U'—', U'–',
                                             U'«', U'»', U'“', U'”', U'„', U'…', U'’', U'№', 0x00A0};

/// The coding as two tables: the byte of each code point below U+0530 (0: escape), the code
/// point of each byte (0 for kEscape).
struct CompactTables {
    std::array<std::uint8_t, 0x530> byte_of{};
    std::array<char32_t, 256> char_of{};
    CompactTables() {
        for (char32_t c = 0; c < 0x80; ++c) {
            byte_of[c] = static_cast<std::uint8_t>(c);
            char_of[c] = c;
        }
        for (char32_t c = 0x400; c < 0x480; ++c) {
            byte_of[c] = static_cast<std::uint8_t>(0x80 + (c - 0x400));
            char_of[0x80 + (c - 0x400)] = c;
        }
        byte_of[kEscape] = 0;
        char_of[kEscape] = 0;
        for (std::size_t k = 0; k < kSlots.size(); ++k) {
            const std::uint8_t b = kSlotBytes[k];
            if (byte_of[b] == b) byte_of[b] = 0;  // the control itself is escaped
            if (kSlots[k] < byte_of.size()) byte_of[kSlots[k]] = b;
            char_of[b] = kSlots[k];
        }
    }
};

const CompactTables& Compact() {
    static const CompactTables kTables;
    return kTables;
}

std::string EncodeCompact(std::u32string_view text) {
    const CompactTables& t = Compact();
    std::string out(text.size() * 5, '\0');  // at most an escape and four bytes a code point
    char* o = out.data();
    for (const char32_t c : text) {
        std::uint8_t b = c < t.byte_of.size() ? t.byte_of[c] : 0;
        if (b == 0 && c != 0) {
            // Beyond the table: the punctuation slots, else escaped.
            const auto* slot = std::find(kSlots.begin(), kSlots.end(), c);
            if (slot != kSlots.end()) b = kSlotBytes[static_cast<std::size_t>(slot - kSlots.begin())];
        }
        if (b != 0 || c == 0) {
            *o++ = static_cast<char>(b);
            continue;
        }
        *o++ = static_cast<char>(kEscape);
        const std::string utf8 = EncodeUtf8(std::u32string_view(&c, 1));
        o = std::copy(utf8.begin(), utf8.end(), o);
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

std::optional<std::u32string> DecodeCompact(std::string_view bytes) {
    const CompactTables& t = Compact();
    std::u32string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<std::uint8_t>(bytes[i]);
        if (b == kEscape) {
            if (i + 1 >= bytes.size()) return std::nullopt;
            const auto lead = static_cast<std::uint8_t>(bytes[i + 1]);
            const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (i + 1 + len > bytes.size()) return std::nullopt;
            out += DecodeUtf8(bytes.substr(i + 1, len));
            i += 1 + len;
        } else {
            out.push_back(t.char_of[b]);
            ++i;
        }
    }
    return out;
}

/// zlib's deflate state is about 270 KB; allocating and clearing one per document cost as much as
/// compressing it, so each thread keeps one and resets it.
class Deflater {
public:
    Deflater() {
        if (deflateInit2(&stream_, kLevel, Z_DEFLATED, kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
            throw db::DbError("integrity: zlib initialisation failed");
        }
    }
    ~Deflater() { deflateEnd(&stream_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    /// Appends the zlib stream of `raw` to `out`.
    void Compress(std::string_view raw, std::string& out) {
        if (deflateReset(&stream_) != Z_OK) throw db::DbError("integrity: zlib reset failed");
        const std::size_t at = out.size();
        const uLong bound = deflateBound(&stream_, static_cast<uLong>(raw.size()));
        out.resize(at + bound);
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
        stream_.avail_in = static_cast<uInt>(raw.size());
        stream_.next_out = reinterpret_cast<Bytef*>(out.data() + at);
        stream_.avail_out = static_cast<uInt>(bound);
        if (deflate(&stream_, Z_FINISH) != Z_STREAM_END) {
            throw db::DbError("integrity: zlib compression failed");
        }
        out.resize(at + (bound - stream_.avail_out));
    }

private:
    // Works are tens of kilobytes at most: a 16 KB window finds the same repeats as 32 KB.
    static constexpr int kLevel = 6;
    static constexpr int kWindowBits = 14;
    static constexpr int kMemLevel = 8;
    z_stream stream_{};
};

/// [kFormat][coded length, 4 bytes little-endian][zlib of the coded text].
std::string Compress(std::u32string_view text) {
    thread_local Deflater deflater;
    const std::string raw = EncodeCompact(text);
    std::string out(5, '\0');
    out[0] = static_cast<char>(kFormat);
    const auto n = static_cast<std::uint32_t>(raw.size());
    for (unsigned k = 0; k < 4; ++k) out[1 + k] = static_cast<char>((n >> (8U * k)) & 0xFFU);
    deflater.Compress(raw, out);
    return out;
}

std::optional<std::u32string> Decompress(std::string_view z) {
    if (z.size() < 5 || static_cast<std::uint8_t>(z[0]) != kFormat) return std::nullopt;
    std::uint32_t n = 0;
    for (unsigned k = 0; k < 4; ++k) {
        n |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(z[1 + k])) << (8U * k);
    }
    std::string raw(n, '\0');
    uLongf size = n;
    const int rc = uncompress(reinterpret_cast<Bytef*>(raw.data()), &size,
                              reinterpret_cast<const Bytef*>(z.data() + 5), static_cast<uLong>(z.size() - 5));
    if (rc != Z_OK || size != n) return std::nullopt;
    return DecodeCompact(raw);
}

}  // namespace

std::string ContentSha256(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr);
    std::string out;
    out.reserve(64);
    for (unsigned int k = 0; k < len; ++k) out += fmt::format("{:02x}", md[k]);
    return out;
}

namespace {

IndexedDocument DocumentFrom(const db::Row& r) {
    return {.id = r.Int(0),
            .origin = r.Text(1),
            .title = r.Text(2),
            .ref = r.Text(3),
            .content_sha256 = r.Text(4)};
}

// ---- The in-process postings, a cache of the rows -------------------------------------------

/// Postings of every loaded document: (hash, ordinal) pairs in 2^18 buckets by the hash's top
/// bits, about 8 bytes a fingerprint. The documents of the first load (a process's cold start:
/// the whole collection) sit in one array ordered by bucket, built by a counting sort on every
/// core; documents loaded later are appended to small per-bucket vectors.
class Postings {
public:
    static constexpr unsigned kBits = 18;
    static constexpr std::size_t kBuckets = std::size_t{1} << kBits;

    Postings() : tail_(kBuckets) {}

    void Add(std::int64_t id, std::string_view blob) {
        const auto ordinal = static_cast<std::uint32_t>(ids_.size());
        ids_.push_back(id);
        DecodeHashes(blob, [&](std::uint32_t h) { tail_[h >> (32U - kBits)].push_back({h, ordinal}); });
    }

    /// The first load: every document at once (the postings must be empty).
    void AddBulk(std::vector<std::pair<std::int64_t, std::string>>& docs) {
        const auto first = static_cast<std::uint32_t>(ids_.size());
        for (const auto& d : docs) ids_.push_back(d.first);
        const unsigned threads =
            docs.size() < 1000 ? 1U : std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
        // Pass 1: each thread counts the hashes of its share of the documents per bucket.
        std::vector<std::vector<std::size_t>> counts(threads, std::vector<std::size_t>(kBuckets + 1, 0));
        auto share = [&](unsigned t) {
            return std::pair{docs.size() * t / threads, docs.size() * (t + 1) / threads};
        };
        RunOn(threads, [&](unsigned t) {
            auto& c = counts[t];
            const auto [from, to] = share(t);
            for (std::size_t k = from; k < to; ++k) {
                DecodeHashes(docs[k].second, [&](std::uint32_t h) { ++c[h >> (32U - kBits)]; });
            }
        });
        // Where each thread writes in each bucket: buckets in order, threads in order inside.
        offsets_.assign(kBuckets + 1, 0);
        std::size_t total = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            offsets_[b] = total;
            for (unsigned t = 0; t < threads; ++t) {
                const std::size_t n = counts[t][b];
                counts[t][b] = total;
                total += n;
            }
        }
        offsets_[kBuckets] = total;
        base_.resize(total);
        // Pass 2: each thread decodes its documents again into its places.
        RunOn(threads, [&](unsigned t) {
            auto& at = counts[t];
            const auto [from, to] = share(t);
            for (std::size_t k = from; k < to; ++k) {
                const auto ordinal = static_cast<std::uint32_t>(first + k);
                DecodeHashes(docs[k].second, [&](std::uint32_t h) {
                    base_[at[h >> (32U - kBits)]++] = {h, ordinal};
                });
            }
        });
    }

    std::size_t size() const { return ids_.size(); }
    std::int64_t max_id() const { return ids_.empty() ? 0 : *std::max_element(ids_.begin(), ids_.end()); }
    const std::vector<std::int64_t>& ids() const { return ids_; }

    /// Document ids sharing at least `min_shared` distinct hashes with `grams`, most first.
    std::vector<std::pair<std::int64_t, int>> Candidates(std::span<const std::uint64_t> grams,
                                                         const RetrievalOptions& options,
                                                         std::span<const std::int64_t> excluded) const {
        const auto max_docs =
            std::max<std::size_t>(2, static_cast<std::size_t>(std::ceil(options.max_document_share *
                                                                        static_cast<double>(ids_.size()))));
        std::vector<std::uint32_t> hashes;
        hashes.reserve(grams.size());
        for (const std::uint64_t g : grams) hashes.push_back(Short(g));
        std::sort(hashes.begin(), hashes.end());
        hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
        std::unordered_map<std::uint32_t, int> shared;
        std::vector<std::uint32_t> hits;
        for (const std::uint32_t h : hashes) {
            hits.clear();
            const std::size_t bucket = h >> (32U - kBits);
            if (!offsets_.empty()) {
                for (std::size_t k = offsets_[bucket]; k < offsets_[bucket + 1]; ++k) {
                    if (base_[k].hash == h) hits.push_back(base_[k].ordinal);
                }
            }
            for (const Entry& e : tail_[bucket]) {
                if (e.hash == h) hits.push_back(e.ordinal);
            }
            if (hits.size() > max_docs) continue;
            for (const std::uint32_t d : hits) ++shared[d];
        }
        std::vector<std::pair<std::int64_t, int>> out;
        for (const auto& [d, count] : shared) {
            const std::int64_t id = ids_[d];
            if (count < options.min_shared ||
                std::find(excluded.begin(), excluded.end(), id) != excluded.end()) {
                continue;
            }
            out.emplace_back(id, count);
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (out.size() > options.max_candidates) out.resize(options.max_candidates);
        return out;
    }

private:
    struct Entry {
        std::uint32_t hash;
        std::uint32_t ordinal;
    };

    template <typename F>
    static void RunOn(unsigned threads, F&& work) {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&work, t] { work(t); });
        work(0U);
        for (auto& t : pool) t.join();
    }

    std::vector<std::size_t> offsets_;  ///< Bucket b of base_ is [offsets_[b], offsets_[b + 1]).
    std::vector<Entry> base_;
    std::vector<std::vector<Entry>> tail_;
    std::vector<std::int64_t> ids_;
};

/// The postings of one database (named by integrity_index_meta.instance), shared by every
/// Database handle of the process on it.
struct Cache {
    std::shared_mutex mutex;
    Postings postings;
};

/// The caches of the databases this process checked against, by instance. A few at most: a
/// server has one database, tests a handful.
struct Caches {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<Cache>> by_instance;
};

Caches& AllCaches() {
    static Caches caches;
    return caches;
}

std::shared_ptr<Cache> CacheFor(const std::string& instance) {
    Caches& all = AllCaches();
    const std::lock_guard lock(all.mutex);
    auto& cache = all.by_instance[instance];
    if (!cache) cache = std::make_shared<Cache>();
    return cache;
}

constexpr std::int64_t kBatch = 5000;

/// Loads the committed rows the cache has not seen. Rows are never removed, so when the counts
/// agree the cache holds exactly the committed documents.
void CatchUp(db::Database& database, Cache& cache) {
    std::int64_t count = 0;
    {
        const std::shared_lock read(cache.mutex);
        count = database.Read(
            [](db::Session& s) { return s.Query("SELECT count(*) FROM integrity_document")[0].Int(0); });
        if (count == static_cast<std::int64_t>(cache.postings.size())) return;
    }
    const std::unique_lock write(cache.mutex);
    if (cache.postings.size() == 0) {
        // A cold start: every row, then one bulk build of the postings.
        std::vector<std::pair<std::int64_t, std::string>> docs;
        for (std::int64_t after = 0;;) {
            const auto rows = database.Read([&](db::Session& s) {
                return s.Query(
                    "SELECT id, fingerprints FROM integrity_document WHERE id > ? ORDER BY id LIMIT ?",
                    {after, kBatch});
            });
            for (const auto& r : rows) {
                after = r.Int(0);
                docs.emplace_back(after, r.Bytes(1).bytes);
            }
            if (static_cast<std::int64_t>(rows.size()) < kBatch) break;
        }
        cache.postings.AddBulk(docs);
    }
    // The tail: documents committed after the last load, in id order.
    for (;;) {
        const std::int64_t after = cache.postings.max_id();
        const auto rows = database.Read([&](db::Session& s) {
            return s.Query("SELECT id, fingerprints FROM integrity_document WHERE id > ? ORDER BY id LIMIT ?",
                           {after, kBatch});
        });
        for (const auto& r : rows) cache.postings.Add(r.Int(0), r.Bytes(1).bytes);
        if (static_cast<std::int64_t>(rows.size()) < kBatch) break;
    }
    count = database.Read(
        [](db::Session& s) { return s.Query("SELECT count(*) FROM integrity_document")[0].Int(0); });
    if (count <= static_cast<std::int64_t>(cache.postings.size())) return;
    // A transaction that took an id below one already loaded committed later (PostgreSQL
    // identities are handed out before commit): find the gaps by id.
    const std::unordered_set<std::int64_t> have(cache.postings.ids().begin(), cache.postings.ids().end());
    const auto all =
        database.Read([](db::Session& s) { return s.Query("SELECT id FROM integrity_document"); });
    for (const auto& r : all) {
        const std::int64_t id = r.Int(0);
        if (have.count(id) != 0) continue;
        const auto one = database.Read([&](db::Session& s) {
            return s.Query("SELECT id, fingerprints FROM integrity_document WHERE id = ?", {id});
        });
        if (!one.empty()) cache.postings.Add(one[0].Int(0), one[0].Bytes(1).bytes);
    }
}

std::string Instance(db::Database& database) {
    return database.Read([](db::Session& s) {
        const auto rows = s.Query("SELECT instance FROM integrity_index_meta");
        if (rows.empty()) throw db::DbError("integrity: integrity_index_meta is empty");
        return rows[0].Text(0);
    });
}

}  // namespace

EncodedDocument EncodeForIndex(const PreparedText& text) {
    return {.text_z = Compress(text.text),
            .fingerprints = EncodeHashes(FingerprintHashes(text)),
            .words = static_cast<std::int64_t>(text.norm.tokens.size()),
            .text_sha256 = ContentSha256(EncodeUtf8(text.text))};
}

core::Result<std::int64_t> AddEncodedToIndex(db::Session& session, const EncodedDocument& encoded,
                                             const IndexedDocument& doc, core::Instant now) {
    if (doc.origin != "submission" && doc.origin != "reference") {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.index.bad_origin", "bad origin");
    }
    const auto rows = session.Query(
        "INSERT INTO integrity_document (origin, title, ref, content_sha256, words, text_z, fingerprints, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {doc.origin, doc.title, doc.ref,
         doc.content_sha256.empty() ? encoded.text_sha256 : doc.content_sha256, encoded.words,
         db::Blob{encoded.text_z}, db::Blob{encoded.fingerprints}, core::ToMicros(now)});
    return rows[0].Int(0);
}

core::Result<std::vector<std::int64_t>> AddEncodedBatchToIndex(db::Session& session,
                                                               std::span<const EncodedDocument> encoded,
                                                               std::span<const IndexedDocument> docs,
                                                               core::Instant now) {
    if (encoded.size() != docs.size()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.index.bad_batch", "sizes differ");
    }
    for (const IndexedDocument& doc : docs) {
        if (doc.origin != "submission" && doc.origin != "reference") {
            return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.index.bad_origin",
                                   "bad origin");
        }
    }
    // Statements of kRows rows (8 parameters each: well under SQLite's 32,766 and PostgreSQL's
    // 65,535), so a batch of 500 is four round trips instead of 500; the statements of full
    // chunks are all the same text, so the backends' statement caches hold one.
    constexpr std::size_t kRows = 125;
    std::vector<std::int64_t> ids;
    ids.reserve(docs.size());
    for (std::size_t from = 0; from < docs.size(); from += kRows) {
        const std::size_t to = std::min(docs.size(), from + kRows);
        std::string sql =
            "INSERT INTO integrity_document (origin, title, ref, content_sha256, words, text_z, "
            "fingerprints, "
            "added_at) VALUES ";
        db::Params params;
        params.reserve((to - from) * 8);
        for (std::size_t k = from; k < to; ++k) {
            sql += k == from ? "(?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?)";
            const IndexedDocument& doc = docs[k];
            params.emplace_back(doc.origin);
            params.emplace_back(doc.title);
            params.emplace_back(doc.ref);
            params.emplace_back(doc.content_sha256.empty() ? encoded[k].text_sha256 : doc.content_sha256);
            params.emplace_back(encoded[k].words);
            params.emplace_back(db::Blob{encoded[k].text_z});
            params.emplace_back(db::Blob{encoded[k].fingerprints});
            params.emplace_back(core::ToMicros(now));
        }
        sql += " RETURNING id";
        // Ids are handed out in the order of the VALUES rows (one statement, one sequence);
        // RETURNING's order is not promised, so the ids are sorted back into that order.
        std::vector<std::int64_t> chunk;
        chunk.reserve(to - from);
        for (const auto& r : session.Query(sql, params)) chunk.push_back(r.Int(0));
        if (chunk.size() != to - from) throw db::DbError("integrity: a batch insert returned too few ids");
        std::sort(chunk.begin(), chunk.end());
        ids.insert(ids.end(), chunk.begin(), chunk.end());
    }
    return ids;
}

core::Result<std::int64_t> AddToIndex(db::Session& session, const PreparedText& text,
                                      const IndexedDocument& doc, core::Instant now) {
    if (doc.origin != "submission" && doc.origin != "reference") {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.index.bad_origin", "bad origin");
    }
    return AddEncodedToIndex(session, EncodeForIndex(text), doc, now);
}

core::Result<IndexCheck> CheckAgainstIndex(db::Database& database, const PreparedText& text,
                                           std::span<const std::int64_t> excluded) {
    const RetrievalOptions options;
    const auto cache = CacheFor(Instance(database));
    CatchUp(database, *cache);
    std::vector<std::pair<std::int64_t, int>> candidates;
    {
        const std::shared_lock read(cache->mutex);
        candidates = cache->postings.Candidates(text.grams, options, excluded);
    }
    IndexCheck out;
    if (candidates.empty()) {
        out.report = CheckText(text, {});
        return out;
    }
    // The candidates' rows, in one query.
    std::string sql =
        "SELECT id, origin, title, ref, content_sha256, text_z FROM integrity_document WHERE id IN (";
    db::Params params;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
        params.emplace_back(candidates[k].first);
    }
    sql += ")";
    const auto rows = database.Read([&](db::Session& s) { return s.Query(sql, params); });
    std::vector<IndexedDocument> docs;
    std::vector<PreparedText> prepared;
    docs.reserve(rows.size());
    prepared.reserve(rows.size());
    for (const auto& r : rows) {
        auto stored = Decompress(r.Bytes(5).bytes);
        if (!stored) throw db::DbError(fmt::format("integrity: document {} has a corrupt text", r.Int(0)));
        docs.push_back(DocumentFrom(r));
        prepared.push_back(PrepareText(std::move(*stored), Icu()));
    }
    std::vector<const PreparedText*> picked;
    picked.reserve(prepared.size());
    for (const auto& p : prepared) picked.push_back(&p);
    CheckReport report = CheckText(text, picked);
    // Only the documents a passage came from are named, in order of first mention.
    std::map<std::size_t, std::size_t> renumber;
    auto slot = [&](std::size_t s) {
        auto [it, added] = renumber.emplace(s, out.sources.size());
        if (added) out.sources.push_back(docs[s]);
        return it->second;
    };
    for (SourceShare& s : report.shares) s.source = slot(s.source);
    for (Match& m : report.matches) m.source = slot(m.source);
    out.report = std::move(report);
    return out;
}

core::Result<std::u32string> IndexedText(db::Session& session, std::int64_t document_id) {
    const auto rows = session.Query("SELECT text_z FROM integrity_document WHERE id = ?", {document_id});
    if (rows.empty()) {
        return core::MakeError(core::ErrorCode::kNotFound, "integrity.index.not_found", "no such document");
    }
    auto stored = Decompress(rows[0].Bytes(0).bytes);
    if (!stored) throw db::DbError(fmt::format("integrity: document {} has a corrupt text", document_id));
    return std::move(*stored);
}

std::optional<IndexedDocument> FindIndexedByHash(db::Session& session, std::string_view sha256) {
    const auto rows = session.Query(
        "SELECT id, origin, title, ref, content_sha256 FROM integrity_document WHERE content_sha256 = ? "
        "ORDER BY id LIMIT 1",
        {std::string(sha256)});
    if (rows.empty()) return std::nullopt;
    return DocumentFrom(rows[0]);
}

std::vector<std::int64_t> IndexedIdsWithHash(db::Session& session, std::string_view sha256) {
    std::vector<std::int64_t> out;
    for (const auto& r :
         session.Query("SELECT id FROM integrity_document WHERE content_sha256 = ?", {std::string(sha256)})) {
        out.push_back(r.Int(0));
    }
    return out;
}

void ForgetIndexCaches() {
    Caches& all = AllCaches();
    const std::lock_guard lock(all.mutex);
    all.by_instance.clear();
}

IndexStats IndexStatistics(db::Session& session) {
    const auto rows = session.Query(
        "SELECT count(*), coalesce(sum(words), 0), coalesce(sum(length(fingerprints)), 0), "
        "coalesce(sum(length(text_z)), 0) FROM integrity_document");
    return {.documents = rows[0].Int(0),
            .words = rows[0].Int(1),
            .fingerprint_bytes = rows[0].Int(2),
            .text_bytes = rows[0].Int(3)};
}

}  // namespace oqu::integrity
