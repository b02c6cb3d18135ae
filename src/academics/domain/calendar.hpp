#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "academics/domain/fields.hpp"
#include "academics/domain/ids.hpp"
#include "academics/domain/structure.hpp"
#include "core/result.hpp"

namespace oqu::academics {

/// A calendar date (proleptic Gregorian), stored as ISO "YYYY-MM-DD" text.
struct Date {
    int year = 1970;  ///< 1900..2200 accepted by ParseIsoDate.
    int month = 1;    ///< 1..12.
    int day = 1;      ///< 1..days of the month.
    /// Chronological order.
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=> of several members.
    friend auto operator<=>(const Date&, const Date&) = default;
};

/// Parses a strict ISO date "2026-09-01" of a real calendar day (29 February only in leap
/// years), years 1900..2200; nullopt otherwise.
std::optional<Date> ParseIsoDate(std::string_view text);
/// "2026-09-01".
std::string FormatIsoDate(Date date);
/// "01.09.2026", the form shown on pages.
std::string FormatDisplayDate(Date date);
/// "01.09.2026" for a stored ISO date; the text unchanged when it is not one.
std::string DisplayDate(std::string_view iso);

/// An academic year as typed.
struct YearDraft {
    std::string name;        ///< "2026-2027".
    std::string start_date;  ///< ISO date in the first calendar year.
    std::string end_date;    ///< ISO date in the second calendar year, after start.
};

/// A year draft that passed CheckYear.
struct YearSpec {
    std::string name;
    Date start;
    Date end;
};

/// Checks an academic year: name "YYYY-YYYY" of consecutive years, start within the first
/// year, end within the second. kInvalidInput with field errors.
core::Result<YearSpec> CheckYear(const YearDraft& draft);

/// An academic period of a year.
enum class PeriodKind : std::uint8_t { kSemester1, kSemester2, kSummer };
/// "semester1", "semester2", "summer".
std::string_view PeriodKindName(PeriodKind kind);
/// The kind of a stored name; nullopt when unknown.
std::optional<PeriodKind> ParsePeriodKind(std::string_view name);

/// An academic period as typed.
struct PeriodDraft {
    std::string kind;        ///< "semester1", "semester2", "summer".
    std::string start_date;  ///< ISO date.
    std::string end_date;    ///< ISO date, not before start.
    std::string exam_start;  ///< ISO date of the examination session's first day; empty: none.
    std::string exam_end;    ///< ISO date of its last day; both or neither.
};

/// A period draft that passed CheckPeriod.
struct PeriodSpec {
    PeriodKind kind = PeriodKind::kSemester1;
    Date start;
    Date end;
    std::optional<Date> exam_start;
    std::optional<Date> exam_end;
};

/// Another period of the same year, for the overlap check.
struct DateRange {
    Date start;
    Date end;
};

/// Checks a period against its year (inside [year_start, year_end]) and the year's other
/// periods (no overlap); the exam session lies inside the period. kInvalidInput with field errors.
core::Result<PeriodSpec> CheckPeriod(const PeriodDraft& draft, const DateRange& year,
                                     const std::vector<DateRange>& other_periods);

/// A break of a year (winter holidays, ...) as typed.
struct HolidayDraft {
    Names names;
    std::string start_date;
    std::string end_date;
};

/// A holiday draft that passed CheckHoliday.
struct HolidaySpec {
    Names names;
    Date start;
    Date end;
};

/// Checks a break: names, a date range inside the year. kInvalidInput with field errors.
core::Result<HolidaySpec> CheckHoliday(HolidayDraft draft, const DateRange& year);

}  // namespace oqu::academics
