#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <unicode/ucnv.h>

#include "integrity/domain/normalise.hpp"
#include "integrity/extract.hpp"

namespace oqu::integrity {
namespace {

core::Error Broken(const char* detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.broken", detail);
}

bool ValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 1;
        if (b >= 0x80) {
            if ((b & 0xE0U) == 0xC0U && b >= 0xC2) {
                len = 2;
            } else if ((b & 0xF0U) == 0xE0U) {
                len = 3;
            } else if ((b & 0xF8U) == 0xF0U && b <= 0xF4) {
                len = 4;
            } else {
                return false;
            }
            if (i + len > s.size()) return false;
            for (std::size_t k = 1; k < len; ++k) {
                if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return false;
            }
        }
        i += len;
    }
    return true;
}

std::string Utf16ToUtf8(std::string_view bytes, bool little_endian) {
    std::u32string cps;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const auto lo = static_cast<unsigned char>(bytes[i]);
        const auto hi = static_cast<unsigned char>(bytes[i + 1]);
        const char32_t unit = little_endian ? (hi << 8U | lo) : (lo << 8U | hi);
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
            const auto lo2 = static_cast<unsigned char>(bytes[i + 2]);
            const auto hi2 = static_cast<unsigned char>(bytes[i + 3]);
            const char32_t unit2 = little_endian ? (hi2 << 8U | lo2) : (lo2 << 8U | hi2);
            if (unit2 >= 0xDC00 && unit2 <= 0xDFFF) {
                cps.push_back(0x10000 + ((unit - 0xD800) << 10U) + (unit2 - 0xDC00));
                i += 2;
                continue;
            }
        }
        cps.push_back(unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
    }
    return EncodeUtf8(cps);
}

void AppendUtf8(std::string& out, char32_t c) {
    out += EncodeUtf8(std::u32string_view(&c, 1));
}

/// The named and numeric character references of HTML that matter for text.
std::optional<char32_t> DecodeEntity(std::string_view name) {
    if (!name.empty() && name[0] == '#') {
        char32_t v = 0;
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const std::size_t start = hex ? 2 : 1;
        if (name.size() <= start || name.size() > start + 7) return std::nullopt;
        for (std::size_t i = start; i < name.size(); ++i) {
            const char c = name[i];
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
            if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
            if (d < 0) return std::nullopt;
            v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
        }
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
        return v;
    }
    static constexpr std::array<std::pair<std::string_view, char32_t>, 20> kNamed = {{
        {"amp", U'&'},    {"lt", U'<'},    {"gt", U'>'},    {"quot", U'"'},   {"apos", U'\''},
        {"nbsp", 0xA0},   {"laquo", U'«'}, {"raquo", U'»'}, {"mdash", U'—'},  {"ndash", U'–'},
        {"hellip", U'…'}, {"ldquo", U'“'}, {"rdquo", U'”'}, {"bdquo", U'„'},  {"lsquo", U'‘'},
        {"rsquo", U'’'},  {"shy", 0xAD},   {"zwj", 0x200D}, {"zwnj", 0x200C}, {"copy", U'©'},
    }};
    for (const auto& [n, c] : kNamed) {
        if (n == name) return c;
    }
    return std::nullopt;
}

bool StartsWithNoCase(std::string_view s, std::size_t at, std::string_view prefix) {
    if (at + prefix.size() > s.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[at + i])) != prefix[i]) return false;
    }
    return true;
}

std::size_t FindNoCase(std::string_view s, std::size_t from, std::string_view needle) {
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i) {
        if (StartsWithNoCase(s, i, needle)) return i;
    }
    return std::string_view::npos;
}

}  // namespace

std::string CodePageToUtf8(std::string_view bytes, const char* code_page) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(code_page, &status), &ucnv_close);
    if (U_FAILURE(status)) {
        status = U_ZERO_ERROR;
        conv.reset(ucnv_open("windows-1252", &status));
        if (U_FAILURE(status)) return std::string(bytes.size(), '?');
    }
    std::string out;
    out.reserve(bytes.size() * 2);
    const char* src = bytes.data();
    const char* end = src + bytes.size();
    while (src < end) {
        status = U_ZERO_ERROR;
        const UChar32 c = ucnv_getNextUChar(conv.get(), &src, end, &status);
        if (U_FAILURE(status)) {
            if (status == U_INDEX_OUTOFBOUNDS_ERROR) break;
            AppendUtf8(out, 0xFFFD);
            continue;
        }
        AppendUtf8(out, static_cast<char32_t>(c));
    }
    return out;
}

core::Result<std::string> DecodeToUtf8(std::string_view bytes) {
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xFE) {
        return Utf16ToUtf8(bytes.substr(2), true);
    }
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
        static_cast<unsigned char>(bytes[1]) == 0xFF) {
        return Utf16ToUtf8(bytes.substr(2), false);
    }
    if (bytes.find('\0') != std::string_view::npos) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.not_text", "NUL bytes");
    }
    if (ValidUtf8(bytes)) return std::string(bytes);
    // Kazakh and Russian texts saved by old Windows programs.
    return CodePageToUtf8(bytes, "windows-1251");
}

core::Result<ExtractedText> ExtractPlain(std::string_view bytes, const ExtractLimits& /*limits*/) {
    auto text = DecodeToUtf8(bytes);
    if (!text) return std::move(text).error();
    return ExtractedText{std::move(*text), 0};
}

core::Result<ExtractedText> ExtractHtml(std::string_view bytes, const ExtractLimits& limits) {
    std::string html;
    const std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 2048));
    if (!ValidUtf8(bytes) && (FindNoCase(head, 0, "windows-1251") != std::string_view::npos ||
                              FindNoCase(head, 0, "cp1251") != std::string_view::npos)) {
        html = CodePageToUtf8(bytes, "windows-1251");
    } else {
        auto decoded = ExtractPlain(bytes, limits);
        if (!decoded) return decoded;
        html = std::move(decoded->text);
    }
    const std::string_view s = html;
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    auto newline = [&] {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (!out.empty() && out.back() != '\n') out.push_back('\n');
        pending_space = false;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '<') {
            if (s.compare(i, 4, "<!--") == 0) {
                const auto e = s.find("-->", i + 4);
                i = e == std::string_view::npos ? s.size() : e + 3;
                continue;
            }
            const auto e = s.find('>', i + 1);
            if (e == std::string_view::npos) break;
            std::size_t n = i + 1;
            const bool closing = n < s.size() && s[n] == '/';
            if (closing) ++n;
            std::string name;
            while (n < e && (std::isalnum(static_cast<unsigned char>(s[n])) != 0)) {
                name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[n]))));
                ++n;
            }
            i = e + 1;
            if (!closing && (name == "script" || name == "style" || name == "head" || name == "template")) {
                const auto end_tag = FindNoCase(s, i, "</" + name);
                i = end_tag == std::string_view::npos ? s.size() : end_tag;
                continue;
            }
            static constexpr std::array<std::string_view, 24> kBlocks = {
                "p",          "div", "br", "li",     "ul",     "ol",    "h1",      "h2",
                "h3",         "h4",  "h5", "h6",     "tr",     "table", "section", "article",
                "blockquote", "pre", "hr", "header", "footer", "dt",    "dd",      "title"};
            if (std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end()) {
                newline();
            } else if (name == "td" || name == "th") {
                pending_space = true;
            }
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            pending_space = true;
            ++i;
            continue;
        }
        if (pending_space && !out.empty() && out.back() != '\n') out.push_back(' ');
        pending_space = false;
        if (c == '&') {
            const auto semi = s.find(';', i + 1);
            if (semi != std::string_view::npos && semi - i <= 10) {
                if (auto cp = DecodeEntity(s.substr(i + 1, semi - i - 1))) {
                    AppendUtf8(out, *cp);
                    i = semi + 1;
                    continue;
                }
            }
        }
        out.push_back(c);
        ++i;
    }
    newline();
    return ExtractedText{std::move(out), 0};
}

core::Result<ExtractedText> ExtractRtf(std::string_view s, const ExtractLimits& limits) {
    if (s.substr(0, 5) != "{\\rtf") return Broken("no {\\rtf header");
    struct State {
        bool skip = false;
        bool hidden = false;
        int uc = 1;
    };
    std::vector<State> stack{State{}};
    std::string out;
    std::string pending;  // bytes in the document's code page, converted at the next flush
    std::string code_page = "windows-1252";
    int hidden_runs = 0;
    bool in_hidden_run = false;
    int skip_chars = 0;  // fallback characters after \uN
    auto flush = [&] {
        if (pending.empty()) return;
        out += CodePageToUtf8(pending, code_page.c_str());
        pending.clear();
    };
    auto emit_byte = [&](char b) {
        if (skip_chars > 0) {
            --skip_chars;
            return;
        }
        const State& st = stack.back();
        if (st.skip) return;
        if (st.hidden) {
            if (!in_hidden_run) ++hidden_runs;
            in_hidden_run = true;
            return;
        }
        in_hidden_run = false;
        pending.push_back(b);
    };
    auto emit_text = [&](std::string_view utf8) {
        const State& st = stack.back();
        if (st.skip) return;
        if (st.hidden) return;
        flush();
        out += utf8;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        if (out.size() + pending.size() > limits.max_text_bytes) {
            return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large",
                                   "rtf text too large");
        }
        const char c = s[i];
        if (c == '{') {
            if (stack.size() > 1000) return Broken("rtf nesting too deep");
            stack.push_back(stack.back());
            ++i;
            continue;
        }
        if (c == '}') {
            if (stack.size() > 1) stack.pop_back();
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (c != '\\') {
            emit_byte(c);
            ++i;
            continue;
        }
        // A control symbol or word.
        ++i;
        if (i >= s.size()) break;
        const char d = s[i];
        if (d == '\\' || d == '{' || d == '}') {
            emit_byte(d);
            ++i;
            continue;
        }
        if (d == '\'') {
            if (i + 2 < s.size() + 0 && std::isxdigit(static_cast<unsigned char>(s[i + 1])) != 0 &&
                std::isxdigit(static_cast<unsigned char>(s[i + 2])) != 0) {
                emit_byte(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
                i += 3;
            } else {
                ++i;
            }
            continue;
        }
        if (d == '*') {
            stack.back().skip = true;
            ++i;
            continue;
        }
        if (d == '~') {
            emit_text("\u00a0");
            ++i;
            continue;
        }
        if (d == '-' || d == '_') {
            if (d == '_') emit_text("-");
            ++i;
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(d)) == 0) {
            ++i;
            continue;
        }
        std::string word;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) != 0 && word.size() < 32) {
            word.push_back(s[i]);
            ++i;
        }
        bool has_param = false;
        long param = 0;
        bool negative = false;
        if (i < s.size() && s[i] == '-') {
            negative = true;
            ++i;
        }
        int digits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) {
            if (digits++ < 9) param = param * 10 + (s[i] - '0');
            has_param = true;
            ++i;
        }
        if (negative) param = -param;
        if (i < s.size() && s[i] == ' ') ++i;
        static constexpr std::array<std::string_view, 22> kSkipped = {"fonttbl",
                                                                      "colortbl",
                                                                      "stylesheet",
                                                                      "info",
                                                                      "pict",
                                                                      "object",
                                                                      "fldinst",
                                                                      "listtable",
                                                                      "listoverridetable",
                                                                      "rsidtbl",
                                                                      "generator",
                                                                      "themedata",
                                                                      "colorschememapping",
                                                                      "datastore",
                                                                      "latentstyles",
                                                                      "xmlnstbl",
                                                                      "header",
                                                                      "footer",
                                                                      "headerl",
                                                                      "headerr",
                                                                      "footerl",
                                                                      "footerr"};
        if (std::find(kSkipped.begin(), kSkipped.end(), word) != kSkipped.end()) {
            stack.back().skip = true;
        } else if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row") {
            emit_text("\n");
        } else if (word == "tab" || word == "cell") {
            emit_text("\t");
        } else if (word == "ansicpg" && has_param && param > 0 && param < 100000) {
            flush();
            code_page = "windows-" + std::to_string(param);
            if (param == 65001) code_page = "UTF-8";
        } else if (word == "uc" && has_param) {
            stack.back().uc = static_cast<int>(std::clamp(param, 0L, 10L));
        } else if (word == "u" && has_param) {
            // \uN is a signed 16-bit value; anything else is a broken file's noise.
            const auto cp = param < -32768 || param > 65535
                                ? char32_t{0xFFFD}
                                : static_cast<char32_t>(param < 0 ? param + 65536 : param);
            std::string utf8;
            AppendUtf8(utf8, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
            emit_text(utf8);
            skip_chars = stack.back().uc;
        } else if (word == "v") {
            stack.back().hidden = !has_param || param != 0;
        } else if (word == "plain") {
            stack.back().hidden = false;
        }
    }
    flush();
    return ExtractedText{std::move(out), hidden_runs};
}

}  // namespace oqu::integrity
