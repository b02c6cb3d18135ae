#include <fmt/format.h>

#include "platform/db/backend.hpp"

namespace oqu::platform::db::detail {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::string PercentDecode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
            out += static_cast<char>(HexDigit(s[i + 1]) * 16 + HexDigit(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The password of a postgresql:// URI, from the userinfo or a password= parameter.
std::string PostgresPassword(std::string_view url) {
    std::string_view rest = url.substr(url.find("://") + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        auto colon = userinfo.find(':');
        if (colon != std::string_view::npos) {
            return PercentDecode(userinfo.substr(colon + 1));
        }
    }
    auto query = url.find('?');
    while (query != std::string_view::npos) {
        std::string_view param = url.substr(query + 1);
        param = param.substr(0, param.find_first_of("&#"));
        if (StartsWith(param, "password=")) {
            return PercentDecode(param.substr(9));
        }
        query = url.find('&', query + 1);
    }
    return {};
}

bool IsIdentChar(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u >= 0x80;
}

// Length of a dollar-quote tag ("$$", "$body$") starting at sql[i], or 0 if there is none.
std::size_t DollarTag(std::string_view sql, std::size_t i) {
    std::size_t j = i + 1;
    if (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') {
        return 0;  // $1 is a positional parameter, not a quote.
    }
    while (j < sql.size() && IsIdentChar(sql[j]) && sql[j] != '$') {
        ++j;
    }
    if (j < sql.size() && sql[j] == '$') {
        return j - i + 1;
    }
    return 0;
}

}  // namespace

ParsedUrl ParseUrl(std::string_view url) {
    ParsedUrl out;
    if (StartsWith(url, "sqlite:")) {
        std::string_view path = url.substr(7);
        // sqlite:///abs/path is a common spelling of sqlite:/abs/path.
        if (StartsWith(path, "//")) {
            path.remove_prefix(2);
        }
        if (!path.empty()) {
            out.scheme = Scheme::kSqlite;
            out.sqlite_path = std::string(path);
            return out;
        }
    } else if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
        out.scheme = Scheme::kPostgres;
        out.conninfo = std::string(url);
        out.password = PostgresPassword(url);
        return out;
    }
    throw DbError(fmt::format(
        "unsupported database URL '{}': expected sqlite:PATH or postgresql://user:pass@host:port/db",
        RedactUrl(url)));
}

RewrittenSql RewritePlaceholders(std::string_view sql) {
    RewrittenSql out;
    out.text.reserve(sql.size() + 16);
    std::size_t i = 0;
    const std::size_t n = sql.size();
    // Copies sql[i, end) and moves i there.
    auto copy_to = [&](std::size_t end) {
        end = std::min(end, n);
        out.text.append(sql.substr(i, end - i));
        i = end;
    };
    while (i < n) {
        char c = sql[i];
        char next = i + 1 < n ? sql[i + 1] : '\0';
        if (c == '\'') {
            // E'...' strings take backslash escapes; '' is a quote in both kinds.
            bool escapes =
                i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
            std::size_t j = i + 1;
            while (j < n) {
                if (escapes && sql[j] == '\\') {
                    j += 2;
                } else if (sql[j] == '\'') {
                    if (j + 1 < n && sql[j + 1] == '\'') {
                        j += 2;
                    } else {
                        break;
                    }
                } else {
                    ++j;
                }
            }
            copy_to(j + 1);
        } else if (c == '"') {
            std::size_t j = sql.find('"', i + 1);
            copy_to(j == std::string_view::npos ? n : j + 1);
        } else if (c == '-' && next == '-') {
            std::size_t j = sql.find('\n', i);
            copy_to(j == std::string_view::npos ? n : j + 1);
        } else if (c == '/' && next == '*') {
            // PostgreSQL block comments nest.
            std::size_t j = i + 2;
            int depth = 1;
            while (j < n && depth > 0) {
                if (sql[j] == '/' && j + 1 < n && sql[j + 1] == '*') {
                    ++depth;
                    j += 2;
                } else if (sql[j] == '*' && j + 1 < n && sql[j + 1] == '/') {
                    --depth;
                    j += 2;
                } else {
                    ++j;
                }
            }
            copy_to(j);
        } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1])) && DollarTag(sql, i) > 0) {
            std::size_t tag_len = DollarTag(sql, i);
            std::string_view tag = sql.substr(i, tag_len);
            std::size_t close = sql.find(tag, i + tag_len);
            copy_to(close == std::string_view::npos ? n : close + tag_len);
        } else if (c == '?') {
            if (next == '?') {
                out.text += '?';
                i += 2;
            } else {
                out.text += fmt::format("${}", ++out.placeholders);
                ++i;
            }
        } else {
            out.text += c;
            ++i;
        }
    }
    return out;
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace oqu::platform::db::detail
