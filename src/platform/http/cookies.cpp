#include "platform/http/cookies.hpp"

#include "platform/http/text.hpp"

namespace oqu::platform::http {

FieldList ParseCookies(std::string_view header) {
    FieldList out;
    std::size_t pos = 0;
    while (pos <= header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        const std::string_view piece = TrimSpaces(header.substr(pos, end - pos));
        pos = end + 1;
        const std::size_t eq = piece.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view name = TrimSpaces(piece.substr(0, eq));
        std::string_view value = TrimSpaces(piece.substr(eq + 1));
        if (name.empty()) continue;
        // Names are tokens: a space, quote or control byte inside means garbage, not a cookie.
        bool valid = true;
        for (const char c : name) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7F || c == '"' || c == ',' || c == '=') valid = false;
        }
        if (!valid) continue;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        out.emplace_back(std::string(name), std::string(value));
    }
    return out;
}

}  // namespace oqu::platform::http
