#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "integrity/domain/unicode_tables.hpp"

namespace oqu::integrity {

/// What the normaliser undid in a text: the evasions commercial tools call "integrity flags".
struct Evasions {
    int homoglyphs = 0;       ///< Letters of another script (or a look-alike) inside a word, replaced.
    int homoglyph_words = 0;  ///< Words that held at least one such letter.
    int invisible = 0;        ///< Zero-width characters, soft hyphens, BOMs, word joiners removed.
    int unusual_spaces = 0;   ///< No-break, thin, figure and other spaces replaced by a space.
    int kazakh_latin = 0;  ///< Words with letters of the 2021 Kazakh Latin alphabet (ä ğ ı ñ ş ū ...).
    std::uint32_t first_homoglyph = 0;      ///< Code point offset of the first replaced letter.
    std::uint32_t first_invisible = 0;      ///< Code point offset of the first hidden character.
    std::uint32_t first_unusual_space = 0;  ///< Code point offset of the first unusual space.
};

/// A word of the normalised text and the code points of the original it came from.
struct Token {
    std::uint64_t hash = 0;   ///< 64-bit hash of the canonical word.
    std::uint32_t begin = 0;  ///< First code point of the word in the original text.
    std::uint32_t end = 0;    ///< One past its last code point.
};

/// A text in canonical form: NFKC, case folded, hidden characters removed, homoglyphs folded
/// into the script of their word, Cyrillic (Kazakh, Russian) and Kazakh Latin (2021 alphabet,
/// informal ASCII) spelled in one Latin skeleton; words separated by single spaces.
struct NormalisedText {
    std::u32string text;                ///< The canonical words, separated by one space.
    std::vector<std::uint32_t> origin;  ///< For each code point of `text`: its code point in the original.
    std::vector<Token> tokens;          ///< The words, in order.
    Evasions evasions;
};

/// Decodes UTF-8; each invalid byte becomes U+FFFD (so offsets stay defined).
std::u32string DecodeUtf8(std::string_view bytes);
/// Encodes code points as UTF-8 (a surrogate or a value past U+10FFFF as U+FFFD).
std::string EncodeUtf8(std::u32string_view text);

/// The canonical form of `text` (code points), with the offset map back into `text`.
NormalisedText Normalise(std::u32string_view text, const UnicodeTables& tables);

/// True for the characters the normaliser removes as hidden (ZWSP, ZWNJ, ZWJ, WJ, SHY, BOM, ...).
bool IsInvisible(char32_t c);
/// True for spaces other than U+0020 that the normaliser replaces (NBSP, thin, figure, ...).
bool IsUnusualSpace(char32_t c);

}  // namespace oqu::integrity
