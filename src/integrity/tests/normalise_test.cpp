#include "integrity/domain/normalise.hpp"

#include <gtest/gtest.h>

#include "integrity/icu_tables.hpp"

namespace oqu::integrity {
namespace {

std::string Canonical(std::string_view utf8) {
    return EncodeUtf8(Normalise(DecodeUtf8(utf8), Icu()).text);
}

struct SameCase {
    const char* what;
    const char* a;
    const char* b;
};

/// Spellings that must normalise to the same canonical text.
const SameCase kSame[] = {
    {"Kazakh Cyrillic and 2021 Latin", "Қазақстандағы жаңартылған қуат көзін пайдаланудың",
     "Qazaqstandağy jañartylğan quat közın paidalanudyñ"},
    {"Kazakh Cyrillic and informal ASCII", "Жауын-шашын кезінде улау жұмыстары жүргізілмейді",
     "Zhauyn-shashyn kezinde ulau zhumystary zhurgizilmeidi"},
    {"informal y for й and ю", "көбеюіне", "kobeyuine"},
    {"ё as yo", "волонтёр", "volontyor"},
    {"2021 ş ç and Cyrillic ш ч", "шаруашылық чемпион", "şaruaşylyq çempion"},
    {"informal kh and 2021 h for х", "химия", "khimiia"},
    {"Latin homoglyphs in a Russian word", "сахар ореховый", "cахар opеxовый"},
    {"Cyrillic homoglyphs in an English word", "space rocket", "ѕрасе rосkеt"},
    {"upper-case look-alikes (В Н Р)", "ВНИМАНИЕ РЕКА", "BHИMAHИE PEKA"},
    {"Greek look-alikes", "oxygen", "οxygεn"},
    {"Bashkir ҡ for Kazakh қ", "қала", "ҡала"},
    {"Latin schwa and barred o in Kazakh", "әке өмір", "əке ɵмір"},
    {"zero-width characters and soft hyphen", "обязательный", "обя\u200bза\u00adтель\u2060ный\ufeff"},
    {"unusual spaces", "one two three", "one\u00a0two\u2009three"},
    {"NFKC: ligatures and full-width letters", "office ABC", "o\ufb03ce \uff21\uff22\uff23"},
    {"case folding", "STRASSE Қала", "straße қала"},
    {"combining accents compose", "й", "и\u0306"},
};

TEST(Normalise, SpellingsOfOneTextMatch) {
    for (const auto& c : kSame) {
        EXPECT_EQ(Canonical(c.a), Canonical(c.b)) << c.what;
    }
}

struct DifferentCase {
    const char* what;
    const char* a;
    const char* b;
};

/// Texts that must stay apart.
const DifferentCase kDifferent[] = {
    {"different words", "кітап", "қалам"},
    {"English p is not Russian р in an English word", "pop", "рор music"},
};

TEST(Normalise, DifferentTextsStayApart) {
    for (const auto& c : kDifferent) {
        EXPECT_NE(Canonical(c.a), Canonical(c.b)) << c.what;
    }
}

struct EvasionCase {
    const char* text;
    int homoglyphs;
    int invisible;
    int spaces;
    int kazakh_latin;
};

const EvasionCase kEvasions[] = {
    {"clean text, чистый текст", 0, 0, 0, 0},
    {"cахарный opеxовый", 4, 0, 0, 0},
    {"большой сор", 0, 0, 0, 0},  // "сор" is all look-alikes: it takes the script of its neighbour
    {"обя\u200bза\u00adтель\u2060ный\ufeff", 0, 4, 0, 0},
    {"a\u00a0b\u202fc\u2007d", 0, 0, 3, 0},
    {"Qazaqstandağy jañartylğan quat", 0, 0, 0, 2},
};

TEST(Normalise, ReportsEvasions) {
    for (const auto& c : kEvasions) {
        const auto n = Normalise(DecodeUtf8(c.text), Icu());
        EXPECT_EQ(n.evasions.homoglyphs, c.homoglyphs) << c.text;
        EXPECT_EQ(n.evasions.invisible, c.invisible) << c.text;
        EXPECT_EQ(n.evasions.unusual_spaces, c.spaces) << c.text;
        EXPECT_EQ(n.evasions.kazakh_latin, c.kazakh_latin) << c.text;
    }
}

TEST(Normalise, OffsetsPointIntoTheOriginal) {
    // "ш" becomes "sh" and an invisible character is removed: tokens still point at code points
    // of the original text.
    const std::u32string text = U"Ал\u200b шаруа, \u00abжақсы\u00bb";
    const auto n = Normalise(text, Icu());
    ASSERT_EQ(n.tokens.size(), 3U);
    EXPECT_EQ(text.substr(n.tokens[0].begin, n.tokens[0].end - n.tokens[0].begin), U"Ал");
    EXPECT_EQ(text.substr(n.tokens[1].begin, n.tokens[1].end - n.tokens[1].begin), U"шаруа");
    EXPECT_EQ(text.substr(n.tokens[2].begin, n.tokens[2].end - n.tokens[2].begin), U"жақсы");
    EXPECT_EQ(EncodeUtf8(n.text), "al sharua jaqsi");
    ASSERT_EQ(n.origin.size(), n.text.size());
    EXPECT_EQ(n.origin[3], 4U);  // the "s" of "sh" comes from "ш" at code point 4
    EXPECT_EQ(n.origin[4], 4U);
}

TEST(Normalise, ACodePointSplitByNfkcStaysInsideTheText) {
    // "½" becomes "1⁄2": two words from one code point at the very end (found by fuzz_integrity_text).
    const std::u32string text = U"a \u00bd";
    const auto n = Normalise(text, Icu());
    ASSERT_EQ(n.tokens.size(), 3U);
    EXPECT_EQ(n.tokens[1].begin, 2U);
    EXPECT_EQ(n.tokens[2].begin, 2U);
    for (const auto o : n.origin) EXPECT_LT(o, text.size());
}

TEST(Normalise, DecodesInvalidUtf8AsReplacementCharacters) {
    EXPECT_EQ(DecodeUtf8("a\xff\xc3"), U"a\uFFFD\uFFFD");
    EXPECT_EQ(DecodeUtf8("\xc0\xaf"), U"\uFFFD\uFFFD");  // overlong "/"
    EXPECT_EQ(EncodeUtf8(DecodeUtf8("Қазақ €𝄞")), "Қазақ €𝄞");
    EXPECT_EQ(EncodeUtf8(std::u32string{0x110000, 0xD800}), "\uFFFD\uFFFD");  // found by fuzz_integrity_text
}

}  // namespace
}  // namespace oqu::integrity
