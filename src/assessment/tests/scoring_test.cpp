#include "assessment/domain/scoring.hpp"

#include <gtest/gtest.h>

namespace oqu::assessment {
namespace {

Question Choice(QuestionType type, std::vector<Answer> answers) {
    return {.type = type, .text = "Q", .answers = std::move(answers)};
}

TEST(ScoringTest, ChoiceQuestions) {  // R-A5
    const auto single = Choice(QuestionType::kSingleChoice, {{"a", 1.0}, {"b", 0.0}, {"c", 0.0}});
    EXPECT_EQ(Score(single, {{0}, {}}), 1.0);
    EXPECT_EQ(Score(single, {{1}, {}}), 0.0);
    EXPECT_EQ(Score(single, {{0, 1}, {}}), 0.0);  // two choices for one answer
    EXPECT_EQ(Score(single, {{7}, {}}), 0.0);     // a forged index
    EXPECT_EQ(Score(single, {{}, {}}), 0.0);

    const auto multi = Choice(QuestionType::kMultipleChoice,
                              {{"2", 0.5}, {"3", 0.5}, {.text = "4", .fraction = 0.0, .penalty = 0.5}});
    EXPECT_EQ(Score(multi, {{0, 1}, {}}), 1.0);
    EXPECT_EQ(Score(multi, {{0, 0, 0}, {}}), 0.5);  // a repeated index counts once
    EXPECT_EQ(Score(multi, {{0, 1, 2}, {}}), 0.5);
    EXPECT_EQ(Score(multi, {{2}, {}}), 0.0);  // never below zero
}

TEST(ScoringTest, MatchingOrderingAndEssay) {  // R-A5
    Question match{.type = QuestionType::kMatching,
                   .answers = {{.text = "kk", .fraction = 1, .match = "Қазақ"},
                               {.text = "ru", .fraction = 1, .match = "Орыс"}}};
    EXPECT_EQ(Score(match, {{}, {"қазақ", "Орыс"}}), 1.0);
    EXPECT_EQ(Score(match, {{}, {"Орыс", "Орыс"}}), 0.5);
    Question order{.type = QuestionType::kOrdering, .answers = {{"1"}, {"2"}, {"3"}, {"4"}}};
    EXPECT_EQ(Score(order, {{}, {"1", "2", "4", "3"}}), 0.5);
    EXPECT_EQ(Score(order, {{}, {"1"}}), 0.25);
    EXPECT_FALSE(Score(Question{.type = QuestionType::kEssay}, {{}, {"text"}}).has_value());
}

TEST(ScoringTest, ShortAnswerIgnoresCaseAndSpacesInEveryAlphabet) {  // R-A5
    Question q{.type = QuestionType::kShortAnswer,
               .answers = {{"Әл-Фараби", 1.0}, {"Фараби", 0.5}, {"Abai*", 1.0}}};
    EXPECT_EQ(Score(q, {{}, {"  әл-фараби "}}), 1.0);
    EXPECT_EQ(Score(q, {{}, {"ӘЛ-ФАРАБИ"}}), 1.0);
    EXPECT_EQ(Score(q, {{}, {"ФАРАБИ"}}), 0.5);
    EXPECT_EQ(Score(q, {{}, {"abai  Qunanbaiuly"}}), 1.0);
    EXPECT_EQ(Score(q, {{}, {""}}), 0.0);
    EXPECT_EQ(FoldCase("ҚҰРЫЛЫС ІЛІМІ ӨҢІР ҒҮҺ Ёж"), "құрылыс ілімі өңір ғүһ ёж");
}

TEST(ScoringTest, NumericalWithTolerance) {  // R-A5
    Question q{.type = QuestionType::kNumerical,
               .answers = {{.text = "3.14", .fraction = 1.0, .tolerance = 0.01},
                           {.text = "3", .fraction = 0.5, .tolerance = 0.2}}};
    EXPECT_EQ(Score(q, {{}, {"3,15"}}), 1.0);  // the comma of kk/ru keyboards
    EXPECT_EQ(Score(q, {{}, {"3.16"}}), 0.5);
    EXPECT_EQ(Score(q, {{}, {"2.79"}}), 0.0);
    EXPECT_EQ(Score(q, {{}, {"pi"}}), 0.0);
    Question exact{.type = QuestionType::kNumerical,
                   .answers = {{.text = "0.3", .fraction = 1.0, .tolerance = 0.0}}};
    EXPECT_EQ(Score(exact, {{}, {"0.30"}}), 1.0);
}

TEST(ScoringTest, ItemAnalysis) {  // R-A5
    // Item 0 separates strong from weak students; item 1 everybody gets; item 2 has a wrong key
    // (the weak get it, the strong do not).
    const std::vector<std::vector<double>> scores{
        {1, 1, 0, 1, 1}, {1, 1, 0, 1, 1}, {1, 1, 0, 1, 0}, {0, 1, 1, 0, 0}, {0, 1, 1, 0, 0},
    };
    const auto stats = AnalyseItems(scores);
    ASSERT_EQ(stats.size(), 5U);
    EXPECT_DOUBLE_EQ(stats[0].difficulty, 0.6);
    EXPECT_NEAR(*stats[0].discrimination, 2.0 / 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(stats[1].difficulty, 1.0);
    EXPECT_FALSE(stats[1].discrimination.has_value());  // no spread
    EXPECT_LT(*stats[2].discrimination, -0.8);
    EXPECT_TRUE(AnalyseItems({}).empty());
    EXPECT_FALSE(AnalyseItems({{1, 0}})[0].discrimination.has_value());
}

}  // namespace
}  // namespace oqu::assessment
