#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

/// The rules of assignments (issue 5 §2), pure: when a submission is accepted and how late it is,
/// the late penalty, rubric arithmetic, the rubric's text form, allowed file types, local times.
namespace oqu::assignments {

/// What happens to work handed in after the due date.
enum class LatePolicy : std::uint8_t {
    kPenalty,  ///< Accepted until the cut-off (if any) with a penalty per started day.
    kRefuse,   ///< Accepted until the cut-off (the due date when none) without penalty, then refused.
};

/// The dates of an assignment.
struct Deadlines {
    core::Instant opens{};
    core::Instant due{};
    std::optional<core::Instant> cutoff;  ///< No submission after it.
};

/// The late penalty: percent of the mark per started day late, at most `cap_percent`.
struct Penalty {
    int percent_per_day = 0;  ///< 0..100.
    int cap_percent = 0;      ///< 0..100.
};

/// The verdict on a submission made at some instant.
struct Timing {
    bool accepted = false;
    std::string refusal_key;        ///< "assignments.not_open" or "assignments.closed" when refused.
    std::int64_t late_seconds = 0;  ///< After the (extended) due date; 0 when on time.
    int late_days = 0;              ///< Started days late (1 second late is 1 day).
    int penalty_percent = 0;        ///< Under the penalty policy; 0 otherwise.
};

/// Judges a submission at `now` (the server's clock): refused before `opens` and after the
/// cut-off (with the refuse policy and no cut-off, after the due date). An extension moves the due
/// date and, when later, the cut-off. At exactly the due date it is on time; at exactly the
/// cut-off it is still accepted.
Timing JudgeSubmission(const Deadlines& deadlines, LatePolicy policy, const Penalty& penalty,
                       std::optional<core::Instant> extended_due, core::Instant now);

/// min(late_days * percent_per_day, cap_percent, 100); 0 when not late.
int PenaltyPercent(int late_days, const Penalty& penalty);

/// `points` reduced by `percent` percent, rounded to hundredths.
double ApplyPenalty(double points, int percent);

/// Rounds to hundredths (marks are shown and stored with two decimals).
double RoundMark(double value);

/// A level of a rubric criterion.
struct Level {
    std::string title;
    double points = 0;
    friend bool operator==(const Level&, const Level&) = default;
};

/// A rubric criterion with its levels.
struct Criterion {
    std::string title;
    std::vector<Level> levels;
    friend bool operator==(const Criterion&, const Criterion&) = default;
};

/// A rubric; empty criteria means a plain mark.
struct Rubric {
    std::vector<Criterion> criteria;
    friend bool operator==(const Rubric&, const Rubric&) = default;
};

/// Parses the rubric's text form: one criterion a line, "Title | Level: points | Level: points".
/// Blank lines are skipped; empty text is an empty rubric. kInvalidInput "assignments.rubric_invalid"
/// (a line without two levels, a level without a number 0..1000, a title over 500 bytes).
core::Result<Rubric> ParseRubric(std::string_view text);

/// The text form ParseRubric reads.
std::string RubricText(const Rubric& rubric);

/// The sum of each criterion's highest level.
double RubricMax(const Rubric& rubric);

/// The points of one chosen level index per criterion; kInvalidInput "assignments.levels_invalid"
/// when the count differs or an index is out of range.
core::Result<double> RubricPoints(const Rubric& rubric, const std::vector<int>& chosen);

/// A file extension allowed by the assignment ("pdf") and whether the sniffed type fits it.
bool TypeFits(std::string_view extension, std::string_view sniffed_type);

/// The lower-case extension of a file name without the dot ("" when none).
std::string ExtensionOf(std::string_view file_name);

/// Parses an allowed-types list ("pdf, docx") into known extensions; nullopt when one is unknown.
std::optional<std::vector<std::string>> ParseFileTypes(std::string_view text);

/// Every extension an assignment may allow, in display order.
const std::vector<std::string>& KnownFileTypes();

/// Parses "YYYY-MM-DDTHH:MM" (as a datetime-local field sends it) in Asia/Almaty; nullopt when
/// malformed.
std::optional<core::Instant> ParseLocalTime(std::string_view text);

/// Formats an instant as "YYYY-MM-DDTHH:MM" in Asia/Almaty (the datetime-local form).
std::string FormatLocalTime(core::Instant t);

/// Formats an instant for reading: "2026-12-12 10:00" in Asia/Almaty.
std::string DisplayTime(core::Instant t);

}  // namespace oqu::assignments
