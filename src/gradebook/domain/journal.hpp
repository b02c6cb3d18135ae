#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "gradebook/domain/grading.hpp"

/// The cells of the e-journal (R-O22, R-D9): weekly current-control marks, the two midterm
/// controls, the exam and the re-exam of an FX, and how a row of marks becomes a result. Pure.
namespace oqu::gradebook {

/// Weeks of current control a journal has when the period does not say otherwise.
inline constexpr int kDefaultWeeks = 15;
/// Most weeks a journal may have.
inline constexpr int kMaxWeeks = 30;

/// What a cell of the journal holds.
enum class Part : std::uint8_t { kWeek, kRk1, kRk2, kExam, kReExam };

/// One cell of a student's row.
struct Cell {
    Part part = Part::kWeek;
    int week = 0;  ///< 1..weeks for kWeek, 0 otherwise.
    friend bool operator==(const Cell&, const Cell&) = default;
};

/// The stored code of a cell: "w1".."w30", "rk1", "rk2", "exam", "reexam".
std::string CellCode(Cell cell);

/// The cell of a code in a journal of `weeks` weeks; nullopt when unknown or beyond the weeks.
std::optional<Cell> ParseCell(std::string_view code, int weeks);

/// A mark as typed: "" is no mark (nullopt), else a whole number 0..100 with optional spaces
/// around it. kInvalidInput "gradebook.mark_range" (args: mark) for anything else: "101",
/// "-1", "8.5", "abc".
core::Result<std::optional<int>> ParseMark(std::string_view text);

/// The marks of one student in one journal.
struct Row {
    std::map<int, int> weeks;  ///< Week → mark.
    std::optional<int> rk1;
    std::optional<int> rk2;
    std::optional<int> exam;
    std::optional<int> re_exam;  ///< Only after an FX (R-O22: FX allows a re-exam).

    /// The mark in `cell`, nullopt when none.
    std::optional<int> Get(Cell cell) const;
    /// Sets or clears the mark in `cell`.
    void Set(Cell cell, std::optional<int> mark);
};

/// The current-control mark: the mean of the weekly marks given, rounded half up; nullopt with none.
std::optional<int> CurrentControl(const std::map<int, int>& weeks);

/// A row's result: the current-control mean, and Grade() of the four parts; after an FX with a
/// re-exam mark, the exam is replaced by the re-exam. A re-exam that fails again leaves an F
/// (final mark at most 24, outcome kRetake): the discipline is retaken.
struct RowResult {
    std::optional<int> current;
    Result result;
};
RowResult Evaluate(const Row& row, const Policy& policy);

/// Whether a re-exam mark may be entered for a row: only when its result without one is FX (kReExam).
/// kRuleViolation "gradebook.reexam_not_allowed" (requirement R-O22) otherwise.
core::Status CheckReExamAllowed(const Row& row, const Policy& policy);

}  // namespace oqu::gradebook
