#include "gradebook/domain/grading.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <tuple>

namespace oqu::gradebook {

namespace {

core::Error Bounds(std::string part, int min, int max) {
    core::Error error = core::MakeError(core::ErrorCode::kInvalidInput, "gradebook.weight_bounds", part);
    error.args.emplace_back("part", std::move(part));
    error.args.emplace_back("min", std::to_string(min));
    error.args.emplace_back("max", std::to_string(max));
    return error;
}

}  // namespace

core::Status CheckWeights(const Weights& w, const Policy& policy) {
    const std::array<std::tuple<const char*, int, int, int>, 4> parts{{
        {"current", w.current, policy.min.current, policy.max.current},
        {"rk1", w.rk1, policy.min.rk1, policy.max.rk1},
        {"rk2", w.rk2, policy.min.rk2, policy.max.rk2},
        {"exam", w.exam, std::max(1, policy.min.exam), policy.max.exam},
    }};
    for (const auto& [part, value, min, max] : parts) {
        if (value < min || value > max) return Bounds(part, min, max);
    }
    const int sum = w.current + w.rk1 + w.rk2 + w.exam;
    if (sum != 100) {
        core::Error error = core::MakeError(core::ErrorCode::kInvalidInput, "gradebook.weights_sum",
                                            "weights do not add up to 100");
        error.args.emplace_back("sum", std::to_string(sum));
        return error;
    }
    return core::OkStatus();
}

const std::vector<Letter>& LetterTable() {
    static const std::vector<Letter> kTable{
        {"A", 4.0, 95, 100},  {"A-", 3.67, 90, 94}, {"B+", 3.33, 85, 89}, {"B", 3.0, 80, 84},
        {"B-", 2.67, 75, 79}, {"C+", 2.33, 70, 74}, {"C", 2.0, 65, 69},   {"C-", 1.67, 60, 64},
        {"D+", 1.33, 55, 59}, {"D", 1.0, 50, 54},   {"FX", 0.5, 25, 49},  {"F", 0.0, 0, 24},
    };
    return kTable;
}

const Letter& LetterOf(int mark) {
    mark = std::clamp(mark, 0, 100);
    for (const Letter& letter : LetterTable()) {
        if (mark >= letter.min) return letter;
    }
    return LetterTable().back();
}

int RoundMark(double mark) {
    if (!std::isfinite(mark)) return 0;
    // Half up with a guard against binary noise: 84.4999999 from 0.2*x sums is 84.5.
    return std::clamp(static_cast<int>(std::floor(mark + 0.5 + 1e-9)), 0, 100);
}

std::string_view OutcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::kIncomplete:
            return "incomplete";
        case Outcome::kNotAdmitted:
            return "not_admitted";
        case Outcome::kPassed:
            return "passed";
        case Outcome::kReExam:
            return "re_exam";
        case Outcome::kRetake:
            return "retake";
    }
    return "incomplete";
}

Result Grade(const Marks& marks, const Policy& policy) {
    Result result;
    const Weights& w = policy.weights;
    if (!marks.current || !marks.rk1 || !marks.rk2) return result;
    const auto clamp = [](int mark) { return std::clamp(mark, 0, 100); };
    const int admission_weight = w.current + w.rk1 + w.rk2;
    const double weighted =
        w.current * clamp(*marks.current) + w.rk1 * clamp(*marks.rk1) + w.rk2 * clamp(*marks.rk2);
    result.admission = admission_weight > 0 ? RoundMark(weighted / admission_weight) : 0;
    if (*result.admission < policy.min_admission) {
        // Not admitted to the exam: the final mark is the admission part alone, an F.
        result.final_mark = std::min(RoundMark(weighted / 100.0), 24);
        result.letter = LetterOf(*result.final_mark);
        result.outcome = Outcome::kNotAdmitted;
        return result;
    }
    if (!marks.exam) return result;
    int final_mark = RoundMark((weighted + w.exam * clamp(*marks.exam)) / 100.0);
    if (clamp(*marks.exam) < policy.min_exam) final_mark = std::min(final_mark, 49);
    result.final_mark = final_mark;
    result.letter = LetterOf(final_mark);
    result.outcome = final_mark >= 50   ? Outcome::kPassed
                     : final_mark >= 25 ? Outcome::kReExam
                                        : Outcome::kRetake;
    return result;
}

double Gpa(const std::vector<Credited>& lines) {
    double sum = 0.0;
    int credits = 0;
    for (const Credited& line : lines) {
        if (line.credits <= 0) continue;
        sum += line.points * line.credits;
        credits += line.credits;
    }
    if (credits == 0) return 0.0;
    return std::floor(sum / credits * 100.0 + 0.5 + 1e-9) / 100.0;
}

}  // namespace oqu::gradebook
