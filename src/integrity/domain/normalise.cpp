#include "integrity/domain/normalise.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

// The lambda that appends a letter of the canonical text runs for every letter; GCC would not
// inline it into this long function by itself.
#if defined(__GNUC__)
#define OQU_ALWAYS_INLINE __attribute__((always_inline))
#else
#define OQU_ALWAYS_INLINE
#endif

namespace oqu::integrity {
namespace {

enum class Script { kOther, kLatin, kCyrillic, kGreek };

Script ScriptOf(char32_t c) {
    if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) return Script::kLatin;
    if (c >= 0xC0 && c <= 0x2AF && c != 0xD7 && c != 0xF7) return Script::kLatin;
    if (c >= 0x1E00 && c <= 0x1EFF) return Script::kLatin;
    if (c >= 0x400 && c <= 0x52F) return Script::kCyrillic;
    if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF)) return Script::kGreek;
    return Script::kOther;
}

/// One look-alike letter: what it becomes in a Latin word and in a Cyrillic word (0: stays).
/// `alias` marks a rare letter that always stands for a Kazakh one (Bashkir ҡ for қ).
struct Glyph {
    char32_t c;
    char32_t latin;
    char32_t cyrillic;
    bool alias = false;
};

// Look-alikes between Latin, Cyrillic and Greek, including the Kazakh letters і һ ә ө ү қ ғ ң
// and the letters that imitate them. Sorted by code point at first use.
constexpr std::array kGlyphs = {
    // Lower case.
    Glyph{U'a', U'a', U'а'},
    Glyph{U'а', U'a', U'а'},
    Glyph{U'α', U'a', U'а'},
    Glyph{U'e', U'e', U'е'},
    Glyph{U'е', U'e', U'е'},
    Glyph{U'ε', U'e', U'е'},
    Glyph{U'o', U'o', U'о'},
    Glyph{U'о', U'o', U'о'},
    Glyph{U'ο', U'o', U'о'},
    Glyph{U'p', U'p', U'р'},
    Glyph{U'р', U'p', U'р'},
    Glyph{U'ρ', U'p', U'р'},
    Glyph{U'c', U'c', U'с'},
    Glyph{U'с', U'c', U'с'},
    Glyph{U'ϲ', U'c', U'с'},
    Glyph{U'y', U'y', U'у'},
    Glyph{U'у', U'y', U'у'},
    Glyph{U'x', U'x', U'х'},
    Glyph{U'х', U'x', U'х'},
    Glyph{U'χ', U'x', U'х'},
    Glyph{U'i', U'i', U'і'},
    Glyph{U'і', U'i', U'і'},
    Glyph{U'ι', U'i', U'і'},
    Glyph{U'ı', 0, U'і'},
    Glyph{U'j', U'j', U'ј'},
    Glyph{U'ј', U'j', U'ј'},
    Glyph{U'h', U'h', U'һ'},
    Glyph{U'һ', U'h', U'һ'},
    Glyph{U's', U's', U'ѕ'},
    Glyph{U'ѕ', U's', U'ѕ'},
    Glyph{U'd', U'd', U'ԁ'},
    Glyph{U'ԁ', U'd', U'ԁ'},
    Glyph{U'k', U'k', U'к'},
    Glyph{U'к', U'k', U'к'},
    Glyph{U'κ', U'k', U'к'},
    Glyph{U'ə', U'ə', U'ә'},
    Glyph{U'ә', U'ə', U'ә'},
    Glyph{U'ɵ', U'ɵ', U'ө'},
    Glyph{U'ө', U'ɵ', U'ө'},
    Glyph{U'θ', U'ɵ', U'ө'},
    Glyph{U'ʏ', U'ʏ', U'ү'},
    Glyph{U'ү', U'ʏ', U'ү'},
    Glyph{U'ν', U'v', 0},
    Glyph{U'τ', 0, U'т'},
    Glyph{U'π', 0, U'п'},
    // Upper case.
    Glyph{U'A', U'A', U'А'},
    Glyph{U'А', U'A', U'А'},
    Glyph{U'Α', U'A', U'А'},
    Glyph{U'B', U'B', U'В'},
    Glyph{U'В', U'B', U'В'},
    Glyph{U'Β', U'B', U'В'},
    Glyph{U'E', U'E', U'Е'},
    Glyph{U'Е', U'E', U'Е'},
    Glyph{U'Ε', U'E', U'Е'},
    Glyph{U'K', U'K', U'К'},
    Glyph{U'К', U'K', U'К'},
    Glyph{U'Κ', U'K', U'К'},
    Glyph{U'M', U'M', U'М'},
    Glyph{U'М', U'M', U'М'},
    Glyph{U'Μ', U'M', U'М'},
    Glyph{U'H', U'H', U'Н'},
    Glyph{U'Н', U'H', U'Н'},
    Glyph{U'Η', U'H', U'Н'},
    Glyph{U'Һ', U'H', U'Һ'},
    Glyph{U'O', U'O', U'О'},
    Glyph{U'О', U'O', U'О'},
    Glyph{U'Ο', U'O', U'О'},
    Glyph{U'P', U'P', U'Р'},
    Glyph{U'Р', U'P', U'Р'},
    Glyph{U'Ρ', U'P', U'Р'},
    Glyph{U'C', U'C', U'С'},
    Glyph{U'С', U'C', U'С'},
    Glyph{U'Ϲ', U'C', U'С'},
    Glyph{U'T', U'T', U'Т'},
    Glyph{U'Т', U'T', U'Т'},
    Glyph{U'Τ', U'T', U'Т'},
    Glyph{U'X', U'X', U'Х'},
    Glyph{U'Х', U'X', U'Х'},
    Glyph{U'Χ', U'X', U'Х'},
    Glyph{U'Y', U'Y', U'У'},
    Glyph{U'У', U'Y', U'У'},
    Glyph{U'Υ', U'Y', U'У'},
    Glyph{U'I', U'I', U'І'},
    Glyph{U'І', U'I', U'І'},
    Glyph{U'Ι', U'I', U'І'},
    Glyph{U'Ӏ', U'I', U'І'},
    Glyph{U'J', U'J', U'Ј'},
    Glyph{U'Ј', U'J', U'Ј'},
    Glyph{U'S', U'S', U'Ѕ'},
    Glyph{U'Ѕ', U'S', U'Ѕ'},
    Glyph{U'Ə', U'Ə', U'Ә'},
    Glyph{U'Ә', U'Ə', U'Ә'},
    Glyph{U'Ɵ', U'Ɵ', U'Ө'},
    Glyph{U'Ө', U'Ɵ', U'Ө'},
    Glyph{U'Θ', U'Ɵ', U'Ө'},
    Glyph{U'Z', U'Z', 0},
    Glyph{U'Ζ', U'Z', 0},
    Glyph{U'N', U'N', 0},
    Glyph{U'Ν', U'N', 0},
    // Rare Cyrillic letters that imitate Kazakh ones.
    Glyph{U'ҡ', 0, U'қ', true},
    Glyph{U'Ҡ', 0, U'Қ', true},
    Glyph{U'ӊ', 0, U'ң', true},
    Glyph{U'Ӊ', 0, U'Ң', true},
    Glyph{U'ҥ', 0, U'ң', true},
    Glyph{U'Ҥ', 0, U'Ң', true},
    Glyph{U'ӻ', 0, U'ғ', true},
    Glyph{U'Ӻ', 0, U'Ғ', true},
    Glyph{U'ѳ', 0, U'ө', true},
    Glyph{U'Ѳ', 0, U'Ө', true},
    Glyph{U'ћ', 0, U'һ', true},
    Glyph{U'ӏ', 0, U'і', true},
};

/// The glyphs sorted by code point, and for the code points below kDirect (Latin, Greek,
/// Cyrillic: nearly every letter the normaliser sees) the position of each in one lookup.
struct GlyphTable {
    static constexpr char32_t kDirect = 0x530;
    std::remove_const_t<decltype(kGlyphs)> sorted = kGlyphs;
    std::array<std::int16_t, kDirect> direct{};

    GlyphTable() {
        std::sort(sorted.begin(), sorted.end(), [](const Glyph& a, const Glyph& b) { return a.c < b.c; });
        direct.fill(-1);
        for (std::size_t k = 0; k < sorted.size(); ++k) {
            if (sorted[k].c < kDirect) direct[sorted[k].c] = static_cast<std::int16_t>(k);
        }
    }
};

const GlyphTable& Glyphs() {
    static const GlyphTable kTable;
    return kTable;
}

const Glyph* FindGlyph(char32_t c) {
    const GlyphTable& t = Glyphs();
    if (c < GlyphTable::kDirect) {
        const std::int16_t k = t.direct[c];
        return k < 0 ? nullptr : &t.sorted[static_cast<std::size_t>(k)];
    }
    const auto* it = std::lower_bound(t.sorted.begin(), t.sorted.end(), c,
                                      [](const Glyph& g, char32_t v) { return g.c < v; });
    return it != t.sorted.end() && it->c == c ? &*it : nullptr;
}

/// The Latin skeleton of a lower-case Cyrillic letter (nullopt: not in the table).
std::optional<std::u32string_view> CyrillicSkeleton(char32_t c) {
    // а..я (U+0430..U+044F): Kazakh and Russian share these; the skeleton loses what informal
    // ASCII Kazakh loses (ә→a, ө→o, ұ/ү→u, і/ы/й→i, ң→n).
    static constexpr std::array<std::u32string_view, 32> kBasic = {
        U"a", U"b", U"v", U"g", U"d", U"e", U"j",  U"z",  U"i",  U"i",  U"k", U"l", U"m", U"n", U"o",  U"p",
        U"r", U"s", U"t", U"u", U"f", U"h", U"ts", U"ch", U"sh", U"sh", U"",  U"i", U"",  U"e", U"iu", U"ia"};
    if (c >= 0x430 && c <= 0x44F) return kBasic[c - 0x430];
    switch (c) {
        case U'ё':
            return U"io";
        case U'ә':
            return U"a";
        case U'ғ':
            return U"g";
        case U'қ':
            return U"q";
        case U'ң':
            return U"n";
        case U'ө':
            return U"o";
        case U'ұ':
        case U'ү':
            return U"u";
        case U'һ':
            return U"h";
        case U'і':
        case U'ї':
            return U"i";
        case U'є':
            return U"e";
        case U'ў':
            return U"u";
        case U'ґ':
            return U"g";
        case U'ј':
            return U"j";
        case U'ѕ':
            return U"s";
        case U'ԁ':
            return U"d";
        default:
            return std::nullopt;
    }
}

/// The skeleton of a lower-case Latin letter: 2021 Kazakh letters spelled as informal ASCII
/// Kazakh spells them, y as i (ы, й), other accents dropped.
std::u32string_view LatinSkeleton(char32_t c, const UnicodeTables& tables, char32_t& scratch) {
    switch (c) {
        case U'y':
        case U'ı':
            return U"i";
        case U'ş':
            return U"sh";
        case U'ç':
            return U"ch";
        case U'ə':
            return U"a";
        case U'ɵ':
            return U"o";
        case U'ʏ':
            return U"u";
        default:
            break;
    }
    if (c < 0x80) {
        scratch = c;
        return {&scratch, 1};
    }
    const char32_t base = tables.BaseLetter(c);
    if (base >= U'a' && base <= U'z') {
        scratch = base == U'y' ? U'i' : base;
        return {&scratch, 1};
    }
    scratch = c;
    return {&scratch, 1};
}

bool IsApostrophe(char32_t c) {
    return c == U'\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

bool IsKazakhLatinLetter(char32_t c) {
    switch (c) {
        case U'ä':
        case U'Ä':
        case U'ğ':
        case U'Ğ':
        case U'ı':
        case U'ñ':
        case U'Ñ':
        case U'ū':
        case U'Ū':
        case U'ş':
        case U'Ş':
            return true;
        default:
            return false;
    }
}

struct Unit {
    char32_t c;
    std::uint32_t begin;
    std::uint32_t end;
};

std::uint64_t Mix(std::uint64_t x) {
    x ^= x >> 30U;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27U;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31U;
    return x;
}

char32_t FoldAscii(char32_t c) {
    return c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c;
}

bool IsAsciiAlnum(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

/// Appends what the letter `c` (look-alikes already replaced) becomes in the canonical text:
/// case folded, combining marks dropped, spelled in the Latin skeleton.
void AppendSkeleton(char32_t c, const UnicodeTables& tables, std::u32string& out) {
    std::u32string folded;
    if (c < 0x80) {
        folded.push_back(FoldAscii(c));
    } else {
        folded = tables.FoldCase(c);
    }
    for (const char32_t f : folded) {
        if (f >= 0x300 && tables.IsMark(f)) continue;
        const Script s = ScriptOf(f);
        if (s == Script::kCyrillic) {
            if (auto sk = CyrillicSkeleton(f)) {
                out += *sk;
                continue;
            }
            if (auto sk2 = CyrillicSkeleton(tables.BaseLetter(f))) {
                out += *sk2;
                continue;
            }
            out.push_back(f);
        } else if (s == Script::kLatin) {
            char32_t scratch = 0;
            out += LatinSkeleton(f, tables, scratch);
        } else {
            out.push_back(f);
        }
    }
}

}  // namespace

/// The normaliser's per-letter answers below U+0530 (Latin, IPA, Greek, Cyrillic: nearly every
/// letter of a kk/ru/en text), so a letter costs a lookup instead of several calls into the
/// tables. Each answer is the one the general path computes (same functions, same order).
struct LetterTable {
    static constexpr char32_t kSize = 0x530;
    struct Entry {
        const Glyph* glyph = nullptr;      ///< FindGlyph.
        std::uint16_t skeleton = 0;        ///< Offset of AppendSkeleton's answer in `pool`.
        std::uint8_t skeleton_length = 0;  ///< Its length.
        std::uint8_t script = 0;           ///< ScriptOf, as Script.
        bool word = false;                 ///< A letter, digit or mark (ASCII: isalnum).
        bool mark = false;                 ///< A combining mark.
        bool nfkc_self = false;            ///< NFKC leaves it alone (as a segment of its own).
    };
    std::array<Entry, kSize> entries{};
    std::u32string pool;

    explicit LetterTable(const UnicodeTables& tables) {
        for (char32_t c = 0; c < kSize; ++c) {
            Entry& e = entries[c];
            e.glyph = FindGlyph(c);
            const auto at = pool.size();
            AppendSkeleton(c, tables, pool);
            e.skeleton = static_cast<std::uint16_t>(at);
            e.skeleton_length = static_cast<std::uint8_t>(pool.size() - at);
            e.script = static_cast<std::uint8_t>(ScriptOf(c));
            e.mark = tables.IsMark(c);
            e.word = c < 0x80 ? IsAsciiAlnum(c) : tables.IsAlnum(c) || e.mark;
            e.nfkc_self = tables.Nfkc(std::u32string_view(&c, 1)) == std::u32string(1, c);
        }
    }
};

UnicodeTables::UnicodeTables() = default;
UnicodeTables::~UnicodeTables() = default;

const LetterTable& UnicodeTables::Letters() const {
    std::call_once(letters_once_, [this] { letters_ = std::make_unique<const LetterTable>(*this); });
    return *letters_;
}

bool IsInvisible(char32_t c) {
    switch (c) {
        case 0x00AD:
        case 0x034F:
        case 0x061C:
        case 0x180E:
        case 0x200B:
        case 0x200C:
        case 0x200D:
        case 0x200E:
        case 0x200F:
        case 0x2060:
        case 0x2061:
        case 0x2062:
        case 0x2063:
        case 0x2064:
        case 0xFEFF:
            return true;
        default:
            return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
                   (c >= 0xFE00 && c <= 0xFE0F);
    }
}

bool IsUnusualSpace(char32_t c) {
    return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

std::u32string DecodeUtf8(std::string_view bytes) {
    // Written through a pointer into a buffer of the largest size (one code point per byte):
    // a push_back per character was a fifth of the cost of indexing a Cyrillic text.
    std::u32string out(bytes.size(), U'\0');
    char32_t* o = out.data();
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b0 = p[i];
        if (b0 < 0x80) {
            *o++ = b0;
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        if ((b0 & 0xE0U) == 0xC0U) {
            len = 2;
            cp = b0 & 0x1FU;
        } else if ((b0 & 0xF0U) == 0xE0U) {
            len = 3;
            cp = b0 & 0x0FU;
        } else if ((b0 & 0xF8U) == 0xF0U) {
            len = 4;
            cp = b0 & 0x07U;
        }
        bool ok = len != 0 && i + static_cast<std::size_t>(len) <= n;
        for (int k = 1; ok && k < len; ++k) {
            const unsigned char b = p[i + static_cast<std::size_t>(k)];
            if ((b & 0xC0U) != 0x80U) {
                ok = false;
            } else {
                cp = (cp << 6U) | (b & 0x3FU);
            }
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        static constexpr std::array<char32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
        if (ok &&
            (cp < kMin[static_cast<std::size_t>(len)] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
            ok = false;
        }
        if (ok) {
            *o++ = cp;
            i += static_cast<std::size_t>(len);
        } else {
            *o++ = 0xFFFD;
            ++i;
        }
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

std::string EncodeUtf8(std::u32string_view text) {
    std::string out(text.size() * 4, '\0');
    char* o = out.data();
    for (char32_t c : text) {
        if (c < 0x80) {
            *o++ = static_cast<char>(c);
            continue;
        }
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        if (c < 0x800) {
            *o++ = static_cast<char>(0xC0U | (c >> 6U));
            *o++ = static_cast<char>(0x80U | (c & 0x3FU));
        } else if (c < 0x10000) {
            *o++ = static_cast<char>(0xE0U | (c >> 12U));
            *o++ = static_cast<char>(0x80U | ((c >> 6U) & 0x3FU));
            *o++ = static_cast<char>(0x80U | (c & 0x3FU));
        } else {
            *o++ = static_cast<char>(0xF0U | (c >> 18U));
            *o++ = static_cast<char>(0x80U | ((c >> 12U) & 0x3FU));
            *o++ = static_cast<char>(0x80U | ((c >> 6U) & 0x3FU));
            *o++ = static_cast<char>(0x80U | (c & 0x3FU));
        }
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

NormalisedText Normalise(std::u32string_view text, const UnicodeTables& tables) {
    NormalisedText out;
    Evasions& ev = out.evasions;
    const LetterTable& letters = tables.Letters();
    auto is_mark = [&](char32_t c) {
        return c < LetterTable::kSize ? letters.entries[c].mark : tables.IsMark(c);
    };
    auto glyph_of = [&](char32_t c) -> const Glyph* {
        return c < LetterTable::kSize ? letters.entries[c].glyph : FindGlyph(c);
    };
    auto script_of = [&](char32_t c) {
        return c < LetterTable::kSize ? static_cast<Script>(letters.entries[c].script) : ScriptOf(c);
    };

    // 1. Hidden characters and odd spaces go first (NFKC would silently drop or fold them, and
    //    they are evasions to report), then NFKC segment by segment so each output code point
    //    keeps the span of the original it came from.
    //    Units are written by index into a vector of one per code point (NFKC rarely expands;
    //    when it does, the vector grows).
    const auto n = static_cast<std::uint32_t>(text.size());
    std::vector<Unit> units(text.size());
    std::size_t used = 0;
    std::uint32_t i = 0;
    while (i < n) {
        const char32_t c = text[i];
        if (c >= 0x80 && IsInvisible(c)) {
            // A byte-order mark that opens a file is how editors save UTF-8, not an evasion.
            if (!(i == 0 && c == 0xFEFF) && ev.invisible++ == 0) ev.first_invisible = i;
            ++i;
            continue;
        }
        if (c >= 0x80 && IsUnusualSpace(c)) {
            if (ev.unusual_spaces++ == 0) ev.first_unusual_space = i;
            units[used++] = {U' ', i, i + 1};
            ++i;
            continue;
        }
        std::uint32_t j = i + 1;
        while (j < n && text[j] >= 0x300 && is_mark(text[j]) && !IsInvisible(text[j])) ++j;
        if (j == i + 1 && (c < 0x80 || (c < LetterTable::kSize && letters.entries[c].nfkc_self))) {
            units[used++] = {c, i, j};
        } else {
            const std::u32string composed = tables.Nfkc(text.substr(i, j - i));
            // Room for these and one unit for each code point still to come.
            if (used + composed.size() + (n - j) > units.size()) {
                units.resize(used + composed.size() + (n - j));
            }
            for (const char32_t o : composed) units[used++] = {o, i, j};
        }
        i = j;
    }
    units.resize(used);

    // 2. Words: letters, digits and marks; an apostrophe between letters joins (2021 Latin, English).
    auto is_word = [&](char32_t c) {
        return c < LetterTable::kSize ? letters.entries[c].word : tables.IsAlnum(c) || tables.IsMark(c);
    };
    struct Word {
        std::size_t begin;
        std::size_t end;
        std::array<int, 4> scripts;  ///< Letters without a look-alike, by Script.
    };
    std::vector<Word> words;
    for (std::size_t k = 0; k < units.size();) {
        if (!is_word(units[k].c)) {
            ++k;
            continue;
        }
        std::size_t e = k;
        while (e < units.size() &&
               (is_word(units[e].c) ||
                (IsApostrophe(units[e].c) && e + 1 < units.size() && is_word(units[e + 1].c) && e > k))) {
            ++e;
        }
        words.push_back({k, e, {}});
        k = e;
    }

    // 3. The script of each word, from its letters that have no look-alike; a word of look-alikes
    //    only takes the script of the word before it (or the text's majority script).
    auto majority = [](const std::array<int, 4>& counts) {
        Script best = Script::kOther;
        int most = 0;
        for (const Script s : {Script::kLatin, Script::kCyrillic, Script::kGreek}) {
            if (counts[static_cast<std::size_t>(s)] > most) {
                most = counts[static_cast<std::size_t>(s)];
                best = s;
            }
        }
        return best;
    };
    std::array<int, 4> all_counts{};
    for (Word& w : words) {
        for (std::size_t k = w.begin; k < w.end; ++k) {
            const char32_t c = units[k].c;
            const Glyph* g = glyph_of(c);
            if (g != nullptr && !g->alias) continue;
            ++w.scripts[static_cast<std::size_t>(script_of(c))];
        }
        for (std::size_t s = 0; s < all_counts.size(); ++s) all_counts[s] += w.scripts[s];
    }
    Script context = majority(all_counts);
    if (context == Script::kOther) context = Script::kLatin;

    out.text.reserve(units.size());
    out.origin.reserve(units.size());
    std::u32string skeleton;
    for (const Word& w : words) {
        Script script = majority(w.scripts);
        if (script == Script::kOther) {
            script = context;
        } else {
            context = script;
        }
        bool replaced = false;
        bool kazakh_latin = false;
        for (std::size_t k = w.begin; k < w.end; ++k) {
            Unit& u = units[k];
            if (script == Script::kLatin && IsKazakhLatinLetter(u.c)) kazakh_latin = true;
            const Glyph* g = glyph_of(u.c);
            if (g == nullptr) continue;
            char32_t to = 0;
            if (g->alias || (script == Script::kCyrillic && script_of(u.c) != Script::kCyrillic)) {
                to = g->cyrillic;
            } else if (script == Script::kLatin && script_of(u.c) != Script::kLatin) {
                to = g->latin;
            }
            if (to != 0 && to != u.c) {
                if (ev.homoglyphs++ == 0) ev.first_homoglyph = u.begin;
                u.c = to;
                replaced = true;
            }
        }
        if (replaced) ++ev.homoglyph_words;
        if (kazakh_latin) ++ev.kazakh_latin;

        // 4. Case folding and the skeleton; Latin digraphs of informal Kazakh (zh, kh, gh) fold
        //    to what the Cyrillic letter gives.
        if (!out.tokens.empty()) {
            out.text.push_back(U' ');
            out.origin.push_back(units[w.begin].begin);  // the separator belongs to the word it opens
        }
        const std::size_t word_start = out.text.size();
        auto emit = [&](char32_t c, std::uint32_t origin) OQU_ALWAYS_INLINE {
            if (c == U'h' && out.text.size() > word_start) {
                char32_t& last = out.text.back();
                if (last == U'z') {
                    last = U'j';
                    return;
                }
                if (last == U'k') {
                    last = U'h';
                    return;
                }
                if (last == U'g') return;
            }
            out.text.push_back(c);
            out.origin.push_back(origin);
        };
        std::uint32_t end = units[w.begin].end;
        for (std::size_t k = w.begin; k < w.end; ++k) {
            const Unit& u = units[k];
            if (IsApostrophe(u.c)) continue;
            end = u.end;
            if (u.c < LetterTable::kSize) {
                const LetterTable::Entry& e = letters.entries[u.c];
                for (std::size_t o = e.skeleton; o < e.skeleton + std::size_t{e.skeleton_length}; ++o) {
                    emit(letters.pool[o], u.begin);
                }
            } else {
                skeleton.clear();
                AppendSkeleton(u.c, tables, skeleton);
                for (const char32_t o : skeleton) emit(o, u.begin);
            }
        }
        if (out.text.size() == word_start) {
            // A word of hard/soft signs only: nothing to compare, drop the separator too.
            if (!out.tokens.empty()) {
                out.text.pop_back();
                out.origin.pop_back();
            }
            continue;
        }
        std::uint64_t h = 1469598103934665603ULL;
        for (std::size_t k = word_start; k < out.text.size(); ++k) {
            h = (h ^ out.text[k]) * 1099511628211ULL;
        }
        out.tokens.push_back({Mix(h), units[w.begin].begin, end});
    }
    return out;
}

}  // namespace oqu::integrity
