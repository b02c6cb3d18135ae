#include "gradebook/domain/grading.hpp"

#include <gtest/gtest.h>

namespace oqu::gradebook {
namespace {

/// Every band of the table at both of its edges (REQUIREMENTS.md, domain facts).
TEST(GradingTest, EveryLetterAtBothEdges) {  // R-O22
    const struct {
        int mark;
        std::string_view letter;
        double points;
    } kCases[] = {
        {100, "A", 4.0},  {95, "A", 4.0},   {94, "A-", 3.67}, {90, "A-", 3.67}, {89, "B+", 3.33},
        {85, "B+", 3.33}, {84, "B", 3.0},   {80, "B", 3.0},   {79, "B-", 2.67}, {75, "B-", 2.67},
        {74, "C+", 2.33}, {70, "C+", 2.33}, {69, "C", 2.0},   {65, "C", 2.0},   {64, "C-", 1.67},
        {60, "C-", 1.67}, {59, "D+", 1.33}, {55, "D+", 1.33}, {54, "D", 1.0},   {50, "D", 1.0},
        {49, "FX", 0.5},  {25, "FX", 0.5},  {24, "F", 0.0},   {0, "F", 0.0},    {-5, "F", 0.0},
        {140, "A", 4.0},
    };
    for (const auto& c : kCases) {
        EXPECT_EQ(LetterOf(c.mark).name, c.letter) << c.mark;
        EXPECT_DOUBLE_EQ(LetterOf(c.mark).points, c.points) << c.mark;
    }
    // The bands tile 0..100 without a gap or an overlap.
    int expected_max = 100;
    for (const Letter& l : LetterTable()) {
        EXPECT_EQ(l.max, expected_max) << l.name;
        expected_max = l.min - 1;
    }
    EXPECT_EQ(expected_max, -1);
}

TEST(GradingTest, RoundsHalfUp) {  // R-O22
    EXPECT_EQ(RoundMark(84.5), 85);
    EXPECT_EQ(RoundMark(84.49), 84);
    EXPECT_EQ(RoundMark(49.5), 50);
    EXPECT_EQ(RoundMark(0.2 * 84 + 0.2 * 85 + 0.2 * 84 + 0.4 * 85), 85);  // 84.6
    EXPECT_EQ(RoundMark(-1), 0);
    EXPECT_EQ(RoundMark(101), 100);
}

TEST(GradingTest, FinalMarkFromTheFourParts) {  // R-O22 R-D9
    const Policy policy;
    auto r = Grade({90, 80, 70, 60}, policy);  // 0.2*90 + 0.2*80 + 0.2*70 + 0.4*60 = 72
    ASSERT_TRUE(r.final_mark.has_value());
    EXPECT_EQ(*r.admission, 80);
    EXPECT_EQ(*r.final_mark, 72);
    EXPECT_EQ(r.letter->name, "C+");
    EXPECT_EQ(r.outcome, Outcome::kPassed);

    // Missing parts: no final mark yet.
    EXPECT_EQ(Grade({90, 80, std::nullopt, 60}, policy).outcome, Outcome::kIncomplete);
    r = Grade({90, 80, 70, std::nullopt}, policy);
    EXPECT_EQ(r.outcome, Outcome::kIncomplete);
    EXPECT_EQ(*r.admission, 80);
}

TEST(GradingTest, AdmissionAndExamMinimums) {  // R-O22
    const Policy policy;
    // Admission 49.67 → 50: admitted, exactly at the minimum.
    EXPECT_EQ(*Grade({50, 50, 49, 80}, policy).admission, 50);
    EXPECT_EQ(Grade({50, 50, 49, 80}, policy).outcome, Outcome::kPassed);
    // Admission 49: not admitted, F whatever the exam.
    auto r = Grade({49, 49, 49, 100}, policy);
    EXPECT_EQ(r.outcome, Outcome::kNotAdmitted);
    EXPECT_EQ(r.letter->name, "F");
    // A strong rating does not carry a failed exam: FX, re-exam.
    r = Grade({100, 100, 100, 49}, policy);
    EXPECT_EQ(*r.final_mark, 49);
    EXPECT_EQ(r.letter->name, "FX");
    EXPECT_EQ(r.outcome, Outcome::kReExam);
    // A weak rating and a failed exam: F, retake.
    r = Grade({50, 50, 50, 0}, policy);
    EXPECT_EQ(*r.final_mark, 30);
    EXPECT_EQ(r.outcome, Outcome::kReExam);
    EXPECT_EQ(Grade({50, 50, 50, 0}, Policy{.weights = {10, 10, 10, 70}}).outcome, Outcome::kRetake);  // 15
}

TEST(GradingTest, WeightsWithinThePolicy) {  // R-O22
    const Policy policy;
    EXPECT_TRUE(CheckWeights({20, 20, 20, 40}, policy));
    EXPECT_TRUE(CheckWeights({10, 20, 20, 50}, policy));
    auto sum = CheckWeights({20, 20, 20, 30}, policy);
    ASSERT_FALSE(sum);
    EXPECT_EQ(sum.error().message_key, "gradebook.weights_sum");
    auto bounds = CheckWeights({0, 10, 10, 80}, policy);
    ASSERT_FALSE(bounds);
    EXPECT_EQ(bounds.error().message_key, "gradebook.weight_bounds");
    EXPECT_EQ(bounds.error().args.at(0).second, "exam");
}

TEST(GradingTest, GpaWeightsByCredits) {  // R-O22
    EXPECT_DOUBLE_EQ(Gpa({}), 0.0);
    EXPECT_DOUBLE_EQ(Gpa({{5, 4.0}, {5, 3.0}}), 3.5);
    EXPECT_DOUBLE_EQ(Gpa({{5, 4.0}, {3, 2.67}, {4, 3.33}}), 3.44);  // (20 + 8.01 + 13.32) / 12 = 3.4458
    EXPECT_DOUBLE_EQ(Gpa({{6, 3.67}, {0, 4.0}}), 3.67);
}

}  // namespace
}  // namespace oqu::gradebook
