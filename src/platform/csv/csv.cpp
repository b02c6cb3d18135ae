// A small parser of our own rather than a library: Debian 12 offers libcsv 3.0.3 (LGPL, last
// released 2013, a callback C API with no line numbers in its errors) and libfccp (the column
// count is a template parameter and errors are exceptions). An import needs the spreadsheet row
// and line of each error, UTF-8 checks and hard limits, which is about 200 lines here, fuzzed by
// fuzz/csv_fuzz.cpp.
#include "platform/csv/csv.hpp"

#include <algorithm>
#include <utility>

namespace oqu::platform::csv {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view StripBom(std::string_view text) {
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    return text;
}

core::Error LineError(core::ErrorCode code, std::string key, std::size_t line, std::string detail) {
    core::Error error = core::MakeError(code, std::move(key), std::move(detail));
    error.args.emplace_back("line", std::to_string(line));
    return error;
}

core::Error LimitError(std::string key, std::size_t line, std::size_t max, std::string detail) {
    core::Error error = LineError(core::ErrorCode::kTooLarge, std::move(key), line, std::move(detail));
    error.args.emplace_back("max", std::to_string(max));
    return error;
}

// Spaces, tabs and stray byte-order marks (Excel can write a second one) around a value.
std::string_view Trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
            s.remove_prefix(1);
        } else if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
        } else if (s.substr(0, kBom.size()) == kBom) {
            s.remove_prefix(kBom.size());
        } else if (s.size() >= kBom.size() && s.substr(s.size() - kBom.size()) == kBom) {
            s.remove_suffix(kBom.size());
        } else {
            return s;
        }
    }
}

bool AllEmpty(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return Trim(f).empty(); });
}

}  // namespace

char DetectDelimiter(std::string_view text) {
    text = StripBom(text);
    // Quotes are read as the Reader reads them: a quote opens a quoted field only at the start of
    // a field (after either candidate delimiter), and a quote inside an unquoted field is text.
    // Otherwise «ine"» in a header would hide the rest of the file from the count.
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool field_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (field_start && c == '"') {
            // Skip to the closing quote; a doubled quote is an escaped one.
            for (++i; i < text.size(); ++i) {
                if (text[i] != '"') continue;
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    ++i;
                } else {
                    break;
                }
            }
            field_start = false;
            continue;
        }
        if (c == '\n' || c == '\r') break;
        field_start = c == ',' || c == ';';
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

core::Status CheckUtf8(std::string_view text) {
    std::size_t line = 1;
    const auto bad = [&line] {
        return LineError(core::ErrorCode::kInvalidInput, "csv.invalid_utf8", line, "invalid UTF-8");
    };
    const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = byte(i);
        if (c < 0x80) {
            // A NUL byte means a binary file (an .xlsx uploaded by mistake), not text.
            if (c == 0) return bad();
            if (c == '\n') ++line;
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;  // overlong
            if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;  // overlong
            if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            return bad();
        }
        if (i + len > text.size()) return bad();
        if (byte(i + 1) < lo || byte(i + 1) > hi) return bad();
        for (std::size_t k = 2; k < len; ++k) {
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return bad();
        }
        i += len;
    }
    return core::OkStatus();
}

Reader::Reader(std::string_view text, char delimiter, Limits limits)
    : text_(StripBom(text)), delimiter_(delimiter), limits_(limits) {}

core::Error Reader::Fail(core::Error error) {
    failed_ = true;
    error_ = error;
    return error;
}

core::Result<bool> Reader::Next(Record& out) {
    if (failed_) return error_;
    for (;;) {
        if (pos_ >= text_.size()) return false;
        out.fields.clear();
        out.line = line_;
        out.row = ++row_;
        const std::size_t start_line = line_;
        std::string field;
        bool end_of_record = false;
        while (!end_of_record) {
            field.clear();
            if (pos_ < text_.size() && text_[pos_] == '"') {
                ++pos_;
                for (;;) {
                    const std::size_t quote = text_.find('"', pos_);
                    if (quote == std::string_view::npos) {
                        return Fail(LineError(core::ErrorCode::kInvalidInput, "csv.unterminated_quote",
                                              start_line, "a quoted field is never closed"));
                    }
                    const std::string_view chunk = text_.substr(pos_, quote - pos_);
                    line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
                    field.append(chunk);
                    pos_ = quote + 1;
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        field += '"';
                        ++pos_;
                    } else {
                        break;
                    }
                }
                if (field.size() > limits_.max_field_bytes) {
                    return Fail(LimitError("csv.field_too_large", start_line, limits_.max_field_bytes,
                                           "a field exceeds max_field_bytes"));
                }
                if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' &&
                    !(text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
                    return Fail(LineError(core::ErrorCode::kInvalidInput, "csv.bad_quote", line_,
                                          "text after the closing quote of a field"));
                }
            } else {
                // A quote inside an unquoted field is kept as text: hand-edited files contain
                // «Иванов "кіші"», and refusing them helps nobody.
                std::size_t end = pos_;
                while (end < text_.size() && text_[end] != delimiter_ && text_[end] != '\n') ++end;
                std::string_view chunk = text_.substr(pos_, end - pos_);
                if (end < text_.size() && text_[end] == '\n' && !chunk.empty() && chunk.back() == '\r') {
                    chunk.remove_suffix(1);
                }
                field.assign(chunk);
                pos_ = end;
                if (pos_ < text_.size() && text_[pos_] == '\n' && pos_ > 0 && text_[pos_ - 1] == '\r') {
                    --pos_;  // the CRLF is consumed below
                }
            }
            if (field.size() > limits_.max_field_bytes) {
                return Fail(LimitError("csv.field_too_large", line_, limits_.max_field_bytes,
                                       "a field exceeds max_field_bytes"));
            }
            out.fields.push_back(std::move(field));
            field = std::string();
            if (out.fields.size() > limits_.max_fields) {
                return Fail(LimitError("csv.too_many_fields", start_line, limits_.max_fields,
                                       "a record exceeds max_fields"));
            }
            if (pos_ >= text_.size()) {
                end_of_record = true;
            } else if (text_[pos_] == delimiter_) {
                ++pos_;
            } else {
                // '\n' or "\r\n"
                pos_ += text_[pos_] == '\r' ? 2 : 1;
                ++line_;
                end_of_record = true;
            }
        }
        // Blank lines and Excel's rows of empty cells (";;;") carry nothing; skip them but keep
        // counting rows, so later row numbers still match the spreadsheet.
        if (AllEmpty(out.fields)) continue;
        // Row 1 is the header: data records are rows 2 .. max_rows + 1.
        if (out.row > limits_.max_rows + 1) {
            return Fail(LimitError("csv.too_many_rows", start_line, limits_.max_rows, "too many records"));
        }
        return true;
    }
}

core::Result<Table> Parse(std::string_view text, const Limits& limits) {
    text = StripBom(text);
    if (auto utf8 = CheckUtf8(text); !utf8) return utf8.error();
    Table table;
    table.delimiter = DetectDelimiter(text);
    Reader reader(text, table.delimiter, limits);
    Record record;
    auto first = reader.Next(record);
    if (!first) return first.error();
    if (!*first) return core::MakeError(core::ErrorCode::kInvalidInput, "csv.empty", "no header line");
    for (const std::string& title : record.fields) table.header.emplace_back(Trim(title));
    for (;;) {
        Record next;
        auto more = reader.Next(next);
        if (!more) return more.error();
        if (!*more) break;
        table.rows.push_back(std::move(next));
    }
    return table;
}

std::string FormatRecord(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += delimiter;
        const std::string& f = fields[i];
        // Both candidate delimiters are quoted whatever the delimiter, so DetectDelimiter reads the
        // written header back with the delimiter it was written with.
        const bool quote = f.find_first_of("\"\r\n,;") != std::string::npos ||
                           (!f.empty() && (f.front() == ' ' || f.back() == ' '));
        if (!quote) {
            out += f;
            continue;
        }
        out += '"';
        for (char c : f) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

}  // namespace oqu::platform::csv
