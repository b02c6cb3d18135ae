#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <gtest/gtest.h>

#include "assessment/attempt_service.hpp"
#include "assessment/journal_sync.hpp"
#include "assessment/tests/attempt_fixture.hpp"
#include "gradebook/api.hpp"

namespace oqu::assessment {
namespace {

namespace auth = platform::auth;
using std::chrono::hours;
using std::chrono::minutes;
using testing::AttemptsDbTest;

// The journal marks of graded quizzes (docs/QUIZZES.md "The journal", R-O22).
class JournalTest : public AttemptsDbTest {
protected:
    void SetUp() override {
        AttemptsDbTest::SetUp();
        if (IsSkipped()) return;
        (void)platform::db::Migrate(
            *db_, platform::db::LoadMigrations(
                      "gradebook", people::testing::ResourceDir() / "gradebook/schema", db_->dialect()));
    }

    std::int64_t OpenJournal() {
        auto id = gradebook::OpenJournal(
            auth::SystemPrincipal(), {*db_, Now(), ""},
            {std::to_string(group1_), std::to_string(discipline1_), std::to_string(period1_), ""});
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key);
        return id.value_or(0);
    }

    /// A quiz of two one-point choice questions (right: variant 2) in journal column `column`.
    std::int64_t TwoQuestionQuiz(const std::string& column, int attempts = 1) {
        QuizOptions o;
        o.attempts_allowed = attempts;
        const auto quiz = AddQuiz(o);
        AddRule(quiz, AddQuestion(Choice("first", 1)), std::nullopt, 1, 1.0);
        AddRule(quiz, AddQuestion(Choice("second", 1)), std::nullopt, 1, 1.0);
        SetColumn(quiz, column);
        return quiz;
    }

    void SetColumn(std::int64_t quiz, const std::string& column) {
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE assessment_quiz SET grade_column = ? WHERE id = ?", {column, quiz});
        });
    }

    /// Starts an attempt of the fixture's student, answers `right` of the two questions right.
    std::int64_t Answer(std::int64_t quiz, int right) {
        auto a = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
        EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message_key);
        if (!a) return 0;
        for (int slot = 1; slot <= 2; ++slot) {
            const std::string chosen = slot <= right ? R"({"chosen":[2]})" : R"({"chosen":[1]})";
            EXPECT_TRUE(SaveResponse(Student(), *db_, a->attempt.id, slot, 1, chosen, Now()).has_value());
        }
        return a->attempt.id;
    }

    std::int64_t Take(std::int64_t quiz, int right) {
        const auto id = Answer(quiz, right);
        EXPECT_TRUE(SubmitAttempt(Student(), *db_, id, Now()).has_value());
        return id;
    }

    /// The journal's mark of the student in `cell`, -1 when none.
    std::int64_t Mark(std::int64_t journal, const std::string& cell) {
        return db_->Read([&](platform::db::Session& s) -> std::int64_t {
            auto rows = s.Query(
                "SELECT mark FROM gradebook_mark WHERE journal_id = ? AND student_id = ? AND cell = ?",
                {journal, student_full_, cell});
            if (rows.empty() || rows[0].IsNull(0)) return -1;
            return rows[0].Int(0);
        });
    }

    std::int64_t Footprints(const std::string& action) {
        return Scalar("SELECT COUNT(*) FROM audit_footprint WHERE action = ?", {action});
    }

    core::Status Type(std::int64_t journal, const std::string& cell, const std::string& mark) {
        auto done = gradebook::EnterMarks(auth::SystemPrincipal(), {*db_, Now(), ""}, journal,
                                          {{student_full_, cell, mark, ""}});
        if (!done) return done.error();
        return core::Ok{};
    }
};

/// Points ÷ maximum × 100, rounded half up; the week of "current" counts from the period's start,
/// clamped to the journal's weeks.
TEST(JournalRules, PercentAndCell) {                  // R-O22
    EXPECT_EQ(gradebook::PercentMark(169, 200), 85);  // 84.5
    EXPECT_EQ(gradebook::PercentMark(1, 3), 33);
    EXPECT_EQ(gradebook::PercentMark(2, 3), 67);
    EXPECT_EQ(gradebook::PercentMark(0.845, 1), 85);
    EXPECT_EQ(gradebook::PercentMark(0, 10), 0);
    // The quiz mark on the scale of the letter table (R-A5), as the result page shows it.
    EXPECT_EQ(gradebook::PercentMark(54, 60), 90);
    EXPECT_EQ(gradebook::PercentMark(50.7, 60), 85);  // 84.5 rounds half up
    EXPECT_EQ(gradebook::PercentMark(50.6, 60), 84);
    EXPECT_EQ(gradebook::PercentMark(60, 60), 100);
    EXPECT_EQ(gradebook::PercentMark(0, 60), 0);
    EXPECT_EQ(gradebook::PercentMark(7, 0), 0);
    EXPECT_EQ(gradebook::PercentMark(-1, 10), 0);
    EXPECT_EQ(gradebook::PercentMark(11, 10), 100);
    EXPECT_EQ(gradebook::PercentMark(3, 0), 0);
    EXPECT_EQ(gradebook::PercentMark(5, 4), 100);
    core::Instant at;
    ASSERT_TRUE(core::ParseUtc("2026-09-09T05:00:00Z", at));  // Wednesday of the second week.
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "2026-09-01", 15), "w2");
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "2026-09-08", 15), "w1");
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "2026-10-01", 15), "w1");   // before the period
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "2026-01-01", 15), "w15");  // after it
    ASSERT_TRUE(core::ParseUtc("2026-09-07T20:00:00Z", at));  // 01:00 on the 8th in Almaty
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "2026-09-01", 15), "w2");
    EXPECT_EQ(gradebook::AssessmentCell("rk1", at, "2026-09-01", 15), "rk1");
    EXPECT_EQ(gradebook::AssessmentCell("exam", at, "2026-09-01", 15), "exam");
    EXPECT_EQ(gradebook::AssessmentCell("reexam", at, "2026-09-01", 15), "");
    EXPECT_EQ(gradebook::AssessmentCell("current", at, "bad", 15), "");
}

/// A submitted quiz's mark goes to the rk1 cell of the student's journal; a worse second attempt
/// leaves the best; the history names the quiz; every write is a footprint event.
TEST_P(JournalTest, TheBestGradedAttemptGoesToTheJournal) {  // R-O22
    const auto journal = OpenJournal();
    const auto quiz = TwoQuestionQuiz("rk1", 2);
    Take(quiz, 1);
    EXPECT_EQ(Mark(journal, "rk1"), 50);
    Take(quiz, 0);
    EXPECT_EQ(Mark(journal, "rk1"), 50);
    EXPECT_EQ(Footprints("gradebook.assessment_mark"), 1);
    auto history = gradebook::HistoryOf(auth::SystemPrincipal(), *db_, journal);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->changes.size(), 1U);
    EXPECT_EQ(history->changes[0].source, "quiz:" + std::to_string(quiz));
    EXPECT_EQ(history->changes[0].source_title, "РК1");
    EXPECT_EQ(history->changes[0].by_login, "system");
    EXPECT_EQ(*history->changes[0].new_mark, 50);
}

/// A quiz without a journal column writes nothing; "current" goes to the week the quiz closes in.
TEST_P(JournalTest, CurrentControlGoesToTheWeekTheQuizClosesIn) {  // R-O22
    const auto journal = OpenJournal();
    const auto none = TwoQuestionQuiz("rk2");
    db_->Transact([&](platform::db::Session& s) {
        s.Exec("UPDATE assessment_quiz SET grade_column = NULL WHERE id = ?", {none});
    });
    Take(none, 2);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 0);
    const auto quiz = TwoQuestionQuiz("current");
    Take(quiz, 2);
    const auto closes = db_->Read([&](platform::db::Session& s) { return FindQuiz(s, quiz); })->closes_at;
    const auto days = (core::KazakhstanDay(closes) - *core::ParseIsoDay("2026-09-01")).count();
    const auto week = std::clamp<std::int64_t>(days < 0 ? 1 : days / 7 + 1, 1, 15);
    EXPECT_EQ(Mark(journal, "w" + std::to_string(week)), 100);
}

/// A mark typed by hand is not overwritten by the quiz; once cleared, the quiz's mark goes in,
/// and the quiz's own mark is updated by a later grading (here a regrade).
TEST_P(JournalTest, AHandEnteredMarkIsKept) {  // R-O22
    const auto journal = OpenJournal();
    const auto quiz = TwoQuestionQuiz("rk1");
    ASSERT_TRUE(Type(journal, "rk1", "90").has_value());
    Take(quiz, 1);
    EXPECT_EQ(Mark(journal, "rk1"), 90);
    auto sent = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "127.0.0.1");
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->students, 1);
    EXPECT_EQ(sent->tally.hand, 1);
    EXPECT_EQ(sent->tally.written, 0);
    EXPECT_EQ(Mark(journal, "rk1"), 90);
    EXPECT_EQ(Audited("assessment.send_marks"), 1);

    ASSERT_TRUE(Type(journal, "rk1", "").has_value());  // cleared by hand: the quiz may write
    sent = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "127.0.0.1");
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.written, 1);
    EXPECT_EQ(Mark(journal, "rk1"), 50);
    sent = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "127.0.0.1");
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.unchanged, 1);

    // The key of the first question was wrong: after the regrade both answers count.
    const auto first = Scalar("SELECT MIN(question_id) FROM assessment_quiz_rule WHERE quiz_id = ?", {quiz});
    EditQuestion(first, Choice("first", 0));
    ASSERT_TRUE(RegradeQuiz(Teacher1(), *db_, quiz, Now(), "127.0.0.1").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 0);
}

/// A closed journal is not changed, and the sending says so; a student whose group has no journal
/// gets nothing, reported too.
TEST_P(JournalTest, AClosedJournalOrNoJournalIsReported) {  // R-O22
    const auto quiz = TwoQuestionQuiz("exam");
    Take(quiz, 2);
    auto sent = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "");
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.no_journal, 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 0);

    const auto journal = OpenJournal();
    ASSERT_TRUE(gradebook::CloseJournal(auth::SystemPrincipal(), {*db_, Now(), ""}, journal).has_value());
    sent = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "");
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.closed, 1);
    EXPECT_EQ(Mark(journal, "exam"), -1);

    // Only a teacher of the course sends; a quiz without a column has nothing to send.
    EXPECT_FALSE(SendMarksToJournal(Student(), *db_, quiz, Now(), "").has_value());
    auto dean = SendMarksToJournal(Dean1(), *db_, quiz, Now(), "");
    ASSERT_FALSE(dean.has_value());
    EXPECT_EQ(dean.error().code, core::ErrorCode::kForbidden);
    db_->Transact([&](platform::db::Session& s) {
        s.Exec("UPDATE assessment_quiz SET grade_column = NULL WHERE id = ?", {quiz});
    });
    auto none = SendMarksToJournal(Teacher1(), *db_, quiz, Now(), "");
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().message_key, "assessment.journal.no_column");
}

/// The deadline job grades the attempt and writes its mark in the same transaction.
TEST_P(JournalTest, TheDeadlineJobWritesTheMark) {  // R-O22
    const auto journal = OpenJournal();
    const auto quiz = TwoQuestionQuiz("rk2");
    const auto id = Answer(quiz, 2);
    auto closed = CloseIfDue(*db_, *jobs_, id, Now() + hours(2));
    ASSERT_TRUE(closed.has_value());
    EXPECT_TRUE(*closed);
    EXPECT_EQ(Mark(journal, "rk2"), 100);
}

/// An essay's grade makes the attempt graded and writes the mark in the grading's transaction: when
/// the grading fails (its audit record cannot be written), the journal has no mark either.
TEST_P(JournalTest, AFailedGradingLeavesNoJournalMark) {  // R-O22
    const auto journal = OpenJournal();
    const auto quiz = AddQuiz({});
    AddRule(quiz, AddQuestion(Choice("2 + 2", 1)), std::nullopt, 1, 1.0);
    AddRule(quiz, AddQuestion(Essay("Explain normal forms")), std::nullopt, 1, 3.0);
    SetColumn(quiz, "rk1");
    auto a = StartAttempt(Student(), *db_, *jobs_, quiz, Now());
    ASSERT_TRUE(a.has_value());
    const auto id = a->attempt.id;
    ASSERT_TRUE(SaveResponse(Student(), *db_, id, 1, 1, R"({"chosen":[2]})", Now()).has_value());
    ASSERT_TRUE(SaveResponse(Student(), *db_, id, 2, 1, R"({"text":"1NF, 2NF"})", Now()).has_value());
    ASSERT_TRUE(SubmitAttempt(Student(), *db_, id, Now()).has_value());
    EXPECT_EQ(Mark(journal, "rk1"), -1);  // the essay waits

    const auto move_table = [&](const char* from, const char* to) {
        db_->Transact([&](platform::db::Session& s) {
            s.Exec(std::string("ALTER TABLE ") + from + " RENAME TO " + to);
        });
    };
    move_table("audit_log", "audit_log_away");
    EXPECT_ANY_THROW((void)GradeEssay(Teacher1(), *db_, id, 2, 2.0, "", Now(), "127.0.0.1"));
    move_table("audit_log_away", "audit_log");
    EXPECT_EQ(Mark(journal, "rk1"), -1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark_change"), 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_attempt WHERE state = 'graded'"), 0);

    ASSERT_TRUE(GradeEssay(Teacher1(), *db_, id, 2, 2.0, "", Now(), "127.0.0.1").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 75);
    auto history = gradebook::HistoryOf(auth::SystemPrincipal(), *db_, journal);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->changes.size(), 1U);
    EXPECT_EQ(history->changes[0].by_login, Teacher1().login);
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assessment
