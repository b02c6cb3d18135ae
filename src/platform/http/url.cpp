#include "platform/http/url.hpp"

#include <vector>

namespace oqu::platform::http {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = HexValue(text[i + 1]);
            const int lo = HexValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_as_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                                u == '-' || u == '.' || u == '_' || u == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        }
    }
    return out;
}

std::optional<std::string> NormalizePath(std::string_view raw_path) {
    if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
    std::vector<std::string> segments;
    bool trailing_slash = false;
    std::size_t pos = 1;
    while (pos <= raw_path.size()) {
        std::size_t end = raw_path.find('/', pos);
        if (end == std::string_view::npos) end = raw_path.size();
        const std::string_view raw = raw_path.substr(pos, end - pos);
        pos = end + 1;
        trailing_slash = raw.empty() || raw == "." || raw == "..";
        if (raw.empty()) continue;
        auto decoded = PercentDecode(raw, false);
        // An encoded '/' or NUL would let one segment pose as two, or truncate a C path later.
        if (!decoded || decoded->find('/') != std::string::npos || decoded->find('\0') != std::string::npos) {
            return std::nullopt;
        }
        if (*decoded == ".") continue;
        if (*decoded == "..") {
            if (segments.empty()) return std::nullopt;
            segments.pop_back();
            continue;
        }
        trailing_slash = false;
        segments.push_back(std::move(*decoded));
    }
    std::string out;
    for (const auto& s : segments) {
        out += '/';
        out += s;
    }
    if (out.empty() || trailing_slash) out += '/';
    return out;
}

core::Result<FieldList> ParseUrlEncoded(std::string_view text) {
    FieldList out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('&', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view pair = text.substr(pos, end - pos);
        pos = end + 1;
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        auto name = PercentDecode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::optional<std::string>(std::string())
                                                  : PercentDecode(pair.substr(eq + 1), true);
        if (!name || !value) {
            return core::MakeError(core::ErrorCode::kInvalidInput, "platform.bad_form", "bad percent escape");
        }
        out.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

}  // namespace oqu::platform::http
