#include "gradebook/domain/journal.hpp"

#include <algorithm>
#include <charconv>

namespace oqu::gradebook {

std::string CellCode(Cell cell) {
    switch (cell.part) {
        case Part::kWeek:
            return "w" + std::to_string(cell.week);
        case Part::kRk1:
            return "rk1";
        case Part::kRk2:
            return "rk2";
        case Part::kExam:
            return "exam";
        case Part::kReExam:
            return "reexam";
    }
    return "exam";
}

std::optional<Cell> ParseCell(std::string_view code, int weeks) {
    if (code == "rk1") return Cell{Part::kRk1, 0};
    if (code == "rk2") return Cell{Part::kRk2, 0};
    if (code == "exam") return Cell{Part::kExam, 0};
    if (code == "reexam") return Cell{Part::kReExam, 0};
    if (code.size() < 2 || code.size() > 3 || code[0] != 'w' || code[1] == '0') return std::nullopt;
    int week = 0;
    const char* end = code.data() + code.size();
    const auto [ptr, ec] = std::from_chars(code.data() + 1, end, week);
    if (ec != std::errc{} || ptr != end || week < 1 || week > std::min(weeks, kMaxWeeks)) return std::nullopt;
    return Cell{Part::kWeek, week};
}

core::Result<std::optional<int>> ParseMark(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) return std::optional<int>{};
    int mark = -1;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, mark);
    // Digits only: from_chars would accept a leading '-'; "08" is fine, "8.5" is not.
    if (text.size() > 3 || text.front() == '-' || ec != std::errc{} || ptr != end || mark < 0 || mark > 100) {
        core::Error error =
            core::MakeError(core::ErrorCode::kInvalidInput, "gradebook.mark_range", "mark outside 0..100");
        error.args.emplace_back("mark", std::string(text.substr(0, 16)));
        return error;
    }
    return std::optional<int>{mark};
}

std::optional<int> Row::Get(Cell cell) const {
    switch (cell.part) {
        case Part::kWeek: {
            auto it = weeks.find(cell.week);
            return it == weeks.end() ? std::nullopt : std::optional<int>(it->second);
        }
        case Part::kRk1:
            return rk1;
        case Part::kRk2:
            return rk2;
        case Part::kExam:
            return exam;
        case Part::kReExam:
            return re_exam;
    }
    return std::nullopt;
}

void Row::Set(Cell cell, std::optional<int> mark) {
    switch (cell.part) {
        case Part::kWeek:
            if (mark) {
                weeks[cell.week] = *mark;
            } else {
                weeks.erase(cell.week);
            }
            return;
        case Part::kRk1:
            rk1 = mark;
            return;
        case Part::kRk2:
            rk2 = mark;
            return;
        case Part::kExam:
            exam = mark;
            return;
        case Part::kReExam:
            re_exam = mark;
            return;
    }
}

std::optional<int> CurrentControl(const std::map<int, int>& weeks) {
    if (weeks.empty()) return std::nullopt;
    int sum = 0;
    for (const auto& [week, mark] : weeks) sum += std::clamp(mark, 0, 100);
    return RoundMark(static_cast<double>(sum) / static_cast<double>(weeks.size()));
}

RowResult Evaluate(const Row& row, const Policy& policy) {
    RowResult out;
    out.current = CurrentControl(row.weeks);
    const Marks marks{out.current, row.rk1, row.rk2, row.exam};
    out.result = Grade(marks, policy);
    if (out.result.outcome != Outcome::kReExam || !row.re_exam) return out;
    // R-O22: the FX's re-exam replaces the exam; failing it again means retaking the discipline.
    Marks again = marks;
    again.exam = row.re_exam;
    Result second = Grade(again, policy);
    if (second.outcome == Outcome::kReExam || second.outcome == Outcome::kRetake) {
        second.final_mark = std::min(second.final_mark.value_or(0), 24);
        second.letter = LetterOf(*second.final_mark);
        second.outcome = Outcome::kRetake;
    }
    out.result = second;
    return out;
}

core::Status CheckReExamAllowed(const Row& row, const Policy& policy) {
    Row first = row;
    first.re_exam.reset();
    if (Evaluate(first, policy).result.outcome == Outcome::kReExam) return core::OkStatus();
    return core::MakeError(core::ErrorCode::kRuleViolation, "gradebook.reexam_not_allowed",
                           "a re-exam follows an FX only", "R-O22");
}

}  // namespace oqu::gradebook
