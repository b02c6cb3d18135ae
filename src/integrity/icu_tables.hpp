#pragma once

#include "integrity/domain/unicode_tables.hpp"

namespace oqu::integrity {

/// UnicodeTables over ICU (NFKC, full case folding, canonical decomposition, categories).
/// Stateless and thread-safe.
class IcuTables final : public UnicodeTables {
public:
    std::u32string Nfkc(std::u32string_view segment) const override;
    std::u32string FoldCase(char32_t c) const override;
    char32_t BaseLetter(char32_t c) const override;
    bool IsMark(char32_t c) const override;
    bool IsAlnum(char32_t c) const override;
};

/// The process's one IcuTables.
const UnicodeTables& Icu();

}  // namespace oqu::integrity
