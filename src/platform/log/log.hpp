#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/time.hpp"

namespace oqu::platform::log {

/// Severity of a record; records below the global minimum are dropped.
enum class Level { kDebug, kInfo, kWarn, kError };

/// Lower-case name of a level ("info").
const char* LevelName(Level level);

/// One key/value of a record. Holds views: build it in the LogEvent call expression.
class Field {
public:
    /// A string field (escaped as a JSON string).
    Field(std::string_view key, std::string_view value) : key_(key), value_(value) {}
    /// A string field from a C string (a null pointer is written as JSON null).
    Field(std::string_view key, const char* value)
        : key_(key), value_(value ? Value{std::string_view(value)} : Value{}) {}
    /// A string field from a std::string.
    Field(std::string_view key, const std::string& value) : key_(key), value_(std::string_view(value)) {}
    /// A boolean field.
    Field(std::string_view key, bool value) : key_(key), value_(value) {}
    /// A floating-point field (non-finite values are written as null).
    Field(std::string_view key, double value) : key_(key), value_(value) {}
    /// An integer field of any integral type.
    template <typename T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) Field(std::string_view key, T value)
        : key_(key), value_(static_cast<std::int64_t>(value)) {}

    /// The field name.
    std::string_view key() const { return key_; }
    /// Appends the JSON encoding of the value to `out`.
    void AppendJsonValue(std::string& out) const;

private:
    using Value = std::variant<std::monostate, std::string_view, std::int64_t, double, bool>;
    std::string_view key_;
    Value value_;
};

/// Sets the global minimum level (default kInfo); thread-safe.
void SetMinLevel(Level level);

/// True when records at `level` are written; cheap, use it to skip building expensive fields.
bool Enabled(Level level);

/// Redirects output to `out` (default stderr); the caller keeps `out` open while logging runs.
void SetOutput(std::FILE* out);

/// Appends `text` to `out` as the inside of a JSON string (quotes, control characters escaped;
/// invalid UTF-8 bytes become U+FFFD).
void AppendJsonEscaped(std::string& out, std::string_view text);

/// One JSON line without the trailing newline: {"ts":"<RFC 3339 UTC>","level":"info","event":...,<fields>}.
std::string FormatRecord(core::Instant ts, Level level, std::string_view event,
                         std::span<const Field> fields);

/// Writes one record with the current UTC time as a single line; thread-safe, never throws.
void LogEvent(Level level, std::string_view event, std::initializer_list<Field> fields = {});

/// LogEvent for fields built at run time.
void LogEvent(Level level, std::string_view event, std::span<const Field> fields);

}  // namespace oqu::platform::log
