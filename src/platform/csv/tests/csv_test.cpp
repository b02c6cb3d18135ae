#include "platform/csv/csv.hpp"

#include <string>

#include <gtest/gtest.h>

namespace oqu::platform::csv {
namespace {

std::string Arg(const core::Error& error, const std::string& name) {
    for (const auto& [k, v] : error.args) {
        if (k == name) return v;
    }
    return "<none>";
}

/// Quoted fields keep delimiters, doubled quotes and newlines; row numbers count the header.
TEST(CsvParseTest, QuotedFieldsAndDoubledQuotes) {
    auto table = Parse("name,note\n\"Иванов, Иван\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\nlast,\n");
    ASSERT_TRUE(table.has_value()) << table.error().detail;
    ASSERT_EQ(table->header, (std::vector<std::string>{"name", "note"}));
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"Иванов, Иван", "say \"hi\""}));
    EXPECT_EQ(table->rows[0].row, 2u);
    EXPECT_EQ(table->rows[1].fields, (std::vector<std::string>{"multi\nline", "x"}));
    EXPECT_EQ(table->rows[1].line, 3u);
    EXPECT_EQ(table->rows[2].fields, (std::vector<std::string>{"last", ""}));
    EXPECT_EQ(table->rows[2].row, 4u);
    EXPECT_EQ(table->rows[2].line, 5u);
}

/// CRLF line ends (Excel on Windows) give the same records as LF, with no stray '\r'.
TEST(CsvParseTest, CrlfEqualsLf) {
    auto crlf = Parse("a,b\r\n1,\"2\"\r\n3,4\r\n");
    auto lf = Parse("a,b\n1,\"2\"\n3,4\n");
    ASSERT_TRUE(crlf.has_value());
    ASSERT_TRUE(lf.has_value());
    ASSERT_EQ(crlf->rows.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(crlf->rows[i].fields, lf->rows[i].fields);
    EXPECT_EQ(crlf->rows[1].fields, (std::vector<std::string>{"3", "4"}));
}

/// A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first title.
TEST(CsvParseTest, BomIsStripped) {
    auto table = Parse("\xEF\xBB\xBFлогин;аты\nali;Әли\n");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->header[0], "логин");
    EXPECT_EQ(table->delimiter, ';');
}

/// Excel in the kk and ru locales writes ';'; the header decides, quoted commas do not count.
TEST(CsvParseTest, DelimiterDetectedFromHeader) {
    EXPECT_EQ(DetectDelimiter("a;b;c\n1,5;2,5;3\n"), ';');
    EXPECT_EQ(DetectDelimiter("a,b,c\n1;2;3\n"), ',');
    EXPECT_EQ(DetectDelimiter("\"x,y,z\";b\n"), ';');
    EXPECT_EQ(DetectDelimiter("single\n"), ',');
    // A quote inside an unquoted title is text, as the reader treats it: it does not open a
    // quoted field that would run on into the next lines (found by fuzz_csv).
    EXPECT_EQ(DetectDelimiter("ine\"\n\n,code,name\nA,\"mlu;ti'\nline\"\n"), ',');
    EXPECT_EQ(DetectDelimiter("a\"b;c;d,e\n"), ';');
    EXPECT_EQ(DetectDelimiter("a,\"x;y;\"\"z\"\";q\"\n"), ',');
    // A second byte-order mark is not a title (found by fuzz_csv): the line is blank.
    auto bom = Parse(" \xEF\xBB\xBF\n");
    ASSERT_FALSE(bom.has_value());
    EXPECT_EQ(bom.error().message_key, "csv.empty");
    auto titled = Parse("\xEF\xBB\xBF\xEF\xBB\xBF code ;name\n");
    ASSERT_TRUE(titled.has_value());
    EXPECT_EQ(titled->header, (std::vector<std::string>{"code", "name"}));
    auto table = Parse("a;b\n1,5;2\n");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"1,5", "2"}));
}

/// Blank lines and rows of empty cells are skipped, yet later rows keep their spreadsheet number.
TEST(CsvParseTest, BlankRowsSkippedButCounted) {
    auto table = Parse("a;b\n\n;;\nx;y");
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].row, 4u);
    EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"x", "y"}));
}

/// Invalid UTF-8 (a cp1251 file saved by old Excel) is refused with the line number.
TEST(CsvParseTest, InvalidUtf8RefusedWithLine) {
    auto table = Parse("a,b\nok,ok\n\xC8\xE2\xE0\xED\xEE\xE2,x\n");
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(table.error().message_key, "csv.invalid_utf8");
    EXPECT_EQ(Arg(table.error(), "line"), "3");
}

/// The UTF-8 checker refuses overlong forms, surrogates, code points above U+10FFFF, truncation and NUL.
TEST(CsvParseTest, Utf8CheckerTable) {
    const struct {
        std::string text;
        bool ok;
    } cases[] = {
        {"plain", true},
        {"Қазақстан ЖСН", true},
        {"\xF0\x9F\x98\x80", true},   // emoji
        {"\xC0\xAF", false},          // overlong '/'
        {"\xE0\x80\xAF", false},      // overlong
        {"\xED\xA0\x80", false},      // surrogate
        {"\xF4\x90\x80\x80", false},  // above U+10FFFF
        {"\xD0", false},              // truncated
        {std::string("a\0b", 3), false},
        {"\xFF", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(CheckUtf8(c.text).has_value(), c.ok) << c.text;
    }
}

/// An unterminated quote names the line where the cell starts; text after a closing quote is refused.
TEST(CsvParseTest, BrokenQuotes) {
    auto open = Parse("a,b\n1,2\n3,\"never closed\n4,5\n");
    ASSERT_FALSE(open.has_value());
    EXPECT_EQ(open.error().message_key, "csv.unterminated_quote");
    EXPECT_EQ(Arg(open.error(), "line"), "3");
    auto trailing = Parse("a,b\n\"x\"y,2\n");
    ASSERT_FALSE(trailing.has_value());
    EXPECT_EQ(trailing.error().message_key, "csv.bad_quote");
    // A quote inside an unquoted cell is kept as text.
    auto inner = Parse("a\nИванов \"кіші\"\n");
    ASSERT_TRUE(inner.has_value());
    EXPECT_EQ(inner->rows[0].fields[0], "Иванов \"кіші\"");
}

/// Rows, fields per row and field size are bounded; each excess is kTooLarge.
TEST(CsvParseTest, LimitsGiveTooLarge) {
    const Limits limits{.max_rows = 2, .max_fields = 3, .max_field_bytes = 5};
    auto ok = Parse("a,b,c\n1,2,3\n4,5,6\n", limits);
    EXPECT_TRUE(ok.has_value());
    auto rows = Parse("a\n1\n2\n3\n", limits);
    ASSERT_FALSE(rows.has_value());
    EXPECT_EQ(rows.error().code, core::ErrorCode::kTooLarge);
    EXPECT_EQ(rows.error().message_key, "csv.too_many_rows");
    auto fields = Parse("a,b,c,d\n", limits);
    ASSERT_FALSE(fields.has_value());
    EXPECT_EQ(fields.error().message_key, "csv.too_many_fields");
    auto size = Parse("a\n123456\n", limits);
    ASSERT_FALSE(size.has_value());
    EXPECT_EQ(size.error().message_key, "csv.field_too_large");
    EXPECT_EQ(Arg(size.error(), "line"), "2");
    auto quoted = Parse("a\n\"12\"\"3456\"\n", limits);
    ASSERT_FALSE(quoted.has_value());
    EXPECT_EQ(quoted.error().message_key, "csv.field_too_large");
}

TEST(CsvParseTest, EmptyFileHasNoHeader) {
    auto table = Parse("\xEF\xBB\xBF");
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().message_key, "csv.empty");
}

/// After an error the reader keeps answering it instead of resynchronising on garbage.
TEST(CsvReaderTest, ErrorIsSticky) {
    Reader reader("\"x\"y\na\n", ',');
    Record r;
    EXPECT_FALSE(reader.Next(r).has_value());
    EXPECT_FALSE(reader.Next(r).has_value());
}

/// FormatRecord output parses back to the same fields (property over awkward values).
TEST(CsvFormatTest, RoundTrip) {
    const std::vector<std::vector<std::string>> records = {
        {"plain", "with,comma", "with;semi", "q\"uote", "line\nbreak", " padded ", ""},
        {"ЖСН", "Тегі", "Аты", "\r\n", "\"", "", "x"},
    };
    for (char delimiter : {',', ';'}) {
        std::string text = FormatRecord({"h1", "h2", "h3", "h4", "h5", "h6", "h7"}, delimiter);
        for (const auto& r : records) text += FormatRecord(r, delimiter);
        auto table = Parse(text);
        ASSERT_TRUE(table.has_value()) << table.error().message_key;
        EXPECT_EQ(table->delimiter, delimiter);
        ASSERT_EQ(table->rows.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(table->rows[i].fields, records[i]);
        // A title holding the other delimiter is quoted too, so detection reads the header back
        // with the delimiter it was written with.
        auto titles = Parse(FormatRecord({"a", "b;c;d", "e,f,g"}, delimiter));
        ASSERT_TRUE(titles.has_value());
        EXPECT_EQ(titles->delimiter, delimiter);
        EXPECT_EQ(titles->header, (std::vector<std::string>{"a", "b;c;d", "e,f,g"}));
    }
}

}  // namespace
}  // namespace oqu::platform::csv
