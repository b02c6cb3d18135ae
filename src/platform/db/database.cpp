#include "platform/db/database.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "platform/db/backend.hpp"

namespace oqu::platform::db {
namespace {

std::string Describe(const Value& v) {
    switch (v.index()) {
        case 0:
            return "NULL";
        case 1:
            return fmt::format("integer {}", std::get<std::int64_t>(v));
        case 2:
            return fmt::format("real {}", std::get<double>(v));
        case 3: {
            const auto& s = std::get<std::string>(v);
            return fmt::format("text '{}'", s.size() > 40 ? s.substr(0, 40) + "..." : s);
        }
        default:
            return fmt::format("blob of {} bytes", std::get<Blob>(v).bytes.size());
    }
}

[[noreturn]] void Unconvertible(std::size_t i, const Value& v, const char* wanted) {
    if (std::holds_alternative<std::monostate>(v)) {
        throw DbError(fmt::format("column {} is NULL, expected {}", i, wanted));
    }
    throw DbError(fmt::format("column {} ({}) is not {}", i, Describe(v), wanted));
}

}  // namespace

const Value& Row::at(std::size_t i) const {
    if (i >= values_.size()) {
        throw DbError(fmt::format("column {} out of range (the row has {})", i, values_.size()));
    }
    return values_[i];
}

bool Row::IsNull(std::size_t i) const {
    return std::holds_alternative<std::monostate>(at(i));
}

std::int64_t Row::Int(std::size_t i) const {
    const Value& v = at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        // 2^63 is exactly representable; anything at or past it does not fit.
        constexpr double kLimit = 9223372036854775808.0;
        if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -kLimit && *d < kLimit) {
            return static_cast<std::int64_t>(*d);
        }
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::int64_t out = 0;
        auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && end == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    Unconvertible(i, v, "an integer");
}

double Row::Real(std::size_t i) const {
    const Value& v = at(i);
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*n);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        double out = 0;
        auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && end == s->data() + s->size() && !s->empty()) {
            return out;
        }
    }
    Unconvertible(i, v, "a number");
}

std::string Row::Text(std::size_t i) const {
    const Value& v = at(i);
    switch (v.index()) {
        case 1:
            return std::to_string(std::get<std::int64_t>(v));
        case 2:
            return fmt::format("{}", std::get<double>(v));
        case 3:
            return std::get<std::string>(v);
        case 4:
            return std::get<Blob>(v).bytes;
        default:
            Unconvertible(i, v, "text");
    }
}

Blob Row::Bytes(std::size_t i) const {
    const Value& v = at(i);
    if (const auto* b = std::get_if<Blob>(&v)) {
        return *b;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return Blob{*s};
    }
    Unconvertible(i, v, "a blob");
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
    if (IsNull(i)) {
        return std::nullopt;
    }
    return Text(i);
}

std::string RedactUrl(std::string_view url) {
    std::string out(url);
    auto scheme_end = out.find("://");
    if (scheme_end == std::string::npos) {
        return out;
    }
    std::size_t authority = scheme_end + 3;
    std::size_t authority_end = out.find_first_of("/?#", authority);
    if (authority_end == std::string::npos) {
        authority_end = out.size();
    }
    std::size_t at = out.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
    if (at != std::string::npos && at >= authority) {
        std::size_t colon = out.find(':', authority);
        if (colon != std::string::npos && colon < at) {
            out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // A password may also come as a query parameter.
    std::size_t query = out.find('?');
    while (query != std::string::npos) {
        std::size_t key = query + 1;
        if (out.compare(key, 9, "password=") == 0) {
            std::size_t value = key + 9;
            std::size_t value_end = out.find_first_of("&#", value);
            if (value_end == std::string::npos) {
                value_end = out.size();
            }
            out.replace(value, value_end - value, "***");
        }
        query = out.find('&', key);
    }
    return out;
}

std::unique_ptr<Database> Database::Open(const std::string& url, const Options& options) {
    detail::ParsedUrl parsed = detail::ParseUrl(url);
    std::string description = RedactUrl(url);
    if (parsed.scheme == detail::Scheme::kSqlite) {
        return detail::OpenSqlite(parsed, description, options);
    }
    return detail::OpenPostgres(parsed, description, options);
}

namespace detail {

std::string OneLine(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

void RunWithRetry(const Options& options, std::atomic<std::int64_t>& retries,
                  const std::function<void()>& attempt) {
    thread_local std::minstd_rand random(std::random_device{}());
    for (int n = 0;; ++n) {
        try {
            attempt();
            return;
        } catch (const DbError& e) {
            if (!e.retryable() || n >= options.max_retries) {
                throw;
            }
        }
        ++retries;
        // 5, 10, 20 ... 160 ms, plus up to half again at random so contenders fall out of step.
        auto base = std::chrono::milliseconds(5) * (1 << std::min(n, 5));
        std::uniform_int_distribution<std::int64_t> jitter(0, base.count() / 2);
        std::this_thread::sleep_for(base + std::chrono::milliseconds(jitter(random)));
    }
}

}  // namespace detail
}  // namespace oqu::platform::db
