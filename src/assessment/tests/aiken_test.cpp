#include <gtest/gtest.h>

#include "assessment/domain/question.hpp"

namespace oqu::assessment {
namespace {

TEST(AikenTest, QuestionsWithLatinAndCyrillicLabels) {  // R-A5
    const auto r = ParseAiken(
        "Which is a sorting algorithm?\nA. Dijkstra\nB) Quicksort\nC. Kruskal\nANSWER: B\n\n"
        "Қай қала астана?\nА. Алматы\nВ. Астана\nANSWER: B\n");
    ASSERT_TRUE(r.issues.empty()) << r.issues.front().key << " " << r.issues.front().where;
    ASSERT_EQ(r.questions.size(), 2U);
    EXPECT_EQ(r.questions[0].answers.size(), 3U);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[1].fraction, 1.0);
    EXPECT_EQ(r.questions[0].answers[1].text, "Quicksort");
    // Cyrillic "В" typed for the label, Latin "B" in the answer line: the same variant.
    EXPECT_DOUBLE_EQ(r.questions[1].answers[1].fraction, 1.0);
}

TEST(AikenTest, MissingOrWrongAnswerLine) {  // R-A5
    const auto r = ParseAiken("Q1?\nA. x\nB. y\nANSWER: D\n\nQ2?\nA. x\nB. y\n");
    ASSERT_EQ(r.issues.size(), 4U);
    EXPECT_EQ(r.issues[0].key, "assessment.import.answer_not_a_variant");
    EXPECT_EQ(r.issues[0].where, "line 4");
    EXPECT_EQ(r.issues[1].key, "assessment.import.no_answer_line");
    EXPECT_EQ(r.issues[1].where, "line 6");
    // Validation then finds both questions without a right answer.
    EXPECT_EQ(r.issues[2].key, "assessment.import.no_right_answer");
}

}  // namespace
}  // namespace oqu::assessment
