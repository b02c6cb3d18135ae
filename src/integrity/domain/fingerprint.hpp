#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "integrity/domain/normalise.hpp"

namespace oqu::integrity {

/// For each position p (0 <= p <= n - k): a hash of the words p..p+k-1 that ignores their order,
/// so a passage whose words were shuffled inside small windows still shares its k-grams.
/// Empty when there are fewer than k words.
std::vector<std::uint64_t> WordGramHashes(std::span<const Token> tokens, int k);

/// One selected fingerprint: a k-gram hash and the word position where its k-gram starts.
struct Fingerprint {
    std::uint64_t hash = 0;
    std::uint32_t position = 0;
};

/// Winnowing (Schleimer, Wilkerson, Aiken 2003): the smallest hash of every window of `window`
/// consecutive k-gram hashes (rightmost on ties), each selected position once. Any passage of at
/// least window + k - 1 common words shares at least one fingerprint.
std::vector<Fingerprint> Winnow(std::span<const std::uint64_t> grams, int window);

/// A document that shares fingerprints with a query, and how many distinct ones.
struct Candidate {
    std::uint32_t document = 0;
    int shared = 0;
};

/// An in-memory inverted index of fingerprints, grown one document at a time.
class FingerprintIndex {
public:
    /// Adds a document's fingerprints; returns its number (0, 1, 2, ... in order of addition).
    std::uint32_t Add(std::span<const Fingerprint> fingerprints);
    /// The documents sharing at least `min_shared` distinct hashes with `grams` (all k-gram hashes of
    /// the query, not winnowed), most shared first. Hashes held by more than `max_documents`
    /// documents (boilerplate) are ignored.
    std::vector<Candidate> Candidates(std::span<const std::uint64_t> grams, int min_shared,
                                      std::size_t max_documents) const;
    /// Number of documents added.
    std::uint32_t size() const { return documents_; }

private:
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings_;
    std::uint32_t documents_ = 0;
};

}  // namespace oqu::integrity
