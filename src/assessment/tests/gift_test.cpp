#include <gtest/gtest.h>

#include "assessment/domain/question.hpp"

namespace oqu::assessment {
namespace {

const Question& Only(const ParseResult& r) {
    EXPECT_TRUE(r.issues.empty()) << (r.issues.empty()
                                          ? ""
                                          : r.issues.front().key + " at " + r.issues.front().where);
    EXPECT_EQ(r.questions.size(), 1U);
    return r.questions.front();
}

TEST(GiftTest, SingleChoiceWithTitleAndFeedback) {  // R-A5
    const auto r =
        ParseGift("// a comment\n::Capital::Қазақстанның астанасы? {=Астана#Дұрыс ~Алматы ~Шымкент}\n");
    const Question& q = Only(r);
    EXPECT_EQ(q.type, QuestionType::kSingleChoice);
    EXPECT_EQ(q.name, "Capital");
    EXPECT_EQ(q.text, "Қазақстанның астанасы?");
    ASSERT_EQ(q.answers.size(), 3U);
    EXPECT_EQ(q.answers[0].text, "Астана");
    EXPECT_DOUBLE_EQ(q.answers[0].fraction, 1.0);
    EXPECT_EQ(q.answers[0].feedback, "Дұрыс");
    EXPECT_DOUBLE_EQ(q.answers[1].fraction, 0.0);
    EXPECT_EQ(q.line, 2);
}

TEST(GiftTest, TrueFalseShortAnswerEssayNumerical) {  // R-A5
    const auto r = ParseGift(
        "The sun rises in the east.{T}\n\n"
        "Two plus two? {=four =4}\n\n"
        "Describe sorting. {}\n\n"
        "Pi? {#3.14:0.01}\n\n"
        "A number from 1 to 5 {#1..5}\n\n"
        "Weighted {#=3:0.1 =%50%3:1}\n");
    ASSERT_TRUE(r.issues.empty()) << r.issues.front().key;
    ASSERT_EQ(r.questions.size(), 6U);
    EXPECT_EQ(r.questions[0].type, QuestionType::kTrueFalse);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[0].fraction, 1.0);
    EXPECT_EQ(r.questions[1].type, QuestionType::kShortAnswer);
    EXPECT_EQ(r.questions[1].answers.size(), 2U);
    EXPECT_EQ(r.questions[2].type, QuestionType::kEssay);
    EXPECT_EQ(r.questions[3].type, QuestionType::kNumerical);
    EXPECT_EQ(r.questions[3].answers[0].text, "3.14");
    EXPECT_DOUBLE_EQ(*r.questions[3].answers[0].tolerance, 0.01);
    EXPECT_DOUBLE_EQ(*r.questions[4].answers[0].tolerance, 2.0);
    EXPECT_DOUBLE_EQ(r.questions[5].answers[1].fraction, 0.5);
}

TEST(GiftTest, MultipleChoiceMatchingMissingWordAndEscapes) {  // R-A5
    const auto r = ParseGift(
        "$CATEGORY: $course$/top/Week 3\n\n"
        "Primes? {~%50%2 ~%50%3 ~%-100%4}\n\n"
        "Match. {=kk -> қазақ =ru -> орыс =en -> ағылшын}\n\n"
        "Moodle costs {~lots =nothing} to download.\n\n"
        "Escapes \\{x\\} \\= y? {=a\\~b ~c}\n");
    ASSERT_TRUE(r.issues.empty()) << r.issues.front().key << " " << r.issues.front().where;
    ASSERT_EQ(r.questions.size(), 4U);
    EXPECT_EQ(r.questions[0].type, QuestionType::kMultipleChoice);
    EXPECT_EQ(r.questions[0].category, "Week 3");
    EXPECT_DOUBLE_EQ(r.questions[0].answers[2].penalty, 1.0);
    EXPECT_EQ(r.questions[1].type, QuestionType::kMatching);
    EXPECT_EQ(r.questions[1].answers[1].match, "орыс");
    EXPECT_EQ(r.questions[2].text, "Moodle costs _____ to download.");
    EXPECT_EQ(r.questions[3].text, "Escapes {x} = y?");
    EXPECT_EQ(r.questions[3].answers[0].text, "a~b");
}

TEST(GiftTest, ProblemsNameTheLine) {  // R-A5
    const auto r = ParseGift("Fine? {=yes ~no}\n\nNo braces here\n\nUnclosed {=a ~b\n\nNo right {~a ~b}\n");
    EXPECT_EQ(r.questions.size(), 2U);
    ASSERT_EQ(r.issues.size(), 3U);
    EXPECT_EQ(r.issues[0].key, "assessment.import.no_answer_block");
    EXPECT_EQ(r.issues[0].where, "line 3");
    EXPECT_EQ(r.issues[1].key, "assessment.import.unclosed_answers");
    EXPECT_EQ(r.issues[2].key, "assessment.import.no_right_answer");
    EXPECT_EQ(r.issues[2].where, "line 7");
}

TEST(GiftTest, EmptyFileHasNoQuestions) {
    const auto r = ParseGift("// only a comment\n\n");
    ASSERT_EQ(r.issues.size(), 1U);
    EXPECT_EQ(r.issues[0].key, "assessment.import.no_questions");
}

}  // namespace
}  // namespace oqu::assessment
