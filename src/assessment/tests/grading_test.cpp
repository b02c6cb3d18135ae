#include <cmath>

#include <gtest/gtest.h>

#include "assessment/attempt_service.hpp"
#include "assessment/tests/attempt_fixture.hpp"

namespace oqu::assessment {
namespace {

using std::chrono::minutes;
using testing::AttemptsDbTest;

class GradingTest : public AttemptsDbTest {};

/// Choice questions are graded on submit; an essay waits for the teacher, whose mark (within the
/// question's points) makes the attempt graded; the act is audited.
TEST_P(GradingTest, EssaysWaitForTheTeacher) {  // R-A5
    const auto choice = AddQuestion(Choice("2 + 2", 1));
    const auto essay = AddQuestion(Essay("Explain normal forms"));
    const auto quiz = AddQuiz({});
    AddRule(quiz, choice, std::nullopt, 1, 2.0);
    AddRule(quiz, essay, std::nullopt, 1, 3.0);
    auto a = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(a.has_value());
    const auto id = a->attempt.id;
    ASSERT_TRUE(SaveResponse(Student(), *db_, id, 1, 1, R"({"chosen":[2]})", Now()).has_value());
    ASSERT_TRUE(SaveResponse(Student(), *db_, id, 2, 1, R"({"text":"1NF, 2NF, 3NF"})", Now()).has_value());
    auto submitted = SubmitAttempt(Student(), *db_, id, Now() + minutes(5));
    ASSERT_TRUE(submitted.has_value());
    EXPECT_EQ(submitted->state, "submitted");
    EXPECT_EQ(submitted->submitted_by, "student");
    EXPECT_DOUBLE_EQ(*submitted->mark, 2.0);

    auto list = GradingOf(Teacher1(), *db_, quiz, Now() + minutes(6));
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->rows.size(), 1U);
    EXPECT_EQ(list->rows[0].essays_waiting, 1);
    EXPECT_TRUE(list->can_grade);

    auto too_much = GradeEssay(Teacher1(), *db_, id, 2, 3.5, "", Now(), "127.0.0.1");
    ASSERT_FALSE(too_much.has_value());
    EXPECT_EQ(too_much.error().message_key, "assessment.grading.mark_range");
    auto not_essay = GradeEssay(Teacher1(), *db_, id, 1, 1.0, "", Now(), "127.0.0.1");
    EXPECT_FALSE(not_essay.has_value());
    auto by_student = GradeEssay(Student(), *db_, id, 2, 3.0, "", Now(), "127.0.0.1");
    ASSERT_FALSE(by_student.has_value());
    EXPECT_EQ(by_student.error().code, core::ErrorCode::kNotFound);

    ASSERT_TRUE(
        GradeEssay(Teacher1(), *db_, id, 2, 2.5, "Good, 3NF is missing an example", Now(), "127.0.0.1")
            .has_value());
    auto graded = GetAttempt(Student(), *db_, id, Now() + minutes(7));
    ASSERT_TRUE(graded.has_value());
    EXPECT_EQ(graded->state, "graded");
    EXPECT_DOUBLE_EQ(*graded->mark, 4.5);
    EXPECT_EQ(graded->slots[1].comment, "Good, 3NF is missing an example");
    EXPECT_EQ(Audited("assessment.grade_essay"), 1);
    // The dean's office sees the list but does not grade.
    auto dean = GradingOf(Dean1(), *db_, quiz, Now());
    ASSERT_TRUE(dean.has_value());
    EXPECT_FALSE(dean->can_grade);
    EXPECT_FALSE(GradeEssay(Dean1(), *db_, id, 2, 1.0, "", Now(), "").has_value());
}

/// After a key was corrected in the bank, a regrade scores every submitted attempt with it and
/// says how many marks changed; the act is audited.
TEST_P(GradingTest, RegradeAfterTheKeyChanged) {                            // R-A5
    const auto question = AddQuestion(Choice("Capital of Kazakhstan", 0));  // wrong key: variant 1
    const auto quiz = AddQuiz({});
    AddRule(quiz, question, std::nullopt, 1, 2.0);
    const auto other = AddStudent(510);
    for (const auto& [who, chosen] : {std::pair{Student(), 2}, std::pair{other, 1}}) {
        auto a = StartAttempt(who, *db_, *jobs_, quiz, Now());
        ASSERT_TRUE(a.has_value());
        const std::string response = R"({"chosen":[)" + std::to_string(chosen) + "]}";
        ASSERT_TRUE(SaveResponse(who, *db_, a->attempt.id, 1, 1, response, Now()).has_value());
        ASSERT_TRUE(SubmitAttempt(who, *db_, a->attempt.id, Now()).has_value());
    }
    EditQuestion(question, Choice("Capital of Kazakhstan", 1));  // the right key: variant 2
    auto regraded = RegradeQuiz(Teacher1(), *db_, quiz, Now() + minutes(1), "127.0.0.1");
    ASSERT_TRUE(regraded.has_value()) << regraded.error().message_key;
    EXPECT_EQ(regraded->attempts, 2);
    EXPECT_EQ(regraded->slots_updated, 2);
    EXPECT_EQ(regraded->marks_changed, 2);  // 0 -> 2 and 2 -> 0
    auto list = GradingOf(Teacher1(), *db_, quiz, Now() + minutes(2));
    ASSERT_TRUE(list.has_value());
    double total = 0;
    for (const auto& row : list->rows) total += *row.attempt.mark;
    EXPECT_DOUBLE_EQ(total, 2.0);
    EXPECT_EQ(Audited("assessment.regrade"), 1);
    // Nothing changed since: a second regrade changes no mark.
    auto again = RegradeQuiz(Teacher1(), *db_, quiz, Now() + minutes(3), "127.0.0.1");
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->marks_changed, 0);
    EXPECT_FALSE(RegradeQuiz(Student(), *db_, quiz, Now(), "").has_value());
}

/// The item statistics of a hand-computed example: 5 attempts, 3 questions.
///   a1 [1 1 1], a2 [1 1 0], a3 [1 0 0], a4 [0 1 0], a5 [0 0 0]
/// q1: facility 3/5 = 0.6; against the rest [2 1 0 1 0]: cov 0.6, var 1.2 and 2.8, r = 0.6/sqrt(3.36)
/// q3: facility 0.2; against the rest [2 2 1 1 0]: cov 0.8, var 0.8 and 2.8, r = 0.8/sqrt(2.24)
TEST(ItemStatisticsTest, HandComputedExample) {  // R-A5
    const std::vector<std::vector<double>> rows{{1, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}};
    std::vector<std::vector<std::pair<std::int64_t, double>>> scores;
    scores.reserve(rows.size());
    for (const auto& r : rows) scores.push_back({{11, r[0]}, {12, r[1]}, {13, r[2]}});
    const auto items = ItemStatisticsOf(scores);
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(items[0].question_id, 11);
    EXPECT_EQ(items[0].responses, 5);
    EXPECT_NEAR(items[0].facility, 0.6, 1e-12);
    EXPECT_NEAR(*items[0].discrimination, 0.6 / std::sqrt(3.36), 1e-9);  // 0.3273
    EXPECT_NEAR(items[1].facility, 0.6, 1e-12);
    EXPECT_NEAR(items[2].facility, 0.2, 1e-12);
    EXPECT_NEAR(*items[2].discrimination, 0.8 / std::sqrt(2.24), 1e-9);  // 0.5345
    // A question drawn for some attempts only is measured over those: no spread, no index.
    scores[0].push_back({14, 1.0});
    scores[1].push_back({14, 1.0});
    const auto partial = ItemStatisticsOf(scores);
    ASSERT_EQ(partial.size(), 4U);
    EXPECT_EQ(partial[3].responses, 2);
    EXPECT_DOUBLE_EQ(partial[3].facility, 1.0);
    EXPECT_FALSE(partial[3].discrimination.has_value());
}

/// The analysis of a quiz reads the graded attempts' shares through the store.
TEST_P(GradingTest, ItemAnalysisOfAQuiz) {  // R-A5
    const auto q1 = AddQuestion(Choice("first", 0));
    const auto q2 = AddQuestion(Choice("second", 0));
    const auto quiz = AddQuiz({});
    AddRule(quiz, q1, std::nullopt, 1, 1.0);
    AddRule(quiz, q2, std::nullopt, 1, 1.0);
    // Three students: [1 1], [1 0], [0 0].
    const std::vector<std::pair<int, int>> answers{{1, 1}, {1, 2}, {2, 2}};
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const auto who = i == 0 ? Student() : AddStudent(520 + static_cast<std::int64_t>(i));
        auto a = StartAttempt(who, *db_, *jobs_, quiz, Now());
        ASSERT_TRUE(a.has_value());
        ASSERT_TRUE(SaveResponse(who, *db_, a->attempt.id, 1, 1,
                                 R"({"chosen":[)" + std::to_string(answers[i].first) + "]}", Now())
                        .has_value());
        ASSERT_TRUE(SaveResponse(who, *db_, a->attempt.id, 2, 1,
                                 R"({"chosen":[)" + std::to_string(answers[i].second) + "]}", Now())
                        .has_value());
        ASSERT_TRUE(SubmitAttempt(who, *db_, a->attempt.id, Now()).has_value());
    }
    auto analysis = AnalyseQuiz(Teacher1(), *db_, quiz);
    ASSERT_TRUE(analysis.has_value());
    EXPECT_EQ(analysis->attempts, 3);
    ASSERT_EQ(analysis->items.size(), 2U);
    EXPECT_EQ(analysis->items[0].name, "first");
    EXPECT_NEAR(analysis->items[0].facility, 2.0 / 3.0, 1e-9);
    EXPECT_NEAR(analysis->items[1].facility, 1.0 / 3.0, 1e-9);
    // q1 [1 1 0] against q2 [1 0 0]: r = 0.5.
    EXPECT_NEAR(*analysis->items[0].discrimination, 0.5, 1e-9);
    EXPECT_FALSE(AnalyseQuiz(Outsider(), *db_, quiz).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, GradingTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assessment
