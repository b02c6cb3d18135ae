#pragma once

// The persistent borrowing-check index (R-O20, R-A1, R-O10: checked locally, in the portal's own
// database). The database is the truth: each indexed document is one row of integrity_document
// holding its text (zlib-compressed UTF-8) and its winnowed fingerprints (a blob of sorted,
// delta-varint-coded 32-bit hashes), written in the caller's transaction, so a document is in the
// index iff that transaction committed. Retrieval uses an in-process inverted index loaded from
// those blobs at first use; before every check it catches up with the rows other transactions
// and processes committed (documents are never removed, so equal counts mean equal sets).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "integrity/domain/check.hpp"

namespace oqu::platform::db {
class Database;
class Session;
}  // namespace oqu::platform::db

namespace oqu::integrity {

/// A document of the index as the reports name it.
struct IndexedDocument {
    std::int64_t id = 0;
    std::string origin;  ///< "submission" | "reference"
    std::string title;
    std::string ref;  ///< A path, or "assignment:17".
    /// SHA-256 (64 lower-case hex digits) of the file the text came from; empty: of the text's
    /// UTF-8. `oqu integrity index` skips files whose hash is already indexed.
    std::string content_sha256{};
};

/// In the caller's transaction: stores the document (its text and its fingerprints) so that it
/// is in the index iff the transaction commits. Returns the document id.
core::Result<std::int64_t> AddToIndex(platform::db::Session& session, const PreparedText& text,
                                      const IndexedDocument& doc, core::Instant now);

/// A document encoded for the index: what AddToIndex computes before it writes. Encoding is pure
/// and thread-safe, so bulk loaders (`oqu integrity index`, the benchmark) encode on every core
/// and write in one transaction.
struct EncodedDocument {
    std::string text_z;        ///< The text, compactly coded and compressed.
    std::string fingerprints;  ///< Sorted 32-bit winnowed hashes, delta-varint coded.
    std::int64_t words = 0;
    std::string text_sha256;  ///< SHA-256 of the text's UTF-8.
};
EncodedDocument EncodeForIndex(const PreparedText& text);
/// AddToIndex of an encoded document.
core::Result<std::int64_t> AddEncodedToIndex(platform::db::Session& session, const EncodedDocument& encoded,
                                             const IndexedDocument& doc, core::Instant now);

/// AddEncodedToIndex of many documents in a few multi-row INSERTs (bulk loaders: a round trip
/// per document made the PostgreSQL writer the bottleneck). Returns the ids in the order of
/// `docs`; `encoded` and `docs` have the same size.
core::Result<std::vector<std::int64_t>> AddEncodedBatchToIndex(platform::db::Session& session,
                                                               std::span<const EncodedDocument> encoded,
                                                               std::span<const IndexedDocument> docs,
                                                               core::Instant now);

/// Checks a prepared text against the stored collection (minus `excluded` document ids); the
/// report's Match.source and SourceShare.source are indexes into `sources`.
struct IndexCheck {
    CheckReport report;
    std::vector<IndexedDocument> sources;
};
core::Result<IndexCheck> CheckAgainstIndex(platform::db::Database& db, const PreparedText& text,
                                           std::span<const std::int64_t> excluded);

/// The text of a stored document (for the side-by-side view), code points; kNotFound when there
/// is no such document.
core::Result<std::u32string> IndexedText(platform::db::Session& session, std::int64_t document_id);

/// SHA-256 of `bytes` as 64 lower-case hex digits (the content hash of IndexedDocument).
std::string ContentSha256(std::string_view bytes);

/// The indexed document whose content hash is `sha256`, if any.
std::optional<IndexedDocument> FindIndexedByHash(platform::db::Session& session, std::string_view sha256);

/// The ids of every indexed document whose content hash is `sha256` (a file is not its own source).
std::vector<std::int64_t> IndexedIdsWithHash(platform::db::Session& session, std::string_view sha256);

/// Size of the stored collection (for `oqu integrity index` and the benchmark).
struct IndexStats {
    std::int64_t documents = 0;
    std::int64_t words = 0;
    std::int64_t fingerprint_bytes = 0;  ///< Sum of the fingerprint blobs.
    std::int64_t text_bytes = 0;         ///< Sum of the compressed texts.
};
IndexStats IndexStatistics(platform::db::Session& session);

/// Drops this process's in-memory postings, so the next check loads them from the database
/// again as a new process would (tests, the benchmark's cold start).
void ForgetIndexCaches();

}  // namespace oqu::integrity
