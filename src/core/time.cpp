#include "core/time.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace oqu::core {

std::string FormatUtc(Instant t) {
    using namespace std::chrono;  // NOLINT(google-build-using-namespace): local, for chrono literals
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
}

bool ParseUtc(const std::string& text, Instant& out) {
    using namespace std::chrono;  // NOLINT(google-build-using-namespace): local, for chrono literals
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    int h = 0;
    int mi = 0;
    int s = 0;
    long us = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) {
        return false;
    }
    std::string rest = text.substr(static_cast<std::size_t>(consumed));
    if (!rest.empty() && rest[0] == '.') {
        std::size_t i = 1;
        long scale = 100000;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (scale > 0) us += (rest[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        rest = rest.substr(i);
    }
    if (rest != "Z" && rest != "+00:00") return false;
    const year_month_day ymd{year{y}, month{mo}, day{d}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return false;
    out =
        time_point_cast<microseconds>(sys_days{ymd} + hours{h} + minutes{mi} + seconds{s}) + microseconds{us};
    return true;
}

std::string FormatIsoDay(Day day) {
    const std::chrono::year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::optional<Day> ParseIsoDay(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t k = 0; k < lengths[i]; ++k) {
            const char c = text[starts[i] + k];
            if (c < '0' || c > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const std::chrono::year_month_day ymd{std::chrono::year{parts[0]},
                                          std::chrono::month{static_cast<unsigned>(parts[1])},
                                          std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return std::nullopt;
    return Day{ymd};
}

Day KazakhstanDay(Instant t) {
    return std::chrono::floor<std::chrono::days>(t + kKazakhstanOffset);
}

}  // namespace oqu::core
