#include "core/verdict.hpp"

#include <fmt/format.h>

namespace oqu::core {

std::string_view RuleStatusName(RuleStatus status) {
    switch (status) {
        case RuleStatus::kMet:
            return "met";
        case RuleStatus::kViolated:
            return "violated";
        case RuleStatus::kNotApplicable:
            return "not_applicable";
    }
    return "met";
}

std::string Verdict::Arg(std::string_view name) const {
    for (const auto& [key, value] : args) {
        if (key == name) return value;
    }
    return {};
}

Error Refusal(const Verdict& verdict) {
    Error error = MakeError(ErrorCode::kRuleViolation, verdict.message_key,
                            fmt::format("{} refused the act", verdict.rule), verdict.rule);
    error.args = verdict.args;
    return error;
}

std::string Percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "0";
    // Tenths of a percent, rounded half up, in integers: 7/32 → 218.75 → 219 → "21.9".
    const std::int64_t tenths = (part * 2000 + whole) / (2 * whole);
    if (tenths % 10 == 0) return fmt::format("{}", tenths / 10);
    return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

}  // namespace oqu::core
