#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "integrity/domain/align.hpp"
#include "integrity/domain/fingerprint.hpp"
#include "integrity/domain/normalise.hpp"

namespace oqu::integrity {

/// A span of code points of a text, end exclusive.
struct TextSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// A text ready for checking or indexing: its code points, canonical form, k-gram hashes, and
/// the parts that are not counted as borrowing (quotations, the reference list).
struct PreparedText {
    std::u32string text;
    NormalisedText norm;
    std::vector<std::uint64_t> grams;
    std::vector<TextSpan> quotations;  ///< Text between quotation marks (« », “ ”, „ “, " ").
    std::uint32_t references_at = 0;   ///< Where the reference list starts (text.size(): none).
};

/// Normalises `text` and finds its quotations and reference list.
PreparedText PrepareText(std::u32string text, const UnicodeTables& tables, int gram = AlignOptions{}.gram);

/// How a matched passage counts.
enum class MatchKind {
    kBorrowing,  ///< Counted against originality.
    kQuotation,  ///< Inside quotation marks: reported, not counted.
    kReference,  ///< In the reference list: reported, not counted.
};

/// A passage of the checked text found in a source; offsets and lengths in code points.
struct Match {
    std::size_t source = 0;  ///< Index of the source (as given, or as added to a Collection).
    MatchKind kind = MatchKind::kBorrowing;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t source_offset = 0;
    std::uint32_t source_length = 0;
    bool transliterated = false;  ///< The two sides are written in different scripts.
};

/// Kinds of integrity flag on a checked text.
enum class FlagKind {
    kHomoglyphs,
    kInvisibleCharacters,
    kUnusualSpaces,
    kTransliteration,
    kHiddenText,  ///< White, tiny or hidden runs in a DOCX/ODT/RTF (found by extraction).
};

/// An evasion found in the checked text: how many, and where the first one is (code points).
struct Flag {
    FlagKind kind = FlagKind::kHomoglyphs;
    int count = 0;
    std::uint32_t offset = 0;
};

/// The share of the checked text's words covered by one source's borrowed passages.
struct SourceShare {
    std::size_t source = 0;
    double share = 0;
};

/// The result of a check: originality is the share (0..1) of the text's word characters that no
/// borrowed passage covers; quotations and the reference list count as original.
struct CheckReport {
    double originality = 1.0;
    std::vector<Match> matches;       ///< Ordered by offset.
    std::vector<SourceShare> shares;  ///< Largest first.
    std::vector<Flag> flags;
};

/// Checks `text` against each of `sources` (pair-wise alignment, no retrieval).
CheckReport CheckText(const PreparedText& text, std::span<const PreparedText* const> sources,
                      const AlignOptions& options = {});

/// The knobs of candidate retrieval.
struct RetrievalOptions {
    int window = 4;                   ///< Winnowing window, in k-grams.
    int min_shared = 3;               ///< Fewest shared fingerprints for a candidate source.
    double max_document_share = 0.2;  ///< Fingerprints in more of the collection than this are ignored.
    std::size_t max_candidates = 50;  ///< Candidates aligned per check, most shared first.
};

/// An in-memory collection of prepared sources with a winnowed fingerprint index; grows one text
/// at a time. Not thread-safe for writes.
class Collection {
public:
    explicit Collection(RetrievalOptions options = {}) : options_(options) {}
    /// Adds a source; returns its index.
    std::size_t Add(PreparedText text);
    /// Retrieves candidate sources for `text` and aligns it with each, leaving out the sources
    /// listed in `exclude` (the checked file itself when it is in the collection).
    CheckReport Check(const PreparedText& text, const AlignOptions& options = {},
                      std::span<const std::size_t> exclude = {}) const;
    /// The source at `index`.
    const PreparedText& source(std::size_t index) const { return *sources_[index]; }
    std::size_t size() const { return sources_.size(); }

private:
    RetrievalOptions options_;
    std::vector<std::unique_ptr<PreparedText>> sources_;
    FingerprintIndex index_;
};

}  // namespace oqu::integrity
