#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Small text helpers shared by the question importers (internal to assessment/domain).
namespace oqu::assessment {

/// `text` without a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);
/// `text` without surrounding ASCII whitespace and no-break spaces (U+00A0).
std::string_view TrimSpace(std::string_view text);
/// ASCII letters lowered; other bytes (Cyrillic, Kazakh) unchanged.
std::string AsciiLower(std::string_view text);

/// A line of a file with its 1-based number (LF, CRLF or CR line ends).
struct Line {
    std::string_view text;
    int number = 0;
};
/// The lines of `text` (BOM stripped).
std::vector<Line> SplitLines(std::string_view text);

/// A decimal number as teachers type it: "3.14", "3,14", "-2", "1e3"; nothing else.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace oqu::assessment
