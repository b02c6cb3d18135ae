// An assignment's marks in the e-journal (R-O22; docs/ASSIGNMENTS.md "The journal"), on SQLite and
// PostgreSQL: the column, the late penalty, never over a typed mark nor into a closed journal,
// group members, the teacher's "send the marks to the journal again".
#include <gtest/gtest.h>

#include "assignments/tests/fixture.hpp"
#include "gradebook/api.hpp"

namespace oqu::assignments::testing {
namespace {

using std::chrono::microseconds;

class AssignmentJournalTest : public AssignmentsDbTest {
protected:
    const core::Instant due_ = Local("2026-10-10T23:59");
    const core::Instant before_ = Local("2026-10-05T12:00");

    /// The journal of `group` in course A's discipline and period.
    std::int64_t OpenJournal(std::int64_t group) {
        auto id = gradebook::OpenJournal(
            auth::SystemPrincipal(), {*db_, Now(), ""},
            {std::to_string(group), std::to_string(discipline1_), std::to_string(period1_), ""});
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key);
        return id.value_or(0);
    }

    /// A text assignment of course A (TextDraft: 10% a day late up to 30%) in journal column
    /// `column`, out of `max_mark`.
    std::int64_t InColumn(const std::string& column, const std::string& max_mark = "100",
                          const std::string& group_mode = "none") {
        AssignmentDraft d = TextDraft();
        d.grade_column = column;
        d.max_mark = max_mark;
        d.group_mode = group_mode;
        return Make(d);
    }

    /// The submission of the student of account 504 handed in at `at`.
    std::int64_t HandIn(std::int64_t assignment, core::Instant at) {
        auto receipt = Hand(StudentFull(), assignment, at);
        EXPECT_TRUE(receipt.has_value()) << (receipt ? "" : receipt.error().message_key);
        return receipt ? receipt->submission_id : 0;
    }

    core::Result<Grade> GradeIt(std::int64_t assignment, std::int64_t submission, const std::string& mark,
                                bool returned = false) {
        return GradeSubmission(Teacher1(), Ac(), assignment, submission,
                               {.mark = mark, .return_for_resubmission = returned});
    }

    /// The journal's mark of `student` (default: the student of account 504) in `cell`, -1 when none.
    std::int64_t Mark(std::int64_t journal, const std::string& cell, std::int64_t student = 0) {
        return db_->Read([&](platform::db::Session& s) -> std::int64_t {
            auto rows = s.Query(
                "SELECT mark FROM gradebook_mark WHERE journal_id = ? AND student_id = ? AND cell = ?",
                {journal, student != 0 ? student : student_full_, cell});
            if (rows.empty() || rows[0].IsNull(0)) return -1;
            return rows[0].Int(0);
        });
    }

    std::int64_t Scalar(const std::string& sql) {
        return db_->Read([&](platform::db::Session& s) { return s.Query(sql)[0].Int(0); });
    }

    core::Status Type(std::int64_t journal, const std::string& cell, const std::string& mark) {
        auto done = gradebook::EnterMarks(auth::SystemPrincipal(), {*db_, Now(), ""}, journal,
                                          {{student_full_, cell, mark, ""}});
        if (!done) return done.error();
        return core::Ok{};
    }
};

/// R-O22: an assignment's column is checked like a quiz's: a column outside the list is refused
/// with its message and nothing is stored; none is the default.
TEST_P(AssignmentJournalTest, TheJournalColumnIsChecked) {  // R-O22
    if (IsSkipped()) return;
    AssignmentDraft d = TextDraft();
    d.grade_column = "rk3";
    auto refused = CreateAssignment(Teacher1(), Ac(), course_, d);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "assignments.grade_column_invalid");
    EXPECT_EQ(Count("assignments_assignment"), 0);
    const auto none = Make(TextDraft());
    EXPECT_FALSE(FindAssignment(Teacher1(), *db_, none)->assignment.grade_column.has_value());
    const auto rk2 = InColumn("rk2");
    EXPECT_EQ(FindAssignment(Teacher1(), *db_, rk2)->assignment.grade_column.value_or(""), "rk2");
}

/// R-O22: the course's teacher sets and changes the column of an existing assignment (audited);
/// others are refused and a bad column changes nothing. Marks already in the journal stay where
/// they are; the next grading writes to the new column; without a column nothing is sent.
TEST_P(AssignmentJournalTest, TheCourseTeacherChangesTheColumn) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = Make(TextDraft());
    const auto column = [&] { return FindAssignment(Teacher1(), *db_, id)->assignment.grade_column; };
    const auto refused = [&](const auth::Principal& who, const std::string& value, core::ErrorCode code) {
        auto done = SetJournalColumn(who, Ac(), id, value);
        ASSERT_FALSE(done.has_value()) << value;
        EXPECT_EQ(done.error().code, code);
    };
    refused(StudentFull(), "rk1", core::ErrorCode::kForbidden);
    refused(Dean1(), "rk1", core::ErrorCode::kForbidden);
    refused(Stranger(), "rk1", core::ErrorCode::kNotFound);
    refused(Teacher1(), "reexam", core::ErrorCode::kInvalidInput);
    EXPECT_EQ(SetJournalColumn(Teacher1(), Ac(), id, "w3").error().message_key,
              "assignments.grade_column_invalid");
    EXPECT_FALSE(column().has_value());
    EXPECT_EQ(Audited("assignments.set_journal_column"), 0);

    ASSERT_TRUE(SetJournalColumn(Teacher1(), Ac(), id, "rk1").has_value());
    EXPECT_EQ(column().value_or(""), "rk1");
    EXPECT_EQ(Audited("assignments.set_journal_column"), 1);
    const auto submission = HandIn(id, before_);
    ASSERT_TRUE(GradeIt(id, submission, "66").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 66);
    ASSERT_TRUE(SetJournalColumn(Teacher1(), Ac(), id, "rk2").has_value());
    ASSERT_TRUE(GradeIt(id, submission, "68").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 66);
    EXPECT_EQ(Mark(journal, "rk2"), 68);
    ASSERT_TRUE(SetJournalColumn(Teacher1(), Ac(), id, "").has_value());
    EXPECT_FALSE(column().has_value());
    EXPECT_EQ(SendMarksToJournal(Teacher1(), Ac(), id).error().message_key, "assignments.journal_no_column");
}

/// R-O22: a graded submission's mark goes to the rk1 cell of the student's journal as points ÷
/// maximum × 100 rounded half up (50.7 of 60 = 84.5 -> 85), in the grading's name; the history
/// names the assignment; an assignment without a column writes nothing.
TEST_P(AssignmentJournalTest, TheGradeGoesToTheJournalColumn) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto none = Make(TextDraft());
    ASSERT_TRUE(GradeIt(none, HandIn(none, before_), "90").has_value());
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 0);

    const auto id = InColumn("rk1", "60");
    const auto submission = HandIn(id, before_);
    EXPECT_EQ(Mark(journal, "rk1"), -1);  // handed in, not graded
    ASSERT_TRUE(GradeIt(id, submission, "50.7").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 85);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_footprint WHERE action = 'gradebook.assessment_mark'"), 1);
    auto history = gradebook::HistoryOf(auth::SystemPrincipal(), *db_, journal);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->changes.size(), 1U);
    EXPECT_EQ(history->changes[0].source, "assignment:" + std::to_string(id));
    EXPECT_EQ(history->changes[0].source_title, "Essay on normal forms");
    EXPECT_EQ(history->changes[0].by_login, Teacher1().login);
    EXPECT_EQ(history->changes[0].cell, "rk1");
}

/// R-O22: the late penalty is applied before the mark goes to the journal (80 one day late at 10%
/// = 72); a regrade updates the assignment's own mark (90 -> 81).
TEST_P(AssignmentJournalTest, TheLatePenaltyIsApplied) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = InColumn("rk2");
    const auto submission = HandIn(id, due_ + microseconds(1));
    auto graded = GradeIt(id, submission, "80");
    ASSERT_TRUE(graded.has_value());
    EXPECT_EQ(graded->penalty_percent, 10);
    EXPECT_EQ(Mark(journal, "rk2"), 72);
    ASSERT_TRUE(GradeIt(id, submission, "90").has_value());
    EXPECT_EQ(Mark(journal, "rk2"), 81);
    auto history = gradebook::HistoryOf(auth::SystemPrincipal(), *db_, journal);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->changes.size(), 2U);
    EXPECT_EQ(*history->changes[0].old_mark, 72);
    EXPECT_EQ(*history->changes[0].new_mark, 81);
}

/// R-O22: "current" goes to the week of the period the due date falls in (10 October, the period
/// from 1 September: week 6); a work returned for resubmission writes nothing until its next grade.
TEST_P(AssignmentJournalTest, CurrentControlAndReturnedWork) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = InColumn("current");
    const auto submission = HandIn(id, before_);
    ASSERT_TRUE(GradeIt(id, submission, "40", true).has_value());
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 0);
    ASSERT_TRUE(Hand(StudentFull(), id, before_).has_value());
    ASSERT_TRUE(GradeIt(id, submission, "75").has_value());
    EXPECT_EQ(Mark(journal, "w6"), 75);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 1);
}

/// R-O22: a mark typed by hand is never overwritten, by a grading or by the sending; once cleared
/// by hand the sending writes the assignment's mark, and a second sending finds it there.
TEST_P(AssignmentJournalTest, AHandEnteredMarkIsKept) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = InColumn("exam");
    ASSERT_TRUE(Type(journal, "exam", "90").has_value());
    ASSERT_TRUE(GradeIt(id, HandIn(id, before_), "55").has_value());
    EXPECT_EQ(Mark(journal, "exam"), 90);
    auto sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->students, 1);
    EXPECT_EQ(sent->tally.hand, 1);
    EXPECT_EQ(sent->tally.written, 0);
    EXPECT_EQ(Mark(journal, "exam"), 90);
    EXPECT_EQ(Audited("assignments.send_marks"), 1);

    ASSERT_TRUE(Type(journal, "exam", "").has_value());
    sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.written, 1);
    EXPECT_EQ(Mark(journal, "exam"), 55);
    sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.unchanged, 1);
    EXPECT_EQ(Audited("assignments.send_marks"), 3);
}

/// R-O22: without a journal nothing is written and the sending says so; a closed journal is never
/// changed, by a grading or by the sending.
TEST_P(AssignmentJournalTest, AClosedJournalIsNotChanged) {  // R-O22
    if (IsSkipped()) return;
    const auto id = InColumn("rk1");
    const auto submission = HandIn(id, before_);
    ASSERT_TRUE(GradeIt(id, submission, "70").has_value());
    auto sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.no_journal, 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark"), 0);

    const auto journal = OpenJournal(group1_);
    ASSERT_TRUE(gradebook::CloseJournal(auth::SystemPrincipal(), {*db_, Now(), ""}, journal).has_value());
    ASSERT_TRUE(GradeIt(id, submission, "80").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), -1);
    sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->tally.closed, 1);
    EXPECT_EQ(sent->tally.written, 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM gradebook_mark_change"), 0);
}

/// R-O22: only a teacher of the course sends the marks again: a student and the dean's office are
/// refused, another course's teacher finds nothing; an assignment without a column has nothing to
/// send. A refused sending changes nothing and leaves no audit record.
TEST_P(AssignmentJournalTest, OnlyTheCourseTeacherSends) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = InColumn("rk1");
    ASSERT_TRUE(GradeIt(id, HandIn(id, before_), "70").has_value());
    ASSERT_TRUE(Type(journal, "rk1", "").has_value());
    const auto refused = [&](const auth::Principal& who, core::ErrorCode code) {
        auto sent = SendMarksToJournal(who, Ac(), id);
        ASSERT_FALSE(sent.has_value());
        EXPECT_EQ(sent.error().code, code);
    };
    refused(StudentFull(), core::ErrorCode::kForbidden);
    refused(Dean1(), core::ErrorCode::kForbidden);
    refused(Stranger(), core::ErrorCode::kNotFound);
    EXPECT_EQ(Mark(journal, "rk1"), -1);
    EXPECT_EQ(Audited("assignments.send_marks"), 0);
    const auto none = Make(TextDraft());
    auto no_column = SendMarksToJournal(Teacher1(), Ac(), none);
    ASSERT_FALSE(no_column.has_value());
    EXPECT_EQ(no_column.error().message_key, "assignments.journal_no_column");
    ASSERT_TRUE(SendMarksToJournal(Teacher1(), Ac(), id).has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 70);
}

/// R-O22: a group's grade goes to each member's own journal (the two members study in different
/// groups); an individual grade later changes only that member's mark.
TEST_P(AssignmentJournalTest, GroupMembersEachGetTheirMark) {  // R-O22
    if (IsSkipped()) return;
    const auto full = OpenJournal(group1_);
    const auto online = OpenJournal(group_online_);
    const auto id = InColumn("rk1", "100", "individual");
    ASSERT_TRUE(FormGroup(Teacher1(), Ac(), id, "Team A", {student_full_, student_online_}).has_value());
    const auto submission = HandIn(id, before_);
    ASSERT_TRUE(GradeIt(id, submission, "70").has_value());
    EXPECT_EQ(Mark(full, "rk1"), 70);
    EXPECT_EQ(Mark(online, "rk1", student_online_), 70);
    ASSERT_TRUE(GradeSubmission(Teacher1(), Ac(), id, submission,
                                {.mark = "95", .student_id = std::to_string(student_online_)})
                    .has_value());
    EXPECT_EQ(Mark(full, "rk1"), 70);
    EXPECT_EQ(Mark(online, "rk1", student_online_), 95);
    auto sent = SendMarksToJournal(Teacher1(), Ac(), id);
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(sent->students, 2);
    EXPECT_EQ(sent->tally.unchanged, 2);
}

/// R-O22: the mark is written in the grading's transaction: when the grading fails (its audit
/// record cannot be written) the journal has no mark either.
TEST_P(AssignmentJournalTest, AFailedGradingLeavesNoJournalMark) {  // R-O22
    if (IsSkipped()) return;
    const auto journal = OpenJournal(group1_);
    const auto id = InColumn("rk1");
    const auto submission = HandIn(id, before_);
    const auto move_table = [&](const char* from, const char* to) {
        db_->Transact([&](platform::db::Session& s) {
            s.Exec(std::string("ALTER TABLE ") + from + " RENAME TO " + to);
        });
    };
    move_table("audit_log", "audit_log_away");
    EXPECT_ANY_THROW((void)GradeIt(id, submission, "60"));
    move_table("audit_log_away", "audit_log");
    EXPECT_EQ(Mark(journal, "rk1"), -1);
    EXPECT_EQ(Count("assignments_grade"), 0);
    ASSERT_TRUE(GradeIt(id, submission, "60").has_value());
    EXPECT_EQ(Mark(journal, "rk1"), 60);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssignmentJournalTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assignments::testing
