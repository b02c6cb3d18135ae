#include "integrity/domain/check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace oqu::integrity {
namespace {

bool IsSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x0B || c == 0x0C;
}

/// Punctuation that belongs to a passage's edge: its full stop, its opening quote.
bool IsTrailingPunct(char32_t c) {
    return c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U')' ||
           c == U'»' || c == U'”' || c == U'“' || c == U'"' || c == U'\'' || c == U'…' || c == 0x2019;
}
bool IsLeadingPunct(char32_t c) {
    return c == U'(' || c == U'«' || c == U'“' || c == U'„' || c == U'"';
}

TextSpan CharSpan(const PreparedText& t, std::uint32_t token_begin, std::uint32_t token_end) {
    const auto& tokens = t.norm.tokens;
    TextSpan s{tokens[token_begin].begin, tokens[token_end - 1].end};
    while (s.end < t.text.size() && IsTrailingPunct(t.text[s.end])) ++s.end;
    while (s.begin > 0 && IsLeadingPunct(t.text[s.begin - 1])) --s.begin;
    return s;
}

/// +1 mostly Latin letters, -1 mostly Cyrillic, 0 neither.
int ScriptLean(std::u32string_view text) {
    int latin = 0;
    int cyrillic = 0;
    for (const char32_t c : text) {
        if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F)) ++latin;
        if (c >= 0x400 && c <= 0x52F) ++cyrillic;
    }
    if (latin > 2 * cyrillic) return 1;
    if (cyrillic > 2 * latin) return -1;
    return 0;
}

std::vector<TextSpan> FindQuotations(std::u32string_view text) {
    // Long quotations are rare; a quote left open must not swallow the rest of the work.
    constexpr std::uint32_t kMaxQuote = 3000;
    std::vector<TextSpan> out;
    const auto n = static_cast<std::uint32_t>(text.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        const char32_t c = text[i];
        std::u32string_view closers;
        if (c == U'«') {
            closers = U"»";
        } else if (c == U'„') {
            closers = U"“”";
        } else if (c == U'“') {
            closers = U"”";
        } else if (c == U'"') {
            closers = U"\"";
        } else {
            continue;
        }
        std::uint32_t j = i + 1;
        int depth = 0;
        for (; j < n && j - i < kMaxQuote; ++j) {
            if (text[j] == U'\n' && j + 1 < n && text[j + 1] == U'\n') break;
            if (c == U'«' && text[j] == U'«') ++depth;
            if (closers.find(text[j]) != std::u32string_view::npos) {
                if (depth == 0) break;
                --depth;
            }
        }
        if (j < n && closers.find(text[j]) != std::u32string_view::npos) {
            out.push_back({i + 1, j});
            i = j;
        }
    }
    return out;
}

/// Headings of a reference list in kk, ru and en, case-folded.
constexpr std::array<std::u32string_view, 16> kReferenceHeadings = {U"references",
                                                                    U"bibliography",
                                                                    U"works cited",
                                                                    U"literature",
                                                                    U"reference list",
                                                                    U"sources",
                                                                    U"список литературы",
                                                                    U"список использованной литературы",
                                                                    U"литература",
                                                                    U"библиография",
                                                                    U"список источников",
                                                                    U"пайдаланылған әдебиеттер",
                                                                    U"пайдаланылған әдебиеттер тізімі",
                                                                    U"әдебиеттер тізімі",
                                                                    U"әдебиеттер",
                                                                    U"қолданылған әдебиеттер тізімі"};

std::uint32_t FindReferences(std::u32string_view text, const UnicodeTables& tables) {
    const auto n = static_cast<std::uint32_t>(text.size());
    std::uint32_t found = n;
    std::uint32_t line = 0;
    while (line < n) {
        std::uint32_t end = line;
        while (end < n && text[end] != U'\n') ++end;
        if (end - line < 60) {
            std::u32string folded;
            for (std::uint32_t k = line; k < end; ++k) {
                for (const char32_t f : tables.FoldCase(text[k])) folded.push_back(f);
            }
            // "2. References:" and "СПИСОК ЛИТЕРАТУРЫ" are headings too.
            std::size_t b = 0;
            while (b < folded.size() && (IsSpace(folded[b]) || (folded[b] >= U'0' && folded[b] <= U'9') ||
                                         folded[b] == U'.' || folded[b] == U'#' || folded[b] == U'*')) {
                ++b;
            }
            std::size_t e = folded.size();
            while (e > b && (IsSpace(folded[e - 1]) || folded[e - 1] == U':' || folded[e - 1] == U'.' ||
                             folded[e - 1] == U'*')) {
                --e;
            }
            const std::u32string_view heading(folded.data() + b, e - b);
            if (std::find(kReferenceHeadings.begin(), kReferenceHeadings.end(), heading) !=
                    kReferenceHeadings.end() &&
                line >= n / 4) {
                found = end;
            }
        }
        line = end + 1;
    }
    return found;
}

void AddFlag(std::vector<Flag>& flags, FlagKind kind, int count, std::uint32_t offset) {
    if (count > 0) flags.push_back({kind, count, offset});
}

}  // namespace

PreparedText PrepareText(std::u32string text, const UnicodeTables& tables, int gram) {
    PreparedText t;
    t.text = std::move(text);
    t.norm = Normalise(t.text, tables);
    t.grams = WordGramHashes(t.norm.tokens, gram);
    t.quotations = FindQuotations(t.text);
    t.references_at = FindReferences(t.text, tables);
    return t;
}

CheckReport CheckText(const PreparedText& text, std::span<const PreparedText* const> sources,
                      const AlignOptions& options) {
    CheckReport report;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const PreparedText& src = *sources[s];
        for (const Passage& p :
             AlignPassages(text.norm.tokens, text.grams, src.norm.tokens, src.grams, options)) {
            const TextSpan a = CharSpan(text, p.this_begin, p.this_end);
            const TextSpan b = CharSpan(src, p.source_begin, p.source_end);
            Match m{.source = s,
                    .offset = a.begin,
                    .length = a.end - a.begin,
                    .source_offset = b.begin,
                    .source_length = b.end - b.begin};
            const int lean_a = ScriptLean(std::u32string_view(text.text).substr(a.begin, a.end - a.begin));
            const int lean_b = ScriptLean(std::u32string_view(src.text).substr(b.begin, b.end - b.begin));
            m.transliterated = lean_a != 0 && lean_b != 0 && lean_a != lean_b;
            if (a.begin >= text.references_at) {
                m.kind = MatchKind::kReference;
            } else {
                for (const TextSpan& q : text.quotations) {
                    const std::uint32_t lo = std::max(q.begin, a.begin);
                    const std::uint32_t hi = std::min(q.end, a.end);
                    // A passage that is mostly a quotation is one; a quotation inside a copied
                    // paragraph does not excuse the paragraph.
                    if (hi > lo && (hi - lo) * 10 >= (a.end - a.begin) * 8) m.kind = MatchKind::kQuotation;
                }
            }
            report.matches.push_back(m);
        }
    }
    std::sort(report.matches.begin(), report.matches.end(), [](const Match& x, const Match& y) {
        return x.offset != y.offset ? x.offset < y.offset : x.source < y.source;
    });

    // Originality and shares over the words' code points.
    std::uint64_t total = 0;
    std::uint64_t covered = 0;
    std::map<std::size_t, std::uint64_t> per_source;
    for (const Token& t : text.norm.tokens) {
        const std::uint32_t len = t.end - t.begin;
        total += len;
        bool any = false;
        std::vector<std::size_t> by;
        for (const Match& m : report.matches) {
            if (m.kind != MatchKind::kBorrowing || t.begin < m.offset || t.end > m.offset + m.length) {
                continue;
            }
            any = true;
            if (std::find(by.begin(), by.end(), m.source) == by.end()) by.push_back(m.source);
        }
        if (any) covered += len;
        for (const std::size_t s : by) per_source[s] += len;
    }
    if (total > 0) report.originality = 1.0 - static_cast<double>(covered) / static_cast<double>(total);
    for (const auto& [s, n] : per_source) {
        report.shares.push_back({s, static_cast<double>(n) / static_cast<double>(total)});
    }
    std::sort(report.shares.begin(), report.shares.end(),
              [](const SourceShare& a, const SourceShare& b) { return a.share > b.share; });

    const Evasions& ev = text.norm.evasions;
    AddFlag(report.flags, FlagKind::kHomoglyphs, ev.homoglyphs, ev.first_homoglyph);
    AddFlag(report.flags, FlagKind::kInvisibleCharacters, ev.invisible, ev.first_invisible);
    AddFlag(report.flags, FlagKind::kUnusualSpaces, ev.unusual_spaces, ev.first_unusual_space);
    int transliterated = 0;
    std::uint32_t first = 0;
    for (const Match& m : report.matches) {
        if (m.transliterated && transliterated++ == 0) first = m.offset;
    }
    AddFlag(report.flags, FlagKind::kTransliteration, transliterated, first);
    return report;
}

std::size_t Collection::Add(PreparedText text) {
    index_.Add(Winnow(text.grams, options_.window));
    sources_.push_back(std::make_unique<PreparedText>(std::move(text)));
    return sources_.size() - 1;
}

CheckReport Collection::Check(const PreparedText& text, const AlignOptions& options,
                              std::span<const std::size_t> exclude) const {
    const auto max_docs =
        std::max<std::size_t>(2, static_cast<std::size_t>(std::ceil(options_.max_document_share *
                                                                    static_cast<double>(sources_.size()))));
    auto candidates = index_.Candidates(text.grams, options_.min_shared, max_docs);
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [&](const Candidate& c) {
                                        return std::find(exclude.begin(), exclude.end(), c.document) !=
                                               exclude.end();
                                    }),
                     candidates.end());
    if (candidates.size() > options_.max_candidates) candidates.resize(options_.max_candidates);
    std::vector<const PreparedText*> picked;
    picked.reserve(candidates.size());
    for (const Candidate& c : candidates) picked.push_back(sources_[c.document].get());
    CheckReport report = CheckText(text, picked, options);
    for (Match& m : report.matches) m.source = candidates[m.source].document;
    for (SourceShare& s : report.shares) s.source = candidates[s.source].document;
    return report;
}

}  // namespace oqu::integrity
