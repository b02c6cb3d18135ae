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

}  // namespace oqu::core
