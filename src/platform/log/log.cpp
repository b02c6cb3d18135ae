#include "platform/log/log.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>

#include <fmt/format.h>

namespace oqu::platform::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};
std::atomic<std::FILE*> g_output{nullptr};
std::mutex g_write_mutex;

// Length of a valid UTF-8 sequence starting at text[i], or 0 when invalid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    std::uint32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

const char* LevelName(Level level) {
    switch (level) {
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
    }
    return "info";
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t n = Utf8SequenceLength(text, i);
            if (n == 0) {
                out += "\xEF\xBF\xBD";
                ++i;
            } else {
                out.append(text.substr(i, n));
                i += n;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
}

void Field::AppendJsonValue(std::string& out) const {
    if (const auto* s = std::get_if<std::string_view>(&value_)) {
        out += '"';
        AppendJsonEscaped(out, *s);
        out += '"';
    } else if (const auto* i = std::get_if<std::int64_t>(&value_)) {
        out += fmt::format("{}", *i);
    } else if (const auto* d = std::get_if<double>(&value_)) {
        if (std::isfinite(*d)) {
            out += fmt::format("{}", *d);
        } else {
            out += "null";
        }
    } else if (const auto* b = std::get_if<bool>(&value_)) {
        out += *b ? "true" : "false";
    } else {
        out += "null";
    }
}

void SetMinLevel(Level level) {
    g_min_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

bool Enabled(Level level) {
    return static_cast<int>(level) >= g_min_level.load(std::memory_order_relaxed);
}

void SetOutput(std::FILE* out) {
    g_output.store(out, std::memory_order_release);
}

std::string FormatRecord(core::Instant ts, Level level, std::string_view event,
                         std::span<const Field> fields) {
    std::string line;
    line.reserve(128 + fields.size() * 24);
    line += "{\"ts\":\"";
    line += core::FormatUtc(ts);
    line += "\",\"level\":\"";
    line += LevelName(level);
    line += "\",\"event\":\"";
    AppendJsonEscaped(line, event);
    line += '"';
    for (const Field& f : fields) {
        line += ",\"";
        AppendJsonEscaped(line, f.key());
        line += "\":";
        f.AppendJsonValue(line);
    }
    line += '}';
    return line;
}

void LogEvent(Level level, std::string_view event, std::span<const Field> fields) {
    if (!Enabled(level)) return;
    try {
        const auto now =
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
        std::string line = FormatRecord(now, level, event, fields);
        line += '\n';
        std::FILE* out = g_output.load(std::memory_order_acquire);
        if (out == nullptr) out = stderr;
        // One fwrite per record under a lock, so lines from many threads never interleave.
        const std::lock_guard lock(g_write_mutex);
        std::fwrite(line.data(), 1, line.size(), out);
        std::fflush(out);
    } catch (const std::bad_alloc&) {
        // Logging must never take the caller down; a record lost to memory exhaustion is acceptable.
    }
}

void LogEvent(Level level, std::string_view event, std::initializer_list<Field> fields) {
    LogEvent(level, event, std::span<const Field>(fields.begin(), fields.size()));
}

}  // namespace oqu::platform::log
