#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"

/// The grading arithmetic of the credit technology (R-O22, R-D9): the weights of the assessment
/// policy, the admission rating, the final mark 0-100, its letter and GPA points (the table of
/// REQUIREMENTS.md), what FX and F mean, and the GPA of a transcript. Pure: no I/O, no clock.
/// Marks are whole points; a computed mark is rounded half up (84.5 → 85, B+).
namespace oqu::gradebook {

/// Weights in percent of the final mark: current control, the two midterm controls (RK1, RK2)
/// and the exam. The HEI's academic policy sets them (commonly 60 % admission rating: 20/20/20,
/// and 40 % exam); a course may override them within the policy's bounds.
struct Weights {
    int current = 20;
    int rk1 = 20;
    int rk2 = 20;
    int exam = 40;
    friend bool operator==(const Weights&, const Weights&) = default;
};

/// The academic policy's rules around the weights.
struct Policy {
    Weights weights;
    Weights min{0, 10, 10, 30};   ///< Lowest weight a course may set for each part.
    Weights max{40, 30, 30, 50};  ///< Highest weight a course may set for each part.
    int min_admission = 50;       ///< Admission rating needed to sit the exam.
    int min_exam = 50;            ///< Exam result below which the discipline is not passed (FX/F).
};

/// Checks a course's weights against the policy: each within [min, max], together 100, the
/// exam weighted. kInvalidInput "gradebook.weights_sum" (args: sum) or "gradebook.weight_bounds"
/// (args: part, min, max).
core::Status CheckWeights(const Weights& weights, const Policy& policy);

/// A letter grade of the table: A 95-100 = 4.0 ... D 50-54 = 1.0, FX 25-49 = 0.5, F 0-24 = 0.
struct Letter {
    std::string_view name;  ///< "A", "A-", "B+", ..., "FX", "F".
    double points;          ///< GPA points.
    int min;                ///< Lowest mark of the band.
    int max;                ///< Highest mark of the band.
};

/// The whole table, best first (12 rows).
const std::vector<Letter>& LetterTable();

/// The letter of a whole mark 0..100 (clamped).
const Letter& LetterOf(int mark);

/// A mark rounded half up to a whole point, clamped to 0..100.
int RoundMark(double mark);

/// The marks of one student in one discipline; nullopt: not yet given.
struct Marks {
    std::optional<int> current;  ///< Current control, 0..100 (the average of the weekly marks).
    std::optional<int> rk1;
    std::optional<int> rk2;
    std::optional<int> exam;
};

/// What the result means for the student.
enum class Outcome : std::uint8_t {
    kIncomplete,   ///< Marks still missing.
    kNotAdmitted,  ///< Admission rating below the minimum: no exam, the discipline is retaken (F).
    kPassed,       ///< D or better with the exam at least the minimum.
    kReExam,       ///< FX: the student may sit the exam again without retaking the discipline.
    kRetake,       ///< F: the discipline is retaken (paid, in the summer term or the next year).
};

/// "incomplete", "not_admitted", "passed", "re_exam", "retake".
std::string_view OutcomeName(Outcome outcome);

/// The result of a discipline.
struct Result {
    std::optional<int> admission;  ///< Admission rating 0..100, once current, RK1 and RK2 are in.
    std::optional<int> final_mark;
    std::optional<Letter> letter;
    Outcome outcome = Outcome::kIncomplete;
};

/// The admission rating is the weighted mean of current control, RK1 and RK2 on 0..100; the
/// final mark is the weighted sum of all four parts. An exam below the policy's minimum makes
/// the final mark at most 49 (FX) — or less if the weighted sum is lower — so a strong rating
/// cannot carry a failed exam.
Result Grade(const Marks& marks, const Policy& policy);

/// One line of a transcript.
struct Credited {
    int credits = 0;
    double points = 0.0;  ///< GPA points of its letter.
};

/// The GPA: credit-weighted mean of the points, to two decimals (half up); 0 with no credits.
double Gpa(const std::vector<Credited>& lines);

}  // namespace oqu::gradebook
