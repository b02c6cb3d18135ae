#include "integrity/icu_tables.hpp"

#include <cstdint>
#include <vector>

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

/// ICU's answers for every code point of the Basic Multilingual Plane (surrogates apart), built
/// once: the normaliser asks for each letter of a text, and an ICU string per letter made
/// normalisation of Cyrillic text several times slower than the rest of a check.
class BmpTables {
public:
    static constexpr char32_t kSize = 0x10000;

    explicit BmpTables(const IcuTables& icu) : base_(kSize), nfkc_(kSize), fold_(kSize) {
        for (char32_t c = 0; c < kSize; ++c) {
            if (c >= 0xD800 && c <= 0xDFFF) continue;
            base_[c] = icu.BaseLetterIcu(c);
            nfkc_[c] = Store(icu.NfkcIcu(std::u32string_view(&c, 1)));
            fold_[c] = Store(icu.FoldCaseIcu(c));
        }
    }

    static bool Covers(char32_t c) { return c < kSize && (c < 0xD800 || c > 0xDFFF); }
    char32_t BaseLetter(char32_t c) const { return base_[c]; }
    std::u32string Nfkc(char32_t c) const { return Load(nfkc_[c]); }
    std::u32string FoldCase(char32_t c) const { return Load(fold_[c]); }

private:
    struct Ref {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
    };
    Ref Store(const std::u32string& s) {
        const Ref r{static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(s.size())};
        pool_.append(s);
        return r;
    }
    std::u32string Load(Ref r) const { return pool_.substr(r.offset, r.length); }

    std::vector<char32_t> base_;
    std::vector<Ref> nfkc_;
    std::vector<Ref> fold_;
    std::u32string pool_;
};

const BmpTables& Bmp(const IcuTables& icu) {
    static const BmpTables kTables(icu);
    return kTables;
}

}  // namespace

std::u32string IcuTables::Nfkc(std::u32string_view segment) const {
    if (segment.size() == 1 && BmpTables::Covers(segment[0])) return Bmp(*this).Nfkc(segment[0]);
    return NfkcIcu(segment);
}

std::u32string IcuTables::FoldCase(char32_t c) const {
    if (BmpTables::Covers(c)) return Bmp(*this).FoldCase(c);
    return FoldCaseIcu(c);
}

char32_t IcuTables::BaseLetter(char32_t c) const {
    if (BmpTables::Covers(c)) return Bmp(*this).BaseLetter(c);
    return BaseLetterIcu(c);
}

std::u32string IcuTables::NfkcIcu(std::u32string_view segment) const {
    static const icu::Normalizer2& kNfkc = Instance("nfkc", UNORM2_COMPOSE);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString out = kNfkc.normalize(FromUtf32(segment), status);
    if (U_FAILURE(status)) return std::u32string(segment);
    return ToUtf32(out);
}

std::u32string IcuTables::FoldCaseIcu(char32_t c) const {
    icu::UnicodeString s(static_cast<UChar32>(c));
    s.foldCase(U_FOLD_CASE_DEFAULT);
    return ToUtf32(s);
}

char32_t IcuTables::BaseLetterIcu(char32_t c) const {
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
