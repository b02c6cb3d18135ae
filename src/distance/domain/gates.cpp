#include "distance/domain/gates.hpp"

#include <string>
#include <utility>

#include "core/time.hpp"

namespace oqu::distance {

namespace {

using core::RuleStatus;
using core::Verdict;

Verdict Make(const char* rule, RuleStatus status, const char* key,
             std::vector<std::pair<std::string, std::string>> args = {}) {
    return Verdict{.rule = rule, .status = status, .message_key = key, .args = std::move(args)};
}

std::string Iso(Day d) {
    return core::FormatIsoDay(d);
}

}  // namespace

Verdict CheckOnlineFormAllowed(OnlineForm form) {
    switch (form) {
        case OnlineForm::kAllowed:
            return Make("R-O2", RuleStatus::kMet, "distance.ro2_allowed");
        case OnlineForm::kForbidden:
            return Make("R-O2", RuleStatus::kViolated, "distance.ro2_forbidden");
        case OnlineForm::kUnknown:
            break;
    }
    return Make("R-O2", RuleStatus::kViolated, "distance.ro2_unknown");
}

Day QualificationWindowStart(Day today) {
    using std::chrono::year_month_day;
    const year_month_day ymd{today};
    year_month_day start = ymd - std::chrono::years{3};
    if (!start.ok()) start = start.year() / start.month() / std::chrono::last;  // 29 Feb → 28 Feb
    return std::chrono::sys_days{start};
}

Verdict CheckTeacherQualification(const std::vector<Qualification>& courses, Day today) {
    const Day since = QualificationWindowStart(today);
    int hours = 0;
    for (const auto& c : courses) {
        if (c.counts && since <= c.completed && c.completed <= today) hours += c.hours;
    }
    std::vector<std::pair<std::string, std::string>> args{
        {"hours", std::to_string(hours)}, {"required", "72"}, {"since", Iso(since)}};
    if (hours >= 72) return Make("R-O16", RuleStatus::kMet, "distance.ro16_qualified", std::move(args));
    return Make("R-O16", RuleStatus::kViolated, "distance.ro16_short", std::move(args));
}

Verdict CheckProctoring(StudyMode mode, Attestation kind, bool remote, bool proctored) {
    const char* rule = nullptr;
    if (remote && mode == StudyMode::kDistance && kind == Attestation::kFinal) rule = "R-D3";
    if (remote && mode == StudyMode::kOnline && kind != Attestation::kCurrent) rule = "R-O21";
    if (rule == nullptr) {
        return Make(mode == StudyMode::kOnline ? "R-O21" : "R-D3", RuleStatus::kNotApplicable,
                    "distance.proctoring_not_needed");
    }
    if (proctored) return Make(rule, RuleStatus::kMet, "distance.proctoring_on");
    return Make(rule, RuleStatus::kViolated, "distance.proctoring_off");
}

Verdict CheckFormTransfer(Day effective, const std::vector<DayRange>& breaks, bool paid) {
    std::vector<std::pair<std::string, std::string>> args{{"date", Iso(effective)}};
    bool in_break = false;
    for (const auto& b : breaks) in_break = in_break || b.Contains(effective);
    if (!in_break) return Make("R-O25", RuleStatus::kViolated, "distance.ro25_not_holidays", std::move(args));
    if (!paid) return Make("R-O25", RuleStatus::kViolated, "distance.ro25_unpaid", std::move(args));
    return Make("R-O25", RuleStatus::kMet, "distance.ro25_allowed", std::move(args));
}

bool EmergencyInForce(const std::vector<DayRange>& orders, Day today) {
    for (const auto& o : orders) {
        if (o.Contains(today)) return true;
    }
    return false;
}

}  // namespace oqu::distance
