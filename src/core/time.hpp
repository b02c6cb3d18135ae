#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oqu::core {

/// A UTC instant with microsecond precision; the only time type stored in the database.
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

/// Kazakhstan's single time zone since 1 March 2024: UTC+5 (Asia/Almaty), no DST.
inline constexpr std::chrono::hours kKazakhstanOffset{5};

/// Formats an instant as RFC 3339 UTC with microseconds ("2026-11-26T09:46:11.000000Z").
std::string FormatUtc(Instant t);

/// Parses FormatUtc's output (and the same without fraction); false when malformed.
bool ParseUtc(const std::string& text, Instant& out);

/// Microseconds since the Unix epoch.
inline std::int64_t ToMicros(Instant t) {
    return t.time_since_epoch().count();
}

/// The instant at the given microseconds since the Unix epoch.
inline Instant FromMicros(std::int64_t us) {
    return Instant{std::chrono::microseconds{us}};
}

/// A calendar day (in Kazakhstan, for dates such as a period's start or a holiday).
using Day = std::chrono::sys_days;

/// "2026-09-01".
std::string FormatIsoDay(Day day);

/// Parses a strict ISO "YYYY-MM-DD" of a real calendar day; nullopt otherwise.
std::optional<Day> ParseIsoDay(std::string_view text);

/// The calendar day in Kazakhstan (UTC+5) at an instant.
Day KazakhstanDay(Instant t);

}  // namespace oqu::core
