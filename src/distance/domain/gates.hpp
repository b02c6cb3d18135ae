#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.hpp"
#include "core/verdict.hpp"

/// The gates of Order 137 as pure functions: who may study or teach in the online form, which
/// assessments need proctoring, when a student may change form of study. Dates are calendar
/// days in Kazakhstan (std::chrono::sys_days); `today` is always a parameter, never the clock.
namespace oqu::distance {

using Day = core::Day;

/// Whether the online form is allowed for a direction of training (order No. 530's list).
enum class OnlineForm : std::uint8_t {
    kUnknown,    ///< The list has not been entered for this direction.
    kAllowed,    ///< Not on the list.
    kForbidden,  ///< On the list.
};

/// R-O2: admission to (or transfer into) the online form. Unknown is violated: until an
/// administrator confirms the direction, admission cannot be shown to be lawful.
core::Verdict CheckOnlineFormAllowed(OnlineForm form);

/// One professional-development course of a teacher (R-O16).
struct Qualification {
    Day completed;       ///< The day the course ended (the certificate's date).
    int hours = 0;       ///< Academic hours.
    bool counts = true;  ///< IT competence, online-teaching methods or technology (else ignored).
};

/// R-O16: at least 72 hours of counted courses completed in the 3 years up to `today`
/// (from the same calendar day three years earlier; 29 February falls back to 28th).
/// Args: hours, required, since.
core::Verdict CheckTeacherQualification(const std::vector<Qualification>& courses, Day today);

/// The first day of the 3-year window R-O16 counts, for `today`.
Day QualificationWindowStart(Day today);

/// Kinds of assessment, for proctoring (R-D3, R-O21).
enum class Attestation : std::uint8_t {
    kCurrent,  ///< Current control (weekly tasks): no rule.
    kInterim,  ///< Interim attestation (session exams, midterm controls).
    kFinal,    ///< Final attestation (state exams, thesis defence).
};

/// How the student studies, for proctoring.
enum class StudyMode : std::uint8_t {
    kFullTime,  ///< On campus.
    kDistance,  ///< A full-time student with DL granted (chapter 2).
    kOnline,    ///< The online form of study (chapter 3).
};

/// R-D3 / R-O21: an assessment taken remotely needs proctoring switched on when it is a final
/// attestation under DL (R-D3) or an interim or final attestation in the online form (R-O21).
/// Not applicable otherwise (on campus, or current control).
core::Verdict CheckProctoring(StudyMode mode, Attestation kind, bool remote, bool proctored);

/// A closed range of days (a holiday break of the academic calendar, an emergency order ...).
struct DayRange {
    Day first;
    Day last;
    bool Contains(Day d) const { return first <= d && d <= last; }
};

/// R-O25: a transfer between the full-time and online forms takes effect during holidays and is
/// paid. `breaks` are the academic year's holidays (winter, summer ...). The holiday check comes
/// first. Args: date.
core::Verdict CheckFormTransfer(Day effective, const std::vector<DayRange>& breaks, bool paid);

/// Whether any of `orders` (emergency orders' periods, R-D16) covers `today`.
bool EmergencyInForce(const std::vector<DayRange>& orders, Day today);

}  // namespace oqu::distance
