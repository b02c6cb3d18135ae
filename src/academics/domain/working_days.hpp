#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "core/verdict.hpp"

/// Kazakhstan's working days: Monday to Friday, minus public holidays and days off in lieu, plus
/// weekend days the government declares working. The calendar is data (an administrator edits
/// it; 2025-2027 are seeded from seed/holidays.csv); StatutoryDaysOff derives a year from the law
/// so that a new year can be proposed before its official calendar is out.
namespace oqu::academics {

/// What a listed day is.
enum class DayKind : std::uint8_t {
    kPublicHoliday,  ///< A public holiday or a religious day off.
    kDayOff,         ///< A day off in lieu or a transferred day off (on a weekday).
    kWorkingDay,     ///< A weekend day declared a working day.
};
/// "public_holiday", "day_off_transfer", "working_saturday" (the names of holidays.csv).
std::string_view DayKindName(DayKind kind);
/// The kind of a stored name; nullopt when unknown.
std::optional<DayKind> ParseDayKind(std::string_view name);

/// One listed day.
struct CalendarDay {
    core::Day date;
    DayKind kind = DayKind::kPublicHoliday;
    friend bool operator==(const CalendarDay&, const CalendarDay&) = default;
};

/// Working days under a five-day week and a list of exceptions.
class WorkingCalendar {
public:
    explicit WorkingCalendar(std::vector<CalendarDay> days);

    /// Monday-Friday and not a holiday or day off; or a weekend day declared working.
    bool IsWorkingDay(core::Day day) const;
    /// The n-th working day before `day` (n ≥ 1; `day` itself is not counted).
    core::Day WorkingDayBefore(core::Day day, int n) const;
    /// Working days in [first, last]; 0 when last < first.
    int CountWorkingDays(core::Day first, core::Day last) const;

private:
    std::vector<CalendarDay> days_;  // sorted by date, one entry a date
    const CalendarDay* Find(core::Day day) const;
};

/// The public holidays and days in lieu of `year` by the law alone (Law "On holidays" art. 5,
/// Labour Code art. 84 p.5), for years from 2023: fixed-date holidays (30 August until 2025,
/// 15 March from 2027), 7 January and the first day of Kurban Ait (given; it moves each year)
/// never moved; a secular holiday falling on Saturday or Sunday gives the next working day off.
/// Government transfers are not derivable and must be entered by hand. Sorted by date.
std::vector<CalendarDay> StatutoryDaysOff(int year, std::optional<core::Day> kurban_ait);

/// The last day course content may be placed to be ready 5 working days before a period
/// starting on `period_start` (R-O12): the 5th working day before it.
core::Day ContentDeadline(core::Day period_start, const WorkingCalendar& calendar);

/// R-O12: content placed (the readiness act's day, or nullopt when not yet ready) at least 5
/// working days before the period starts. Before the deadline an unready course is not yet due
/// (not applicable, "due on ..."); after it, violated. Args: deadline, placed, start.
core::Verdict CheckContentPlacement(std::optional<core::Day> placed, core::Day period_start,
                                    const WorkingCalendar& calendar, core::Day today);

}  // namespace oqu::academics
