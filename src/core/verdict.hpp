#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace oqu::core {

/// The outcome of one rule of the order for one subject (a student, a programme, a course ...).
enum class RuleStatus : std::uint8_t {
    kMet,            ///< The rule holds, with the numbers to show it.
    kViolated,       ///< The rule is broken (or would be by the act being checked).
    kNotApplicable,  ///< The rule does not concern this subject (no online students, ...).
};

/// "met", "violated", "not_applicable": the names of `oqu compliance --format json`.
std::string_view RuleStatusName(RuleStatus status);

/// A rule's verdict: the requirement ID, the status, a translatable message and the numbers
/// behind it. Rules are pure functions returning a Verdict; use cases refuse an act with
/// Refusal(verdict), the compliance report lists verdicts, so both show the same numbers.
struct Verdict {
    std::string rule;  ///< "R-D7".
    RuleStatus status = RuleStatus::kMet;
    std::string message_key;  ///< "distance.rd7_exceeded"; its ICU message uses the args.
    /// Named numbers ("count" → "7", "total" → "32", "share" → "21.9", "limit" → "20"): numeric
    /// strings are formatted as numbers in the reader's language.
    std::vector<std::pair<std::string, std::string>> args;

    bool violated() const { return status == RuleStatus::kViolated; }
    /// The value of a named argument, empty when absent.
    std::string Arg(std::string_view name) const;
};

/// The error that refuses an act because of `verdict` (kRuleViolation, its message key, its
/// requirement and numbers). `verdict` must be violated.
Error Refusal(const Verdict& verdict);

/// A share as a percentage with one decimal, rounded half up: Percent(7, 32) == "21.9",
/// Percent(1, 5) == "20", Percent(x, 0) == "0". For messages only; rules compare integers.
std::string Percent(std::int64_t part, std::int64_t whole);

/// Whether part/whole ≤ limit_percent/100, in exact integer arithmetic (no rounding at the
/// boundary: 1 of 5 is exactly 20 %). `whole` must be positive.
constexpr bool AtMostPercent(std::int64_t part, std::int64_t whole, std::int64_t limit_percent) {
    return part * 100 <= whole * limit_percent;
}

/// Whether part/whole ≥ floor_percent/100, exactly. `whole` must be positive.
constexpr bool AtLeastPercent(std::int64_t part, std::int64_t whole, std::int64_t floor_percent) {
    return part * 100 >= whole * floor_percent;
}

}  // namespace oqu::core
