#include "integrity/domain/fingerprint.hpp"

#include <algorithm>
#include <unordered_set>

namespace oqu::integrity {

std::vector<std::uint64_t> WordGramHashes(std::span<const Token> tokens, int k) {
    std::vector<std::uint64_t> out;
    const auto kk = static_cast<std::size_t>(k);
    if (k <= 0 || tokens.size() < kk) return out;
    out.reserve(tokens.size() - kk + 1);
    std::vector<std::uint64_t> window(kk);
    for (std::size_t p = 0; p + kk <= tokens.size(); ++p) {
        for (std::size_t q = 0; q < kk; ++q) window[q] = tokens[p + q].hash;
        std::sort(window.begin(), window.end());
        std::uint64_t h = 0x9E3779B97F4A7C15ULL;
        for (const std::uint64_t w : window) {
            h ^= w + 0x9E3779B97F4A7C15ULL + (h << 6U) + (h >> 2U);
        }
        out.push_back(h);
    }
    return out;
}

std::vector<Fingerprint> Winnow(std::span<const std::uint64_t> grams, int window) {
    std::vector<Fingerprint> out;
    if (grams.empty()) return out;
    const std::size_t w = std::max<std::size_t>(1, static_cast<std::size_t>(window));
    if (grams.size() <= w) {
        const auto it = std::min_element(grams.rbegin(), grams.rend());
        out.push_back({*it, static_cast<std::uint32_t>(grams.rend() - it - 1)});
        return out;
    }
    std::size_t last = grams.size();
    for (std::size_t start = 0; start + w <= grams.size(); ++start) {
        std::size_t best = start;
        for (std::size_t p = start; p < start + w; ++p) {
            if (grams[p] <= grams[best]) best = p;
        }
        if (best != last) {
            out.push_back({grams[best], static_cast<std::uint32_t>(best)});
            last = best;
        }
    }
    return out;
}

std::uint32_t FingerprintIndex::Add(std::span<const Fingerprint> fingerprints) {
    const std::uint32_t id = documents_++;
    for (const auto& f : fingerprints) {
        auto& list = postings_[f.hash];
        if (list.empty() || list.back() != id) list.push_back(id);
    }
    return id;
}

std::vector<Candidate> FingerprintIndex::Candidates(std::span<const std::uint64_t> grams, int min_shared,
                                                    std::size_t max_documents) const {
    std::unordered_set<std::uint64_t> seen;
    std::unordered_map<std::uint32_t, int> shared;
    for (const std::uint64_t g : grams) {
        if (!seen.insert(g).second) continue;
        const auto it = postings_.find(g);
        if (it == postings_.end() || it->second.size() > max_documents) continue;
        for (const std::uint32_t d : it->second) ++shared[d];
    }
    std::vector<Candidate> out;
    for (const auto& [d, count] : shared) {
        if (count >= min_shared) out.push_back({d, count});
    }
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        return a.shared != b.shared ? a.shared > b.shared : a.document < b.document;
    });
    return out;
}

}  // namespace oqu::integrity
