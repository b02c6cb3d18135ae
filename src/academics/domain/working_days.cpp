#include "academics/domain/working_days.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace oqu::academics {

namespace {

using std::chrono::days;
using std::chrono::weekday;

bool IsWeekend(core::Day day) {
    const weekday wd{day};
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

core::Day Ymd(int year, unsigned month, unsigned day) {
    return core::Day{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

}  // namespace

std::string_view DayKindName(DayKind kind) {
    switch (kind) {
        case DayKind::kPublicHoliday:
            return "public_holiday";
        case DayKind::kDayOff:
            return "day_off_transfer";
        case DayKind::kWorkingDay:
            return "working_saturday";
    }
    return "public_holiday";
}

std::optional<DayKind> ParseDayKind(std::string_view name) {
    for (DayKind kind : {DayKind::kPublicHoliday, DayKind::kDayOff, DayKind::kWorkingDay}) {
        if (DayKindName(kind) == name) return kind;
    }
    return std::nullopt;
}

WorkingCalendar::WorkingCalendar(std::vector<CalendarDay> days) : days_(std::move(days)) {
    std::stable_sort(days_.begin(), days_.end(),
                     [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
    // One entry a date: the last one listed wins (an administrator's correction of a seeded row).
    std::vector<CalendarDay> unique;
    for (const auto& d : days_) {
        if (!unique.empty() && unique.back().date == d.date) {
            unique.back() = d;
        } else {
            unique.push_back(d);
        }
    }
    days_ = std::move(unique);
}

const CalendarDay* WorkingCalendar::Find(core::Day day) const {
    auto it = std::lower_bound(days_.begin(), days_.end(), day,
                               [](const CalendarDay& a, core::Day d) { return a.date < d; });
    return it != days_.end() && it->date == day ? &*it : nullptr;
}

bool WorkingCalendar::IsWorkingDay(core::Day day) const {
    if (const auto* listed = Find(day)) return listed->kind == DayKind::kWorkingDay;
    return !IsWeekend(day);
}

core::Day WorkingCalendar::WorkingDayBefore(core::Day day, int n) const {
    core::Day d = day;
    for (int found = 0; found < n;) {
        d -= days{1};
        if (IsWorkingDay(d)) ++found;
    }
    return d;
}

int WorkingCalendar::CountWorkingDays(core::Day first, core::Day last) const {
    int count = 0;
    for (core::Day d = first; d <= last; d += days{1}) {
        if (IsWorkingDay(d)) ++count;
    }
    return count;
}

std::vector<CalendarDay> StatutoryDaysOff(int year, std::optional<core::Day> kurban_ait) {
    // Secular holidays move when they fall on a weekend; religious days off never do.
    std::vector<core::Day> secular{Ymd(year, 1, 1),  Ymd(year, 1, 2),  Ymd(year, 3, 8),   Ymd(year, 3, 21),
                                   Ymd(year, 3, 22), Ymd(year, 3, 23), Ymd(year, 5, 1),   Ymd(year, 5, 7),
                                   Ymd(year, 5, 9),  Ymd(year, 7, 6),  Ymd(year, 10, 25), Ymd(year, 12, 16)};
    if (year <= 2025) secular.push_back(Ymd(year, 8, 30));  // Constitution Day (1995 Constitution)
    if (year >= 2027) secular.push_back(Ymd(year, 3, 15));  // Constitution Day (2026 Constitution)
    std::vector<core::Day> religious{Ymd(year, 1, 7)};
    if (kurban_ait) religious.push_back(*kurban_ait);
    std::sort(secular.begin(), secular.end());

    std::set<core::Day> off(secular.begin(), secular.end());
    off.insert(religious.begin(), religious.end());
    std::vector<CalendarDay> out;
    out.reserve(off.size() + secular.size());
    for (core::Day d : off) out.push_back({d, DayKind::kPublicHoliday});
    // Each weekend holiday gives the next day that is neither a weekend, a holiday nor an earlier
    // day in lieu (Nauryz on Saturday and Sunday gives Tuesday and Wednesday after a Monday 23rd).
    std::set<core::Day> lieu;
    for (core::Day h : secular) {
        if (!IsWeekend(h)) continue;
        core::Day d = h + days{1};
        while (IsWeekend(d) || off.contains(d) || lieu.contains(d)) d += days{1};
        lieu.insert(d);
    }
    for (core::Day d : lieu) out.push_back({d, DayKind::kDayOff});
    std::sort(out.begin(), out.end(),
              [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
    return out;
}

core::Day ContentDeadline(core::Day period_start, const WorkingCalendar& calendar) {
    return calendar.WorkingDayBefore(period_start, 5);
}

core::Verdict CheckContentPlacement(std::optional<core::Day> placed, core::Day period_start,
                                    const WorkingCalendar& calendar, core::Day today) {
    const core::Day deadline = ContentDeadline(period_start, calendar);
    std::vector<std::pair<std::string, std::string>> args{
        {"deadline", core::FormatIsoDay(deadline)},
        {"placed", placed ? core::FormatIsoDay(*placed) : ""},
        {"start", core::FormatIsoDay(period_start)}};
    core::Verdict v{
        .rule = "R-O12", .status = core::RuleStatus::kMet, .message_key = "", .args = std::move(args)};
    if (placed && *placed <= deadline) {
        v.message_key = "academics.ro12_on_time";
    } else if (placed) {
        v.status = core::RuleStatus::kViolated;
        v.message_key = "academics.ro12_late";
    } else if (today <= deadline) {
        v.status = core::RuleStatus::kNotApplicable;
        v.message_key = "academics.ro12_not_due";
    } else {
        v.status = core::RuleStatus::kViolated;
        v.message_key = "academics.ro12_missing";
    }
    return v;
}

}  // namespace oqu::academics
