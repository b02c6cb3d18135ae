#include "academics/domain/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace oqu::academics {

namespace {

bool IsLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool Digits(std::string_view text, int& out) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

// An ISO date field; adds "academics.date_invalid" (or _required) and returns nullopt when bad.
std::optional<Date> ReadDate(std::string_view text, std::string_view field, FieldErrors& errors) {
    const std::string trimmed = Trim(text);
    if (trimmed.empty()) {
        errors.push_back({std::string(field), "academics.date_required", {}});
        return std::nullopt;
    }
    auto date = ParseIsoDate(trimmed);
    if (!date) errors.push_back({std::string(field), "academics.date_invalid", {}});
    return date;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    Date d;
    if (!Digits(text.substr(0, 4), d.year) || !Digits(text.substr(5, 2), d.month) ||
        !Digits(text.substr(8, 2), d.day)) {
        return std::nullopt;
    }
    if (d.year < 1900 || d.year > 2200 || d.month < 1 || d.month > 12) return std::nullopt;
    if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
    return d;
}

std::string FormatIsoDate(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::string FormatDisplayDate(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", date.day, date.month, date.year);
    return buffer;
}

std::string DisplayDate(std::string_view iso) {
    const auto date = ParseIsoDate(iso);
    return date ? FormatDisplayDate(*date) : std::string(iso);
}

core::Result<YearSpec> CheckYear(const YearDraft& draft) {
    FieldErrors errors;
    YearSpec spec;
    spec.name = Trim(draft.name);
    int first = 0;
    int second = 0;
    const bool named = spec.name.size() == 9 && spec.name[4] == '-' &&
                       Digits(std::string_view(spec.name).substr(0, 4), first) &&
                       Digits(std::string_view(spec.name).substr(5, 4), second) && second == first + 1 &&
                       first >= 1900 && first < 2200;
    if (!named) errors.push_back({"name", "academics.year_name_invalid", {}});
    const auto start = ReadDate(draft.start_date, "start_date", errors);
    const auto end = ReadDate(draft.end_date, "end_date", errors);
    if (named && start && start->year != first) {
        errors.push_back({"start_date", "academics.year_start_outside", {{"year", std::to_string(first)}}});
    }
    if (named && end && end->year != second) {
        errors.push_back({"end_date", "academics.year_end_outside", {{"year", std::to_string(second)}}});
    }
    if (start && end && !(*start < *end)) errors.push_back({"end_date", "academics.end_before_start", {}});
    if (!errors.empty()) return InvalidFields(errors);
    spec.start = *start;
    spec.end = *end;
    return spec;
}

std::string_view PeriodKindName(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::kSemester1:
            return "semester1";
        case PeriodKind::kSemester2:
            return "semester2";
        case PeriodKind::kSummer:
            break;
    }
    return "summer";
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view name) {
    if (name == "semester1") return PeriodKind::kSemester1;
    if (name == "semester2") return PeriodKind::kSemester2;
    if (name == "summer") return PeriodKind::kSummer;
    return std::nullopt;
}

core::Result<PeriodSpec> CheckPeriod(const PeriodDraft& draft, const DateRange& year,
                                     const std::vector<DateRange>& other_periods) {
    FieldErrors errors;
    PeriodSpec spec;
    if (auto kind = ParsePeriodKind(Trim(draft.kind))) {
        spec.kind = *kind;
    } else {
        errors.push_back({"kind", "academics.choose_one", {}});
    }
    const auto start = ReadDate(draft.start_date, "start_date", errors);
    const auto end = ReadDate(draft.end_date, "end_date", errors);
    if (start && (*start < year.start || year.end < *start)) {
        errors.push_back({"start_date", "academics.date_outside_year", {}});
    }
    if (end && (*end < year.start || year.end < *end)) {
        errors.push_back({"end_date", "academics.date_outside_year", {}});
    }
    if (start && end && *end < *start) errors.push_back({"end_date", "academics.end_before_start", {}});
    if (start && end && !(*end < *start)) {
        for (const auto& other : other_periods) {
            if (!(*end < other.start) && !(other.end < *start)) {
                errors.push_back({"start_date", "academics.period_overlap", {}});
                break;
            }
        }
    }
    const bool has_exam_start = !Trim(draft.exam_start).empty();
    const bool has_exam_end = !Trim(draft.exam_end).empty();
    if (has_exam_start || has_exam_end) {
        spec.exam_start = ReadDate(draft.exam_start, "exam_start", errors);
        spec.exam_end = ReadDate(draft.exam_end, "exam_end", errors);
        if (spec.exam_start && spec.exam_end) {
            if (*spec.exam_end < *spec.exam_start) {
                errors.push_back({"exam_end", "academics.end_before_start", {}});
            } else if (start && end && (*spec.exam_start < *start || *end < *spec.exam_end)) {
                errors.push_back({"exam_start", "academics.exam_outside_period", {}});
            }
        }
    }
    if (!errors.empty()) return InvalidFields(errors);
    spec.start = *start;
    spec.end = *end;
    return spec;
}

core::Result<HolidaySpec> CheckHoliday(HolidayDraft draft, const DateRange& year) {
    FieldErrors errors;
    CheckNames(draft.names, errors);
    const auto start = ReadDate(draft.start_date, "start_date", errors);
    const auto end = ReadDate(draft.end_date, "end_date", errors);
    if (start && (*start < year.start || year.end < *start)) {
        errors.push_back({"start_date", "academics.date_outside_year", {}});
    }
    if (end && (*end < year.start || year.end < *end)) {
        errors.push_back({"end_date", "academics.date_outside_year", {}});
    }
    if (start && end && *end < *start) errors.push_back({"end_date", "academics.end_before_start", {}});
    if (!errors.empty()) return InvalidFields(errors);
    return HolidaySpec{std::move(draft.names), *start, *end};
}

}  // namespace oqu::academics
