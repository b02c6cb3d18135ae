#include "distance/domain/quotas.hpp"

#include <string>
#include <utility>

namespace oqu::distance {

namespace {

using core::RuleStatus;
using core::Verdict;

Verdict Make(const char* rule, RuleStatus status, const char* key,
             std::vector<std::pair<std::string, std::string>> args) {
    return Verdict{.rule = rule, .status = status, .message_key = key, .args = std::move(args)};
}

std::vector<std::pair<std::string, std::string>> ShareArgs(const char* part_name, std::int64_t part,
                                                           std::int64_t whole, const char* bound_name,
                                                           int bound) {
    return {{part_name, std::to_string(part)},
            {"total", std::to_string(whole)},
            {"share", core::Percent(part, whole)},
            {bound_name, std::to_string(bound)}};
}

}  // namespace

int LimitPercent(DlLimit limit) {
    switch (limit) {
        case DlLimit::kForbidden:
            return 0;
        case DlLimit::kLimit20:
            return 20;
        case DlLimit::kLimit50:
            return 50;
    }
    return 0;
}

Verdict CheckDlShare(const DlShare& in) {
    const int count = in.approved + in.proposed;
    const int limit = LimitPercent(in.limit);
    auto args = ShareArgs("count", count, in.total_disciplines, "limit", limit);
    if (count == 0) return Make("R-D7", RuleStatus::kMet, "distance.rd7_none", std::move(args));
    if (in.limit == DlLimit::kForbidden) {
        if (in.art_37_2) return Make("R-D7", RuleStatus::kMet, "distance.rd7_exception", std::move(args));
        return Make("R-D7", RuleStatus::kViolated, "distance.rd7_forbidden", std::move(args));
    }
    if (in.total_disciplines <= 0) {
        return Make("R-D7", RuleStatus::kViolated, "distance.rd7_no_curriculum", std::move(args));
    }
    if (core::AtMostPercent(count, in.total_disciplines, limit)) {
        return Make("R-D7", RuleStatus::kMet, "distance.rd7_within", std::move(args));
    }
    return Make("R-D7", RuleStatus::kViolated, "distance.rd7_exceeded", std::move(args));
}

Verdict CheckDlSynchronous(bool synchronous, bool mooc) {
    if (mooc) return Make("R-D8", RuleStatus::kMet, "distance.rd8_mooc", {});
    if (synchronous) return Make("R-D8", RuleStatus::kMet, "distance.rd8_synchronous", {});
    return Make("R-D8", RuleStatus::kViolated, "distance.rd8_asynchronous", {});
}

Verdict CheckMobilityCredits(const MobilityCredits& in) {
    const int limit = in.kind == Mobility::kMobility ? 20 : 50;
    auto args = ShareArgs("credits", in.dl_credits, in.total_credits, "limit", limit);
    if (in.kind == Mobility::kNone) {
        return Make("R-D15", RuleStatus::kNotApplicable, "distance.rd15_no_mobility", std::move(args));
    }
    if (in.dl_credits == 0) return Make("R-D15", RuleStatus::kMet, "distance.rd15_within", std::move(args));
    if (in.emergency) return Make("R-D15", RuleStatus::kMet, "distance.rd16_emergency", std::move(args));
    if (in.total_credits <= 0) {
        return Make("R-D15", RuleStatus::kViolated, "distance.rd15_no_credits", std::move(args));
    }
    if (core::AtMostPercent(in.dl_credits, in.total_credits, limit)) {
        return Make("R-D15", RuleStatus::kMet, "distance.rd15_within", std::move(args));
    }
    return Make("R-D15", RuleStatus::kViolated, "distance.rd15_exceeded", std::move(args));
}

Verdict CheckNonFormalCredits(int recognised_credits, int total_credits) {
    auto args = ShareArgs("credits", recognised_credits, total_credits, "limit", 20);
    if (recognised_credits == 0) {
        return Make("R-D17", RuleStatus::kNotApplicable, "distance.rd17_none", std::move(args));
    }
    if (total_credits <= 0) {
        return Make("R-D17", RuleStatus::kViolated, "distance.rd17_no_credits", std::move(args));
    }
    if (core::AtMostPercent(recognised_credits, total_credits, 20)) {
        return Make("R-D17", RuleStatus::kMet, "distance.rd17_within", std::move(args));
    }
    return Make("R-D17", RuleStatus::kViolated, "distance.rd17_exceeded", std::move(args));
}

Verdict CheckMoocCredits(int mooc_credits, int total_credits) {
    auto args = ShareArgs("credits", mooc_credits, total_credits, "floor", 10);
    if (total_credits > 0 && core::AtLeastPercent(mooc_credits, total_credits, 10)) {
        return Make("R-O14", RuleStatus::kMet, "distance.ro14_enough", std::move(args));
    }
    return Make("R-O14", RuleStatus::kViolated, "distance.ro14_short", std::move(args));
}

Verdict CheckSynchronousShare(int synchronous_hours, int total_hours, bool mooc) {
    auto args = ShareArgs("hours", synchronous_hours, total_hours, "floor", 20);
    if (mooc) return Make("R-O6", RuleStatus::kNotApplicable, "distance.ro6_mooc", std::move(args));
    if (total_hours > 0 && core::AtLeastPercent(synchronous_hours, total_hours, 20)) {
        return Make("R-O6", RuleStatus::kMet, "distance.ro6_enough", std::move(args));
    }
    return Make("R-O6", RuleStatus::kViolated, "distance.ro6_short", std::move(args));
}

Verdict CheckWorkloadKept(int planned_credits, int planned_hours, int credits, int hours) {
    std::vector<std::pair<std::string, std::string>> args{
        {"credits", std::to_string(credits)},
        {"hours", std::to_string(hours)},
        {"planned_credits", std::to_string(planned_credits)},
        {"planned_hours", std::to_string(planned_hours)}};
    if (credits == planned_credits && hours == planned_hours) {
        return Make("R-D13", RuleStatus::kMet, "distance.rd13_kept", std::move(args));
    }
    return Make("R-D13", RuleStatus::kViolated, "distance.rd13_changed", std::move(args));
}

}  // namespace oqu::distance
