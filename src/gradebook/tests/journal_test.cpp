#include "gradebook/domain/journal.hpp"

#include <gtest/gtest.h>

namespace oqu::gradebook {
namespace {

/// Cell codes round-trip; weeks beyond the journal's are no cells.
TEST(JournalTest, CellCodes) {  // R-O22
    for (const char* code : {"w1", "w15", "rk1", "rk2", "exam", "reexam"}) {
        auto cell = ParseCell(code, 15);
        ASSERT_TRUE(cell.has_value()) << code;
        EXPECT_EQ(CellCode(*cell), code);
    }
    for (const char* code : {"w0", "w16", "w01", "w", "w1x", "rk3", "", "EXAM", "w-1"}) {
        EXPECT_FALSE(ParseCell(code, 15).has_value()) << code;
    }
    EXPECT_TRUE(ParseCell("w30", 30).has_value());
    EXPECT_FALSE(ParseCell("w31", 40).has_value());
}

/// A mark is a whole number 0..100 or nothing; everything else is refused with its key.
TEST(JournalTest, MarksOutside0To100AreRefused) {  // R-O22
    EXPECT_EQ(ParseMark("0").value(), 0);
    EXPECT_EQ(ParseMark("100").value(), 100);
    EXPECT_EQ(ParseMark(" 85 ").value(), 85);
    EXPECT_EQ(ParseMark("08").value(), 8);
    EXPECT_FALSE(ParseMark("").value().has_value());
    EXPECT_FALSE(ParseMark("  ").value().has_value());
    for (const char* bad : {"101", "-1", "8.5", "abc", "1e2", "0100", "+5", "85%"}) {
        auto mark = ParseMark(bad);
        ASSERT_FALSE(mark.has_value()) << bad;
        EXPECT_EQ(mark.error().message_key, "gradebook.mark_range") << bad;
        EXPECT_EQ(mark.error().args.at(0).first, "mark");
    }
}

/// Current control is the mean of the weekly marks given, half up.
TEST(JournalTest, CurrentControlIsTheMeanOfTheWeeks) {  // R-O22
    EXPECT_FALSE(CurrentControl({}).has_value());
    EXPECT_EQ(*CurrentControl({{1, 80}, {2, 85}}), 83);  // 82.5 → 83
    EXPECT_EQ(*CurrentControl({{1, 80}, {2, 84}, {3, 84}}), 83);
    EXPECT_EQ(*CurrentControl({{1, 100}}), 100);
}

/// A full row: weeks, RK1, RK2 and the exam give the final mark, letter and points.
TEST(JournalTest, RowEvaluates) {  // R-O22 R-D9
    Row row;
    row.Set({Part::kWeek, 1}, 90);
    row.Set({Part::kWeek, 2}, 90);
    row.Set({Part::kRk1, 0}, 80);
    row.Set({Part::kRk2, 0}, 70);
    auto r = Evaluate(row, Policy{});
    EXPECT_EQ(*r.current, 90);
    EXPECT_EQ(*r.result.admission, 80);
    EXPECT_EQ(r.result.outcome, Outcome::kIncomplete);
    row.Set({Part::kExam, 0}, 60);
    r = Evaluate(row, Policy{});
    EXPECT_EQ(*r.result.final_mark, 72);
    EXPECT_EQ(r.result.letter->name, "C+");
    EXPECT_EQ(r.result.outcome, Outcome::kPassed);
    row.Set({Part::kWeek, 2}, std::nullopt);
    EXPECT_EQ(row.weeks.size(), 1U);
}

/// FX allows a re-exam, which replaces the exam; a failed re-exam is an F and a retake.
TEST(JournalTest, ReExamAfterFx) {  // R-O22
    Row row;
    row.Set({Part::kWeek, 1}, 100);
    row.Set({Part::kRk1, 0}, 100);
    row.Set({Part::kRk2, 0}, 100);
    row.Set({Part::kExam, 0}, 30);  // exam below 50: FX
    EXPECT_EQ(Evaluate(row, Policy{}).result.outcome, Outcome::kReExam);
    EXPECT_TRUE(CheckReExamAllowed(row, Policy{}));
    row.Set({Part::kReExam, 0}, 80);
    auto r = Evaluate(row, Policy{});
    EXPECT_EQ(*r.result.final_mark, 92);  // 60 + 0.4*80
    EXPECT_EQ(r.result.letter->name, "A-");
    EXPECT_EQ(r.result.outcome, Outcome::kPassed);
    row.Set({Part::kReExam, 0}, 40);
    r = Evaluate(row, Policy{});
    EXPECT_EQ(r.result.outcome, Outcome::kRetake);
    EXPECT_EQ(r.result.letter->name, "F");
    EXPECT_LE(*r.result.final_mark, 24);
    // No FX, no re-exam: a passed exam, or an F that means retaking the discipline.
    row.Set({Part::kExam, 0}, 90);
    auto refused = CheckReExamAllowed(row, Policy{});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message_key, "gradebook.reexam_not_allowed");
    EXPECT_EQ(refused.error().requirement, "R-O22");
    EXPECT_EQ(Evaluate(row, Policy{}).result.outcome, Outcome::kPassed);  // the re-exam is ignored
    Row weak;
    weak.Set({Part::kWeek, 1}, 20);
    weak.Set({Part::kRk1, 0}, 20);
    weak.Set({Part::kRk2, 0}, 20);
    EXPECT_EQ(Evaluate(weak, Policy{}).result.outcome, Outcome::kNotAdmitted);
    EXPECT_FALSE(CheckReExamAllowed(weak, Policy{}));
}

}  // namespace
}  // namespace oqu::gradebook
