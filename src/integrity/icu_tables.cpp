#include "integrity/icu_tables.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/assert.hpp"

namespace oqu::integrity {
namespace {

std::u32string ToUtf32(const icu::UnicodeString& s) {
    std::u32string out;
    out.reserve(static_cast<std::size_t>(s.length()));
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        out.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
    }
    return out;
}

icu::UnicodeString FromUtf32(std::u32string_view text) {
    icu::UnicodeString s;
    for (const char32_t c : text) s.append(static_cast<UChar32>(c));
    return s;
}

const icu::Normalizer2& Instance(const char* name, UNormalization2Mode mode) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, name, mode, status);
    OQU_ASSERT(U_SUCCESS(status) && n != nullptr, "ICU normalizer data missing");
    return *n;
}

}  // namespace

std::u32string IcuTables::Nfkc(std::u32string_view segment) const {
    static const icu::Normalizer2& kNfkc = Instance("nfkc", UNORM2_COMPOSE);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString out = kNfkc.normalize(FromUtf32(segment), status);
    if (U_FAILURE(status)) return std::u32string(segment);
    return ToUtf32(out);
}

std::u32string IcuTables::FoldCase(char32_t c) const {
    icu::UnicodeString s(static_cast<UChar32>(c));
    s.foldCase(U_FOLD_CASE_DEFAULT);
    return ToUtf32(s);
}

char32_t IcuTables::BaseLetter(char32_t c) const {
    static const icu::Normalizer2& kNfd = Instance("nfc", UNORM2_DECOMPOSE);
    icu::UnicodeString d;
    if (!kNfd.getDecomposition(static_cast<UChar32>(c), d) || d.isEmpty()) return c;
    return static_cast<char32_t>(d.char32At(0));
}

bool IcuTables::IsMark(char32_t c) const {
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool IcuTables::IsAlnum(char32_t c) const {
    const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
    return (mask & (U_GC_L_MASK | U_GC_ND_MASK)) != 0;
}

const UnicodeTables& Icu() {
    static const IcuTables kTables;
    return kTables;
}

}  // namespace oqu::integrity
