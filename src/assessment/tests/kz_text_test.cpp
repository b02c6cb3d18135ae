#include <gtest/gtest.h>

#include "assessment/domain/question.hpp"

namespace oqu::assessment {
namespace {

TEST(KzTextTest, FirstVariantIsRight) {  // R-A5
    const auto r = ParseKzText(
        "<question>Қазақстан Республикасының астанасы\n<variant>Астана\n<variant>Алматы\n<variant>Шымкент\n"
        "<question>Столица Казахстана?<variant>Астана<variant>Алматы\n"
        "<Question>Qazaqstannyñ astanasy?\n<Variant>Astana\n<Variant>Almaty\n");
    ASSERT_TRUE(r.issues.empty()) << r.issues.front().key;
    ASSERT_EQ(r.questions.size(), 3U);
    EXPECT_EQ(r.questions[0].text, "Қазақстан Республикасының астанасы");
    EXPECT_EQ(r.questions[0].answers.size(), 3U);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[0].fraction, 1.0);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[1].fraction, 0.0);
    EXPECT_EQ(r.questions[1].line, 5);
    EXPECT_EQ(r.questions[2].answers[0].text, "Astana");
}

TEST(KzTextTest, MarkedVariantsAreRight) {  // R-A5
    const auto r = ParseKzText(
        "<question>2 + 2 = ?<variant>3<variantright>4<variant>5\n"
        "<question>Жай сандар<variantright>2<variantright>3<variant>4\n"
        "<question>x < 5 болса?<variant>иә<variant>жоқ\n");
    ASSERT_TRUE(r.issues.empty()) << r.issues.front().key;
    ASSERT_EQ(r.questions.size(), 3U);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[1].fraction, 1.0);
    EXPECT_DOUBLE_EQ(r.questions[0].answers[0].fraction, 0.0);
    EXPECT_EQ(r.questions[1].type, QuestionType::kMultipleChoice);
    EXPECT_DOUBLE_EQ(r.questions[1].answers[0].fraction, 0.5);
    EXPECT_EQ(r.questions[2].text, "x < 5 болса?");  // a '<' that is no tag stays text
}

TEST(KzTextTest, ProblemsNameTheLine) {  // R-A5
    const auto r = ParseKzText(
        "heading\n<variant>stray\n<question>One variant only<variant>a\n"
        "<question>Same<variant>a<variant>a\n<question><variant>a<variant>b\n");
    std::vector<std::string> keys;
    for (const auto& i : r.issues) keys.push_back(i.key + "@" + i.where);
    EXPECT_EQ(keys, (std::vector<std::string>{
                        "assessment.import.text_outside_question@line 1",
                        "assessment.import.text_outside_question@line 2",
                        "assessment.import.duplicate_variant@line 4",
                        "assessment.import.too_few_variants@line 3",
                        "assessment.import.no_text@line 5",
                    }));
}

TEST(KzTextTest, DetectsEveryFormat) {
    EXPECT_EQ(DetectFormat("bank.txt", "<question>a<variant>b"), ImportFormat::kKzText);
    EXPECT_EQ(DetectFormat("bank.txt", "Q?\nA. x\nB. y\nANSWER: A\n"), ImportFormat::kAiken);
    EXPECT_EQ(DetectFormat("bank.txt", "\xEF\xBB\xBF<?xml version=\"1.0\"?><quiz/>"),
              ImportFormat::kMoodleXml);
    EXPECT_EQ(DetectFormat("bank.XML", "anything"), ImportFormat::kMoodleXml);
    EXPECT_EQ(DetectFormat("bank.txt", "Q? {=a ~b}"), ImportFormat::kGift);
}

}  // namespace
}  // namespace oqu::assessment
