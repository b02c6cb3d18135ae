#include "platform/http/text.hpp"

namespace oqu::platform::http {
namespace {

char Lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (Lower(a[i]) != Lower(b[i])) return false;
    }
    return true;
}

std::string ToLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = Lower(c);
    return out;
}

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string HeaderParameter(std::string_view header, std::string_view name) {
    std::size_t pos = header.find(';');
    while (pos != std::string_view::npos) {
        std::string_view rest = header.substr(pos + 1);
        // Find the end of this parameter, honouring quoted strings that may contain ';'.
        std::size_t end = 0;
        bool quoted = false;
        for (; end < rest.size(); ++end) {
            const char c = rest[end];
            if (quoted && c == '\\') {
                ++end;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                break;
            }
        }
        std::string_view param = TrimSpaces(rest.substr(0, std::min(end, rest.size())));
        const std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && EqualsIgnoreCase(TrimSpaces(param.substr(0, eq)), name)) {
            std::string_view value = TrimSpaces(param.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                std::string out;
                for (std::size_t i = 1; i + 1 < value.size(); ++i) {
                    if (value[i] == '\\' && i + 2 < value.size()) ++i;
                    out += value[i];
                }
                return out;
            }
            return std::string(value);
        }
        if (end >= rest.size()) break;
        pos += 1 + end;
    }
    return {};
}

}  // namespace oqu::platform::http
