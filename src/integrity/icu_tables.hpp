#pragma once

#include "integrity/domain/unicode_tables.hpp"

namespace oqu::integrity {

/// UnicodeTables over ICU (NFKC, full case folding, canonical decomposition, categories).
/// Thread-safe; the answers for the Basic Multilingual Plane come from tables built from ICU at
/// first use (about 65,536 ICU calls of each kind, once per process).
class IcuTables final : public UnicodeTables {
public:
    std::u32string Nfkc(std::u32string_view segment) const override;
    std::u32string FoldCase(char32_t c) const override;
    char32_t BaseLetter(char32_t c) const override;
    bool IsMark(char32_t c) const override;
    bool IsAlnum(char32_t c) const override;

    /// The same answers straight from ICU (the tables are built from them; tests compare).
    std::u32string NfkcIcu(std::u32string_view segment) const;
    std::u32string FoldCaseIcu(char32_t c) const;
    char32_t BaseLetterIcu(char32_t c) const;
};

/// The process's one IcuTables.
const UnicodeTables& Icu();

}  // namespace oqu::integrity
