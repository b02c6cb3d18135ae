#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace oqu::integrity {

struct LetterTable;

/// The Unicode character data the normaliser needs. The domain stays free of libraries: the
/// implementation over ICU is `integrity/icu_tables.hpp`, and tests use the same one.
class UnicodeTables {
public:
    UnicodeTables();
    virtual ~UnicodeTables();
    UnicodeTables(const UnicodeTables&) = delete;
    UnicodeTables& operator=(const UnicodeTables&) = delete;
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

    /// The normaliser's answers for the letters of Latin, Greek and Cyrillic (below U+0530),
    /// computed once from the functions above at first use (normalise.cpp; thread-safe).
    const LetterTable& Letters() const;

private:
    mutable std::once_flag letters_once_;
    mutable std::unique_ptr<const LetterTable> letters_;
};

}  // namespace oqu::integrity
