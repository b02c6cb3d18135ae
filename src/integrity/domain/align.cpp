#include "integrity/domain/align.hpp"

#include <algorithm>
#include <unordered_map>

namespace oqu::integrity {
namespace {

struct Seed {
    std::uint32_t i;  // position in the checked document
    std::uint32_t j;  // position in the source
};

/// Extends a passage word by word while the next word of the checked document is among the next
/// few words of the source (a word or two may have been inserted, deleted or swapped).
void Extend(Passage& p, std::span<const Token> a, std::span<const Token> b, int window) {
    const auto w = static_cast<std::uint32_t>(std::max(1, window));
    while (p.this_begin > 0 && p.source_begin > 0) {
        const std::uint64_t h = a[p.this_begin - 1].hash;
        bool found = false;
        for (std::uint32_t d = 1; d <= w && d <= p.source_begin; ++d) {
            if (b[p.source_begin - d].hash == h) {
                p.source_begin -= d;
                found = true;
                break;
            }
        }
        if (!found) break;
        --p.this_begin;
    }
    while (p.this_end < a.size() && p.source_end < b.size()) {
        const std::uint64_t h = a[p.this_end].hash;
        bool found = false;
        for (std::uint32_t d = 0; d < w && p.source_end + d < b.size(); ++d) {
            if (b[p.source_end + d].hash == h) {
                p.source_end += d + 1;
                found = true;
                break;
            }
        }
        if (!found) break;
        ++p.this_end;
    }
}

}  // namespace

std::vector<Passage> AlignPassages(std::span<const Token> this_tokens,
                                   std::span<const std::uint64_t> this_grams,
                                   std::span<const Token> source_tokens,
                                   std::span<const std::uint64_t> source_grams, const AlignOptions& options) {
    std::vector<Passage> out;
    if (this_grams.empty() || source_grams.empty()) return out;

    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> where;
    where.reserve(source_grams.size());
    for (std::size_t j = 0; j < source_grams.size(); ++j) {
        where[source_grams[j]].push_back(static_cast<std::uint32_t>(j));
    }
    std::vector<Seed> seeds;
    for (std::size_t i = 0; i < this_grams.size(); ++i) {
        const auto it = where.find(this_grams[i]);
        if (it == where.end() || it->second.size() > static_cast<std::size_t>(options.max_repeats)) continue;
        for (const std::uint32_t j : it->second) seeds.push_back({static_cast<std::uint32_t>(i), j});
    }
    if (seeds.empty()) return out;

    const auto gram = static_cast<std::uint32_t>(options.gram);
    std::vector<Passage> found;
    auto close_group = [&](std::vector<Seed>& group) {
        // Split where the source positions jump: seeds of one passage sit close in the source
        // even when its sentences were reordered.
        std::sort(group.begin(), group.end(), [](const Seed& a, const Seed& b) { return a.j < b.j; });
        std::size_t start = 0;
        for (std::size_t k = 1; k <= group.size(); ++k) {
            if (k < group.size() &&
                group[k].j - group[k - 1].j <= static_cast<std::uint32_t>(options.source_gap)) {
                continue;
            }
            // Stray seeds at either end (a common phrase a little before or after the passage)
            // would stretch the source span: drop them.
            std::size_t lo = start;
            std::size_t hi = k;
            const auto stray = static_cast<std::uint32_t>(options.stray_gap);
            while (hi - lo >= 2 && group[lo + 1].j - group[lo].j > stray) ++lo;
            while (hi - lo >= 2 && group[hi - 1].j - group[hi - 2].j > stray) --hi;
            Passage p;
            p.this_begin = group[lo].i;
            p.this_end = group[lo].i;
            p.source_begin = group[lo].j;
            p.source_end = group[hi - 1].j;
            for (std::size_t q = lo; q < hi; ++q) {
                p.this_begin = std::min(p.this_begin, group[q].i);
                p.this_end = std::max(p.this_end, group[q].i);
            }
            p.seeds = static_cast<int>(hi - lo);
            p.this_end += gram;
            p.source_end += gram;
            if (p.seeds >= options.min_seeds &&
                p.this_end - p.this_begin >= static_cast<std::uint32_t>(options.min_words)) {
                found.push_back(p);
            }
            start = k;
        }
        group.clear();
    };
    std::vector<Seed> group;
    std::uint32_t last_i = 0;
    for (const Seed& s : seeds) {
        if (!group.empty() && s.i - last_i > static_cast<std::uint32_t>(options.max_gap)) close_group(group);
        group.push_back(s);
        last_i = s.i;
    }
    close_group(group);

    // The strongest passage wins where two claim the same words of the checked document.
    std::sort(found.begin(), found.end(), [](const Passage& a, const Passage& b) {
        return a.seeds != b.seeds ? a.seeds > b.seeds : a.this_begin < b.this_begin;
    });
    for (const Passage& p : found) {
        const bool overlaps = std::any_of(out.begin(), out.end(), [&](const Passage& q) {
            return p.this_begin < q.this_end && q.this_begin < p.this_end;
        });
        if (!overlaps) out.push_back(p);
    }
    std::sort(out.begin(), out.end(),
              [](const Passage& a, const Passage& b) { return a.this_begin < b.this_begin; });
    for (std::size_t k = 0; k < out.size(); ++k) {
        Passage& p = out[k];
        const std::uint32_t before = k == 0 ? 0 : out[k - 1].this_end;
        Extend(p, this_tokens, source_tokens, options.extend_window);
        p.this_begin = std::max(p.this_begin, before);
        p.this_end = std::min<std::uint32_t>(p.this_end, static_cast<std::uint32_t>(this_tokens.size()));
        p.source_end =
            std::min<std::uint32_t>(p.source_end, static_cast<std::uint32_t>(source_tokens.size()));
    }
    // Extension may have pushed a passage into the next one; give the words back.
    for (std::size_t k = 1; k < out.size(); ++k) {
        if (out[k].this_begin < out[k - 1].this_end) out[k].this_begin = out[k - 1].this_end;
    }
    out.erase(
        std::remove_if(out.begin(), out.end(), [](const Passage& p) { return p.this_begin >= p.this_end; }),
        out.end());
    return out;
}

}  // namespace oqu::integrity
