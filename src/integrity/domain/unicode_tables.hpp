#pragma once

#include <string>
#include <string_view>

namespace oqu::integrity {

/// The Unicode character data the normaliser needs. The domain stays free of libraries: the
/// implementation over ICU is `integrity/icu_tables.hpp`, and tests use the same one.
class UnicodeTables {
public:
    virtual ~UnicodeTables() = default;
    /// NFKC of one segment (a starter followed by its combining marks).
    virtual std::u32string Nfkc(std::u32string_view segment) const = 0;
    /// Full case folding of one code point ("ß" → "ss").
    virtual std::u32string FoldCase(char32_t c) const = 0;
    /// The first code point of the canonical decomposition: "ä" → "a", "й" → "и".
    virtual char32_t BaseLetter(char32_t c) const = 0;
    /// True for combining marks (general category M).
    virtual bool IsMark(char32_t c) const = 0;
    /// True for letters and decimal digits.
    virtual bool IsAlnum(char32_t c) const = 0;
};

}  // namespace oqu::integrity
