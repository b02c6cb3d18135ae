#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

/// RFC 4180 CSV reading for the imports of every module (people, programmes, curricula).
namespace oqu::platform::csv {

/// Bounds that keep a hostile or mistaken upload from exhausting memory; exceeding one is
/// kTooLarge with a translated key ("csv.too_many_rows", "csv.too_many_fields", "csv.field_too_large").
struct Limits {
    std::size_t max_rows = 50'000;           ///< Data records after the header.
    std::size_t max_fields = 256;            ///< Fields in one record (the header included).
    std::size_t max_field_bytes = 64 << 10;  ///< Bytes of one field after unquoting.
};

/// One record of the file.
struct Record {
    std::size_t row = 0;   ///< 1-based record number as a spreadsheet shows it: the header is row 1.
    std::size_t line = 0;  ///< 1-based physical line where the record starts (differs after quoted newlines).
    std::vector<std::string> fields;  ///< Unquoted field values, in column order.
};

/// The delimiter of a file from its header line: ';' when the line (outside quotes) has more
/// semicolons than commas, as Excel writes in the kk and ru locales, else ','.
char DetectDelimiter(std::string_view text);

/// Checks that `text` is well-formed UTF-8 (no overlong forms, surrogates or NUL bytes); on
/// failure kInvalidInput "csv.invalid_utf8" with the argument `line` (1-based).
core::Status CheckUtf8(std::string_view text);

/// A pull reader over a whole file held in memory (uploads are capped by the route's body limit),
/// so no record is copied twice and the first error stops the walk with its line number.
/// Accepts LF and CRLF line ends, quoted fields with doubled quotes and embedded newlines, and
/// skips a leading UTF-8 byte-order mark. The text must outlive the reader.
class Reader {
public:
    /// A reader over `text` (BOM stripped) with `delimiter` (',' or ';').
    Reader(std::string_view text, char delimiter, Limits limits = {});

    /// Reads the next record into `out`: true when one was read, false at the end of the text.
    /// Errors (kInvalidInput "csv.unterminated_quote", "csv.bad_quote"; kTooLarge over a limit)
    /// carry the argument `line`; after an error every call repeats it.
    core::Result<bool> Next(Record& out);

private:
    core::Error Fail(core::Error error);

    std::string_view text_;
    char delimiter_;
    Limits limits_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t row_ = 0;
    bool failed_ = false;
    core::Error error_;
};

/// A parsed file: the header and the data records, with fully empty lines left out (row numbers
/// still count them, so they match the spreadsheet).
struct Table {
    char delimiter = ',';             ///< The detected delimiter.
    std::vector<std::string> header;  ///< Column titles of row 1, trimmed of surrounding spaces.
    std::vector<Record> rows;         ///< Data records, rows 2.. .
};

/// Parses a whole file: strips a UTF-8 BOM, refuses invalid UTF-8, detects the delimiter from the
/// header and reads every record within `limits`. kInvalidInput "csv.empty" when there is no
/// header; the errors of CheckUtf8 and Reader::Next otherwise.
core::Result<Table> Parse(std::string_view text, const Limits& limits = {});

/// Serialises one record with `delimiter`, quoting fields that need it, ending in CRLF (RFC 4180),
/// for downloadable templates and exports.
std::string FormatRecord(const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace oqu::platform::csv
