#include "platform/csv/import.hpp"

#include <algorithm>

namespace oqu::platform::csv {
namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The lower-case letter of the Cyrillic block (Russian and Kazakh letters included).
char32_t LowerCyrillic(char32_t cp) {
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;  // А..Я
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;  // Ѐ..Џ, Ё, І
    // Ә Ғ Қ Ң Ө Ұ Ү Һ and the rest of the extended block come in upper/lower pairs.
    const bool even_upper =
        (cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x04BF) || (cp >= 0x04D0 && cp <= 0x04FF);
    if (even_upper && cp % 2 == 0) return cp + 1;
    if (cp >= 0x04C1 && cp <= 0x04CE && cp % 2 == 1) return cp + 1;
    if (cp == 0x04C0) return 0x04CF;
    return cp;
}

}  // namespace

std::string_view RowStatusName(RowStatus status) {
    switch (status) {
        case RowStatus::kNew:
            return "new";
        case RowStatus::kUpdate:
            return "update";
        case RowStatus::kUnchanged:
            return "unchanged";
        case RowStatus::kError:
            return "error";
    }
    return "error";
}

std::string NormalizeTitle(std::string_view title) {
    title = Trim(title);
    if (!title.empty() && title.back() == '*') title = Trim(title.substr(0, title.size() - 1));
    std::string out;
    out.reserve(title.size());
    bool space = false;
    for (std::size_t i = 0; i < title.size();) {
        const auto c = static_cast<unsigned char>(title[i]);
        if (c == ' ' || c == '\t') {
            space = true;
            ++i;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        // Two-byte sequences cover the whole Cyrillic block (U+0400..U+04FF).
        if ((c & 0xE0) == 0xC0 && i + 1 < title.size()) {
            const auto c2 = static_cast<unsigned char>(title[i + 1]);
            const char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | (c2 & 0x3F);
            AppendUtf8(out, LowerCyrillic(cp));
            i += 2;
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
        ++i;
    }
    return out;
}

ColumnMap ColumnMap::Build(const std::vector<std::string>& header, std::span<const ColumnSpec> spec,
                           std::vector<FieldError>& errors) {
    ColumnMap map;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string title = NormalizeTitle(header[i]);
        if (title.empty()) continue;
        const ColumnSpec* match = nullptr;
        for (const ColumnSpec& column : spec) {
            if (NormalizeTitle(column.key) == title ||
                std::any_of(column.aliases.begin(), column.aliases.end(),
                            [&](const std::string& alias) { return NormalizeTitle(alias) == title; })) {
                match = &column;
                break;
            }
        }
        if (match == nullptr) {
            map.unknown_.push_back(header[i]);
            continue;
        }
        if (map.Index(match->key).has_value()) {
            errors.push_back(FieldError{1, match->key, "csv.duplicate_column", {{"column", header[i]}}});
            continue;
        }
        map.index_.emplace_back(match->key, i);
    }
    for (const ColumnSpec& column : spec) {
        if (column.required && !map.Index(column.key).has_value()) {
            errors.push_back(FieldError{1, column.key, "csv.missing_column", {{"column", column.key}}});
        }
    }
    return map;
}

std::optional<std::size_t> ColumnMap::Index(std::string_view key) const {
    for (const auto& [k, i] : index_) {
        if (k == key) return i;
    }
    return std::nullopt;
}

std::string_view RowView::Get(std::string_view key) const {
    const auto index = map_.Index(key);
    if (!index || *index >= record_.fields.size()) return {};
    return Trim(record_.fields[*index]);
}

namespace detail {

std::vector<std::string> CellsInSpecOrder(const Record& record, const ColumnMap& map,
                                          std::span<const ColumnSpec> spec) {
    std::vector<std::string> cells;
    cells.reserve(spec.size());
    const RowView view(record, map);
    for (const ColumnSpec& column : spec) cells.emplace_back(view.Get(column.key));
    return cells;
}

void CheckUniqueInFile(const RowView& row, std::span<const ColumnSpec> spec,
                       std::unordered_map<std::string, std::size_t>& seen, std::vector<FieldError>& errors) {
    for (const ColumnSpec& column : spec) {
        if (!column.unique_in_file) continue;
        const std::string_view value = row.Get(column.key);
        if (value.empty()) continue;
        // The key joins column and value with a byte that cannot occur in valid UTF-8 text.
        std::string key = column.key + '\xFF' + NormalizeTitle(value);
        const auto [it, inserted] = seen.emplace(std::move(key), row.row());
        if (!inserted) {
            errors.push_back(FieldError{row.row(),
                                        column.key,
                                        "csv.duplicate_in_file",
                                        {{"column", column.key}, {"first_row", std::to_string(it->second)}}});
        }
    }
}

}  // namespace detail
}  // namespace oqu::platform::csv
