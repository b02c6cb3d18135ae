#include "assessment/moodle_xml.hpp"

#include <gtest/gtest.h>

namespace oqu::assessment {
namespace {

constexpr std::string_view kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Алгоритмдер</text></category></question>
  <question type="multichoice">
    <name><text>Sorting</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which is <b>stable</b>?</p>]]></text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Merge sort</text><feedback><text>Yes</text></feedback></answer>
    <answer fraction="50"><text>Insertion sort</text></answer>
    <answer fraction="-100"><text>Heap sort</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="html"><text>Water is wet.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
    <questiontext format="html"><text>Match the capitals.</text></questiontext>
    <subquestion format="html"><text>Kazakhstan</text><answer><text>Astana</text></answer></subquestion>
    <subquestion format="html"><text>Kyrgyzstan</text><answer><text>Bishkek</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Tashkent</text></answer></subquestion>
  </question>
  <question type="numerical">
    <name><text>Pi</text></name>
    <questiontext format="html"><text>Pi?</text></questiontext>
    <answer fraction="100"><text>3.14</text><tolerance>0.01</tolerance></answer>
  </question>
  <question type="description"><name><text>Intro</text></name><questiontext><text>Read this.</text></questiontext></question>
  <question type="essay">
    <name><text>Essay</text></name>
    <questiontext format="html"><text>Explain.</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Formula</text></name>
    <questiontext format="html"><text>{a}+{b}</text></questiontext>
  </question>
</quiz>
)";

TEST(MoodleXmlTest, ReadsTheSupportedTypes) {  // R-A5
    const auto r = ParseMoodleXml(kExport);
    ASSERT_EQ(r.questions.size(), 5U);
    const Question& mc = r.questions[0];
    EXPECT_EQ(mc.type, QuestionType::kMultipleChoice);
    EXPECT_EQ(mc.category, "Алгоритмдер");
    EXPECT_EQ(mc.format, TextFormat::kHtml);
    EXPECT_EQ(mc.text, "<p>Which is <b>stable</b>?</p>");
    EXPECT_DOUBLE_EQ(mc.answers[0].fraction, 0.5);
    EXPECT_DOUBLE_EQ(mc.answers[2].penalty, 1.0);
    EXPECT_EQ(mc.answers[0].feedback, "Yes");
    EXPECT_EQ(r.questions[1].type, QuestionType::kTrueFalse);
    EXPECT_EQ(r.questions[2].answers.size(), 2U);  // the distractor without text is not a pair
    EXPECT_EQ(r.questions[2].answers[0].match, "Astana");
    EXPECT_DOUBLE_EQ(*r.questions[3].answers[0].tolerance, 0.01);
    EXPECT_EQ(r.questions[4].type, QuestionType::kEssay);
    ASSERT_EQ(r.issues.size(), 1U);
    EXPECT_EQ(r.issues[0].key, "assessment.import.unsupported_type");
    EXPECT_EQ(r.issues[0].where, "question 8 (Formula)");
}

TEST(MoodleXmlTest, WritesWhatItReads) {  // R-A5
    const auto first = ParseMoodleXml(kExport);
    const auto again = ParseMoodleXml(ToMoodleXml(first.questions));
    EXPECT_TRUE(again.issues.empty());
    ASSERT_EQ(again.questions.size(), first.questions.size());
    for (std::size_t i = 0; i < first.questions.size(); ++i) {
        const Question& a = first.questions[i];
        const Question& b = again.questions[i];
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.text, b.text);
        EXPECT_EQ(a.category, b.category);
        ASSERT_EQ(a.answers.size(), b.answers.size());
        for (std::size_t k = 0; k < a.answers.size(); ++k) {
            EXPECT_EQ(a.answers[k].text, b.answers[k].text);
            EXPECT_DOUBLE_EQ(a.answers[k].fraction, b.answers[k].fraction);
            EXPECT_DOUBLE_EQ(a.answers[k].penalty, b.answers[k].penalty);
            EXPECT_EQ(a.answers[k].match, b.answers[k].match);
        }
    }
}

TEST(MoodleXmlTest, RefusesEntitiesAndMalformedXml) {  // R-A5
    const auto bomb = ParseMoodleXml(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><quiz><question type=\"essay\">"
        "<questiontext><text>&lol;</text></questiontext></question></quiz>");
    ASSERT_EQ(bomb.issues.size(), 1U);
    EXPECT_EQ(bomb.issues[0].key, "assessment.import.xml_doctype");
    EXPECT_TRUE(bomb.questions.empty());
    const auto broken = ParseMoodleXml("<quiz>\n<question type=\"essay\">\n</quiz>");
    ASSERT_EQ(broken.issues.size(), 1U);
    EXPECT_EQ(broken.issues[0].key, "assessment.import.xml_malformed");
    const auto other = ParseMoodleXml("<html><body/></html>");
    EXPECT_EQ(other.issues.at(0).key, "assessment.import.xml_not_a_quiz");
}

}  // namespace
}  // namespace oqu::assessment
