#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "integrity/domain/normalise.hpp"

namespace oqu::integrity {

/// The knobs of passage alignment, in words. The defaults are tuned on the development corpus
/// (bench/integrity, docs/BENCHMARKS.md).
struct AlignOptions {
    int gram = 3;           ///< Words per seed k-gram (order-free, see WordGramHashes).
    int max_gap = 14;       ///< Largest gap between seeds of one passage in the checked document.
    int source_gap = 20;    ///< Largest gap between seeds of one passage in the source (sorted by position).
    int stray_gap = 8;      ///< A seed this far beyond the others at a passage's source end is stray.
    int min_seeds = 4;      ///< Fewer seeds than this is chance, not a passage.
    int min_words = 18;     ///< Shortest passage reported, in words of the checked document.
    int max_repeats = 12;   ///< A k-gram found more often than this in the source seeds nothing.
    int extend_window = 3;  ///< How far extension looks for a word beyond a passage's end.
};

/// A passage of the checked document found in a source, in word (token) positions, ends exclusive.
struct Passage {
    std::uint32_t this_begin = 0;
    std::uint32_t this_end = 0;
    std::uint32_t source_begin = 0;
    std::uint32_t source_end = 0;
    int seeds = 0;  ///< Common k-grams inside the passage.
};

/// Aligns two documents: seeds are common order-free word k-grams; seeds close in the checked
/// document are grouped, each group is split where the source positions jump (so a passage may
/// be locally reordered, but two distant source passages stay apart), weak groups are dropped,
/// overlapping ones resolved in favour of the stronger, and each passage is extended word by word
/// at both ends. Sorted by position in the checked document; passages do not overlap there.
std::vector<Passage> AlignPassages(std::span<const Token> this_tokens,
                                   std::span<const std::uint64_t> this_grams,
                                   std::span<const Token> source_tokens,
                                   std::span<const std::uint64_t> source_grams, const AlignOptions& options);

}  // namespace oqu::integrity
