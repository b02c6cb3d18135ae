#include <set>

#include <gtest/gtest.h>

#include "assessment/attempt_service.hpp"
#include "assessment/tests/attempt_fixture.hpp"

namespace oqu::assessment {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using testing::AttemptsDbTest;

class AttemptStoreTest : public AttemptsDbTest {
protected:
    // A quiz of two fixed choice questions (2 and 1 points), 40 minutes, one attempt.
    std::int64_t SimpleQuiz(const QuizOptions& o = {}) {
        q1_ = AddQuestion(Choice("2 + 2", 1));
        q2_ = AddQuestion(Choice("3 + 3", 2));
        const auto quiz = AddQuiz(o);
        AddRule(quiz, q1_, std::nullopt, 1, 2.0);
        AddRule(quiz, q2_, std::nullopt, 1, 1.0);
        return quiz;
    }

    core::Result<Saved> Save(std::int64_t attempt, int slot, std::int64_t seq, const std::string& json,
                             core::Instant at, const platform::auth::Principal& who = Student()) {
        return SaveResponse(who, *db_, attempt, slot, seq, json, at);
    }

    std::int64_t q1_ = 0, q2_ = 0;
};

/// A student starts; starting again resumes the same attempt with the same snapshot; a save with a
/// sequence number not above the stored one changes nothing (a retry, a reordered request).
TEST_P(AttemptStoreTest, StartResumeAndIdempotentSaves) {  // R-A5
    const auto quiz = SimpleQuiz();
    auto started = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(started.has_value()) << started.error().message_key;
    EXPECT_TRUE(started->created);
    const auto id = started->attempt.id;
    ASSERT_EQ(started->attempt.slots.size(), 2U);
    EXPECT_EQ(started->attempt.deadline, Now() + minutes(40));
    EXPECT_DOUBLE_EQ(started->attempt.max_mark, 3.0);

    auto again = StartAttempt(Student(), *db_, *jobs_, quiz, Now() + minutes(5));
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->attempt.id, id);
    EXPECT_EQ(again->attempt.deadline, started->attempt.deadline);  // The clock did not restart.

    auto first = Save(id, 1, 1, R"({"chosen":[2]})", Now() + minutes(6));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->decision, SaveDecision::kApply);
    // The same seq again, even with another answer: acknowledged, nothing changed.
    auto retry = Save(id, 1, 1, R"({"chosen":[1]})", Now() + minutes(7));
    ASSERT_TRUE(retry.has_value());
    EXPECT_EQ(retry->decision, SaveDecision::kDuplicate);
    EXPECT_EQ(retry->seq, 1);
    ASSERT_TRUE(Save(id, 1, 3, R"({"chosen":[3]})", Now() + minutes(8)).has_value());
    auto stale = Save(id, 1, 2, R"({"chosen":[1]})", Now() + minutes(9));
    ASSERT_TRUE(stale.has_value());
    EXPECT_EQ(stale->decision, SaveDecision::kStale);
    EXPECT_EQ(stale->seq, 3);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_attempt_response WHERE attempt_id = ?", {id}), 2);

    auto view = GetAttempt(Student(), *db_, id, Now() + minutes(10));
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->slots[0].seq, 3);
    EXPECT_EQ(*view->slots[0].response_json, R"({"chosen":[3]})");

    // A malformed answer is refused and nothing is stored.
    auto bad = Save(id, 2, 1, R"({"chosen":[9]})", Now() + minutes(10));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "assessment.attempt.response_invalid");
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_attempt_response WHERE attempt_id = ?", {id}), 2);
}

/// The attempt keeps the questions it showed: a later edit of the bank changes nothing in it.
TEST_P(AttemptStoreTest, SnapshotIsIndependentOfBankEdits) {  // R-A5
    const auto quiz = SimpleQuiz();
    auto started = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(started.has_value());
    EditQuestion(q1_, Choice("2 + 2 (edited)", 0));
    auto view = GetAttempt(Student(), *db_, started->attempt.id, Now() + minutes(1));
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->slots[0].question.text, "2 + 2");
    EXPECT_EQ(view->slots[0].question_version, 1);
    EXPECT_DOUBLE_EQ(view->slots[0].question.answers[1].fraction, 1.0);
}

/// At the deadline the job submits the attempt with what was saved; the job and a retried save
/// of a stored answer are idempotent, a new save is refused.
TEST_P(AttemptStoreTest, DeadlineJobSubmitsWithTheSavedAnswers) {  // R-A5
    const auto quiz = SimpleQuiz();
    auto started = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(started.has_value());
    const auto id = started->attempt.id;
    const auto deadline = started->attempt.deadline;
    ASSERT_TRUE(Save(id, 1, 1, R"({"chosen":[2]})", Now() + minutes(39)).has_value());  // right: 2 points
    // A save within the grace after the deadline (sent before it on a slow line) is still taken.
    ASSERT_TRUE(Save(id, 2, 1, R"({"chosen":[1]})", deadline + seconds(10)).has_value());  // wrong

    // The job is not due before the deadline and its grace.
    EXPECT_FALSE(jobs_->ClaimNext("w", minutes(1), deadline).has_value());
    const auto due = deadline + kSaveGrace + seconds(1);
    auto job = jobs_->ClaimNext("w", minutes(1), due);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->kind, kDeadlineJob);
    auto closed = CloseIfDue(*db_, *jobs_, id, due);
    ASSERT_TRUE(closed.has_value());
    EXPECT_TRUE(*closed);
    auto again = CloseIfDue(*db_, *jobs_, id, due + seconds(5));  // At-least-once: a second run.
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(*again);

    auto view = GetAttempt(Student(), *db_, id, due + minutes(1));
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->state, "graded");
    EXPECT_EQ(view->submitted_by, "server");
    EXPECT_EQ(*view->submitted_at, deadline + kSaveGrace);
    EXPECT_DOUBLE_EQ(*view->mark, 2.0);

    auto late = Save(id, 2, 2, R"({"chosen":[3]})", due + minutes(1));
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().message_key, "assessment.attempt.closed");
    auto retried = Save(id, 2, 1, R"({"chosen":[1]})", due + minutes(1));  // its answer is safe
    ASSERT_TRUE(retried.has_value());
    EXPECT_EQ(retried->decision, SaveDecision::kDuplicate);
}

/// An expired attempt is closed by whatever touches it first, without the job.
TEST_P(AttemptStoreTest, ExpiredAttemptClosesLazilyWhenTouched) {  // R-A5
    const auto quiz = SimpleQuiz();
    auto started = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(started.has_value());
    const auto id = started->attempt.id;
    ASSERT_TRUE(Save(id, 2, 4, R"({"chosen":[3]})", Now() + minutes(1)).has_value());  // right: 1 point
    const auto late = started->attempt.deadline + kSaveGrace + seconds(1);
    auto view = GetAttempt(Student(), *db_, id, late);
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->state, "graded");
    EXPECT_EQ(view->submitted_by, "server");
    EXPECT_DOUBLE_EQ(*view->mark, 1.0);
    // The job finds it closed and does nothing.
    auto closed = CloseIfDue(*db_, *jobs_, id, late + minutes(1));
    ASSERT_TRUE(closed.has_value());
    EXPECT_FALSE(*closed);
    // The only attempt is used: no other may start.
    auto next = StartAttempt(Student(), *db_, *jobs_, quiz, late + minutes(2));
    ASSERT_FALSE(next.has_value());
    EXPECT_EQ(next.error().message_key, "assessment.attempt.no_attempts");
}

/// A student with extra time (special educational needs) gets a later deadline; an individual
/// later closing lets him start after the quiz closed for the others.
TEST_P(AttemptStoreTest, AccommodationGivesExtraTime) {  // R-A7
    QuizOptions o;
    o.closes = Now() + std::chrono::hours(1);
    const auto quiz = SimpleQuiz(o);
    db_->Transact([&](platform::db::Session& s) {
        s.Exec(
            "INSERT INTO assessment_accommodation (course_id, student_id, quiz_id, extra_time_percent, "
            "closes_at, reason, "
            "set_by, set_at) VALUES (?, ?, NULL, 50, ?, 'MCC conclusion', 0, 0)",
            {course_, student_full_, core::ToMicros(Now() + std::chrono::hours(3))});
    });
    const auto other = AddStudent(506);
    auto mine = StartAttempt(Student(), *db_, *jobs_, quiz, Now() + minutes(30));
    ASSERT_TRUE(mine.has_value());
    EXPECT_EQ(mine->attempt.deadline, Now() + minutes(30) + minutes(60));  // 40 min + 50 %
    auto theirs = StartAttempt(other, *db_, *jobs_, quiz, Now() + minutes(30));
    ASSERT_TRUE(theirs.has_value());
    EXPECT_EQ(theirs->attempt.deadline, Now() + minutes(60));  // Cut at the quiz's closing.

    // After the closing the other student may not start; with his extension this one may.
    const auto other2 = AddStudent(507);
    auto refused = StartAttempt(other2, *db_, *jobs_, quiz, Now() + minutes(90));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "assessment.attempt.closed");
}

/// Every allowed attempt used: no more; unlimited attempts keep numbering.
TEST_P(AttemptStoreTest, AttemptsExhausted) {  // R-A5
    QuizOptions o;
    o.attempts_allowed = 2;
    const auto quiz = SimpleQuiz(o);
    for (int n = 1; n <= 2; ++n) {
        auto a = StartAttempt(Student(), *db_, *jobs_, quiz, Now() + minutes(n));
        ASSERT_TRUE(a.has_value());
        EXPECT_EQ(a->attempt.number, n);
        ASSERT_TRUE(SubmitAttempt(Student(), *db_, a->attempt.id, Now() + minutes(n)).has_value());
    }
    auto third = StartAttempt(Student(), *db_, *jobs_, quiz, Now() + minutes(5));
    ASSERT_FALSE(third.has_value());
    EXPECT_EQ(third.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(third.error().message_key, "assessment.attempt.no_attempts");
    auto view = StudentQuizOf(Student(), *db_, quiz, Now() + minutes(5));
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->attempts_left, 0);
    EXPECT_EQ(view->decision, StartDecision::kNoAttempts);
}

/// A student who is not of the course, and anyone on another's attempt, gets 404.
TEST_P(AttemptStoreTest, NotAStudentOfTheCourseGetsNotFound) {  // R-A5
    const auto quiz = SimpleQuiz();
    auto outsider = StartAttempt(Outsider(), *db_, *jobs_, quiz, Now());
    ASSERT_FALSE(outsider.has_value());
    EXPECT_EQ(outsider.error().code, core::ErrorCode::kNotFound);
    auto view = StudentQuizOf(Outsider(), *db_, quiz, Now());
    ASSERT_FALSE(view.has_value());
    EXPECT_EQ(view.error().code, core::ErrorCode::kNotFound);

    auto mine = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(mine.has_value());
    const auto classmate = AddStudent(508);
    for (const auto& who : {Outsider(), classmate}) {
        auto get = GetAttempt(who, *db_, mine->attempt.id, Now());
        ASSERT_FALSE(get.has_value());
        EXPECT_EQ(get.error().code, core::ErrorCode::kNotFound);
        auto save = Save(mine->attempt.id, 1, 1, R"({"chosen":[1]})", Now(), who);
        ASSERT_FALSE(save.has_value());
        EXPECT_EQ(save.error().code, core::ErrorCode::kNotFound);
        EXPECT_FALSE(SubmitAttempt(who, *db_, mine->attempt.id, Now()).has_value());
    }
    // The course's teacher sees it.
    EXPECT_TRUE(GetAttempt(Teacher1(), *db_, mine->attempt.id, Now()).has_value());
    // An unpublished quiz does not exist for students.
    db_->Transact([&](platform::db::Session& s) { s.Exec("UPDATE assessment_quiz SET published = 0"); });
    auto hidden = StudentQuizOf(Student(), *db_, quiz, Now());
    ASSERT_FALSE(hidden.has_value());
    EXPECT_EQ(hidden.error().code, core::ErrorCode::kNotFound);
}

/// A random rule draws distinct questions of its category; the seed and the drawn order are stored,
/// so the attempt shows the same questions on every load.
TEST_P(AttemptStoreTest, RandomDrawPerCategory) {  // R-A5
    std::set<std::int64_t> pool;
    for (int i = 0; i < 6; ++i) pool.insert(AddQuestion(Choice("q" + std::to_string(i), 0)));
    QuizOptions o;
    o.shuffle_questions = true;
    o.shuffle_answers = true;
    const auto quiz = AddQuiz(o);
    AddRule(quiz, std::nullopt, category_, 4, 1.0);
    auto started = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(started.has_value());
    std::set<std::int64_t> drawn;
    for (const auto& s : started->attempt.slots) {
        EXPECT_TRUE(pool.contains(s.question_id));
        drawn.insert(s.question_id);
        std::set<int> order(s.answer_order.begin(), s.answer_order.end());
        EXPECT_EQ(order, (std::set<int>{0, 1, 2}));  // a permutation of the answers
    }
    EXPECT_EQ(drawn.size(), 4U);
    auto again = GetAttempt(Student(), *db_, started->attempt.id, Now());
    ASSERT_TRUE(again.has_value());
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(again->slots[i].question_id, started->attempt.slots[i].question_id);
        EXPECT_EQ(again->slots[i].answer_order, started->attempt.slots[i].answer_order);
    }
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_attempt WHERE seed > 0"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttemptStoreTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assessment
