#include "platform/files/content_disposition.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace oqu::platform::files {
namespace {

// Types no browser executes script from, even when opened directly. SVG and HTML are absent
// on purpose: both run script from the portal's origin; so is PDF, which can carry JavaScript and
// forms (an inline preview of it needs a sandboxing CSP, not the portal's origin).
constexpr std::array<std::string_view, 16> kSafeInlineTypes = {
    "image/png",  "image/jpeg", "image/gif",      "image/webp", "image/avif", "audio/mpeg",
    "audio/ogg",  "audio/wav",  "audio/x-wav",    "audio/wave", "audio/webm", "video/mp4",
    "video/webm", "text/plain", "audio/vnd.wave", "audio/mp4",
};

std::string NormaliseType(std::string_view content_type) {
    const auto semicolon = content_type.find(';');
    std::string_view bare = content_type.substr(0, semicolon);
    while (!bare.empty() && (bare.front() == ' ' || bare.front() == '\t')) {
        bare.remove_prefix(1);
    }
    while (!bare.empty() && (bare.back() == ' ' || bare.back() == '\t')) {
        bare.remove_suffix(1);
    }
    std::string out(bare);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// RFC 5987 attr-char: everything else in a filename* value is percent-encoded.
bool IsAttrChar(unsigned char c) {
    if (std::isalnum(c) != 0 && c < 0x80) {
        return true;
    }
    switch (c) {
        case '!':
        case '#':
        case '$':
        case '&':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

bool IsControl(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

std::string PercentEncode(std::string_view filename) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(filename.size() * 3);
    for (const char ch : filename) {
        const auto c = static_cast<unsigned char>(ch);
        if (IsControl(c)) {
            continue;
        }
        if (IsAttrChar(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0f]);
        }
    }
    return out;
}

// One '_' per non-ASCII code point, so "Есеп_2026.pdf" keeps its length in characters.
std::string AsciiFallback(std::string_view filename) {
    std::string out;
    out.reserve(filename.size());
    for (const char ch : filename) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            if ((c & 0xc0) != 0x80) {
                out.push_back('_');
            }
        } else if (IsControl(c) || c == '"' || c == '\\') {
            continue;
        } else if (c == '/') {
            out.push_back('_');
        } else {
            out.push_back(ch);
        }
    }
    return out.empty() ? std::string("download") : out;
}

}  // namespace

bool IsSafeInline(std::string_view content_type) {
    const std::string type = NormaliseType(content_type);
    return std::find(kSafeInlineTypes.begin(), kSafeInlineTypes.end(), type) != kSafeInlineTypes.end();
}

std::string DispositionFor(std::string_view content_type, std::string_view filename) {
    std::string out = IsSafeInline(content_type) ? "inline" : "attachment";
    const std::string encoded = PercentEncode(filename);
    if (encoded.empty()) {
        return out;
    }
    out += "; filename=\"";
    out += AsciiFallback(filename);
    out += "\"; filename*=UTF-8''";
    out += encoded;
    return out;
}

}  // namespace oqu::platform::files
