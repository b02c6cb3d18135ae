#include "assessment/domain/attempt.hpp"

#include <gtest/gtest.h>

namespace oqu::assessment {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const core::Instant kNine = core::FromMicros(1'790'000'000'000'000);  // some morning

QuizWindow Exam() {
    return {kNine, kNine + minutes(180), minutes(45), 1};
}

TEST(AttemptTest, DeadlineIsTheLimitCappedByTheClose) {  // R-A5
    EXPECT_EQ(Deadline(Exam(), {}, kNine + minutes(10)), kNine + minutes(55));
    // Started late: the quiz's close comes first.
    EXPECT_EQ(Deadline(Exam(), {}, kNine + minutes(170)), kNine + minutes(180));
    // No time limit: until the close.
    QuizWindow open = Exam();
    open.time_limit.reset();
    EXPECT_EQ(Deadline(open, {}, kNine), kNine + minutes(180));
}

TEST(AttemptTest, ExtraTimeForSpecialNeeds) {  // R-A5 R-A7
    // 45 min + 25 % = 56 min 15 s.
    EXPECT_EQ(Deadline(Exam(), {25, std::nullopt}, kNine), kNine + minutes(56) + seconds(15));
    // An individual extension moves the close for this student only.
    const Accommodation extended{50, kNine + minutes(240)};
    EXPECT_EQ(Deadline(Exam(), extended, kNine + minutes(170)),
              kNine + minutes(170) + minutes(67) + seconds(30));
    EXPECT_EQ(DecideStart(Exam(), extended, kNine + minutes(200), 0, std::nullopt), StartDecision::kStart);
    EXPECT_EQ(DecideStart(Exam(), {}, kNine + minutes(200), 0, std::nullopt), StartDecision::kClosed);
}

TEST(AttemptTest, StartResumeAndLimits) {  // R-A5
    const QuizWindow quiz = Exam();
    EXPECT_EQ(DecideStart(quiz, {}, kNine - seconds(1), 0, std::nullopt), StartDecision::kNotOpenYet);
    EXPECT_EQ(DecideStart(quiz, {}, kNine, 0, std::nullopt), StartDecision::kStart);
    // The browser closed: the same attempt resumes, with the same deadline.
    EXPECT_EQ(DecideStart(quiz, {}, kNine + minutes(20), 0, kNine + minutes(45)), StartDecision::kResume);
    // Its deadline passed: it is the server's to submit, and it used the only attempt.
    EXPECT_EQ(DecideStart(quiz, {}, kNine + minutes(46), 0, kNine + minutes(45)), StartDecision::kNoAttempts);
    EXPECT_EQ(DecideStart(quiz, {}, kNine + minutes(50), 1, std::nullopt), StartDecision::kNoAttempts);
    QuizWindow practice = quiz;
    practice.attempts_allowed = 0;
    EXPECT_EQ(DecideStart(practice, {}, kNine + minutes(50), 7, std::nullopt), StartDecision::kStart);
    EXPECT_EQ(DecideStart(quiz, {}, kNine + minutes(180), 0, std::nullopt), StartDecision::kClosed);
}

TEST(AttemptTest, SavesAreIdempotentAndOrdered) {  // R-A5
    const core::Instant deadline = kNine + minutes(45);
    const core::Instant now = kNine + minutes(5);
    EXPECT_EQ(DecideSave(std::nullopt, 1, false, deadline, now), SaveDecision::kApply);
    EXPECT_EQ(DecideSave(1, 2, false, deadline, now), SaveDecision::kApply);
    EXPECT_EQ(DecideSave(2, 2, false, deadline, now), SaveDecision::kDuplicate);  // a retried request
    EXPECT_EQ(DecideSave(3, 2, false, deadline, now), SaveDecision::kStale);      // reordered on the network
}

TEST(AttemptTest, TheDeadlineAndItsGrace) {  // R-A5
    const core::Instant deadline = kNine + minutes(45);
    // In flight when the time ran out: still taken within the grace.
    EXPECT_EQ(DecideSave(1, 2, false, deadline, deadline + kSaveGrace), SaveDecision::kApply);
    EXPECT_EQ(DecideSave(1, 2, false, deadline, deadline + kSaveGrace + seconds(1)), SaveDecision::kTooLate);
    // A retry of a stored answer is acknowledged even late or after submission.
    EXPECT_EQ(DecideSave(2, 2, true, deadline, deadline + minutes(10)), SaveDecision::kDuplicate);
    EXPECT_EQ(DecideSave(2, 3, true, deadline, kNine + minutes(1)), SaveDecision::kTooLate);
    EXPECT_FALSE(DueForAutoSubmit(false, deadline, deadline + kSaveGrace));
    EXPECT_TRUE(DueForAutoSubmit(false, deadline, deadline + kSaveGrace + seconds(1)));
    EXPECT_FALSE(DueForAutoSubmit(true, deadline, deadline + minutes(10)));
}

}  // namespace
}  // namespace oqu::assessment
