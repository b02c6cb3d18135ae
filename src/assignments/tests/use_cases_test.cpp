#include <gtest/gtest.h>

#include "assignments/support.hpp"
#include "assignments/tests/fixture.hpp"

namespace oqu::assignments::testing {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;

class AssignmentTest : public AssignmentsDbTest {
protected:
    std::int64_t Rows(const std::string& table) { return Count(table); }
    std::int64_t Jobs(const std::string& kind) {
        return db_->Read([&](platform::db::Session& s) {
            return s.Query("SELECT COUNT(*) FROM jobs_job WHERE kind = ?", {kind})[0].Int(0);
        });
    }
    const core::Instant due_ = Local("2026-10-10T23:59");
    const core::Instant cutoff_ = Local("2026-10-15T23:59");
    const core::Instant before_ = Local("2026-10-05T12:00");
};

/// Only a teacher of the course creates; each bad field gets its message and nothing is stored;
/// the creation is audited.
TEST_P(AssignmentTest, CreatedByTheCourseTeacherWithCheckedFields) {
    if (IsSkipped()) return;
    const auto refused = [&](const AssignmentDraft& d, const char* key) {
        auto id = CreateAssignment(Teacher1(), Ac(), course_, d);
        ASSERT_FALSE(id.has_value()) << key;
        EXPECT_EQ(id.error().message_key, key);
    };
    AssignmentDraft d = TextDraft();
    d.title = " ";
    refused(d, "assignments.title_invalid");
    d = TextDraft();
    d.submission_type = "file";
    d.file_types = "pdf, exe";
    d.max_file_mb = "10";
    refused(d, "assignments.file_types_invalid");
    d.file_types = "pdf";
    d.max_file_mb = "51";
    refused(d, "assignments.file_size_invalid");
    d = TextDraft();
    d.cutoff_at = "2026-10-09T00:00";
    refused(d, "assignments.dates_invalid");
    d = TextDraft();
    d.penalty_per_day = "101";
    refused(d, "assignments.penalty_invalid");
    d = TextDraft();
    d.rubric = "Content | Good: 5";
    refused(d, "assignments.rubric_invalid");
    d = TextDraft();
    d.week_id = "999";
    refused(d, "assignments.week_invalid");
    EXPECT_EQ(Rows("assignments_assignment"), 0);
    auto student = CreateAssignment(StudentFull(), Ac(), course_, TextDraft());
    ASSERT_FALSE(student.has_value());
    EXPECT_EQ(student.error().code, core::ErrorCode::kForbidden);
    const std::int64_t id = Make(TextDraft());
    EXPECT_EQ(Audited("assignments.create"), 1);
    auto list = ListAssignments(StudentFull(), *db_, course_);
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->size(), 1U);
    EXPECT_EQ(list->front().assignment.id, id);
    EXPECT_EQ(list->front().own_status, Status::kNone);
}

/// Another course's teacher and student get 404 for its assignments, submissions and grading; a
/// student of the course may not grade.
TEST_P(AssignmentTest, AnotherCoursesPeopleGetNotFound) {
    if (IsSkipped()) return;
    const std::int64_t mine = Make(TextDraft());
    const std::int64_t other = Make(TextDraft(), other_course_);
    ASSERT_TRUE(Hand(StudentFull(), mine, before_).has_value());
    const auto not_found = [](const auto& result) {
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, core::ErrorCode::kNotFound);
    };
    not_found(FindAssignment(Teacher1(), *db_, other));
    not_found(SubmissionsOf(Teacher1(), *db_, other));
    not_found(ListAssignments(StudentFull(), *db_, other_course_));
    not_found(FindAssignment(StudentOnline(), *db_, other));
    not_found(Hand(StudentFull(), other, before_));
    not_found(FindAssignment(Dean2(), *db_, mine));
    not_found(FindAssignment(Stranger(), *db_, mine));
    not_found(ListAssignments(Stranger(), *db_, course_));
    const auto submissions = SubmissionsOf(Teacher1(), *db_, mine);
    ASSERT_TRUE(submissions.has_value());
    ASSERT_EQ(submissions->size(), 1U);
    const std::int64_t submission = submissions->front().id;
    not_found(GradeSubmission(Stranger(), Ac(), mine, submission, {.mark = "50"}));
    not_found(GradeSubmission(Stranger(), Ac(), other, submission, {.mark = "50"}));
    not_found(FindSubmission(StudentOnline(), *db_, mine, submission));
    auto by_student = GradeSubmission(StudentFull(), Ac(), mine, submission, {.mark = "50"});
    ASSERT_FALSE(by_student.has_value());
    EXPECT_EQ(by_student.error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(Rows("assignments_grade"), 0);
}

/// A submitted version is queued for the borrowing check in the submitting transaction; a draft
/// is not.
TEST_P(AssignmentTest, SubmissionIsQueuedForTheBorrowingCheck) {  // R-O20
    if (IsSkipped()) return;
    const std::int64_t id = Make(TextDraft());
    SubmissionDraft draft;
    draft.text = "A draft.";
    draft.final = false;
    ASSERT_TRUE(Submit(StudentFull(), When(before_), *jobs_, id, draft).has_value());
    EXPECT_EQ(Jobs("integrity.check"), 0);
    auto receipt = Hand(StudentFull(), id, before_);
    ASSERT_TRUE(receipt.has_value());
    EXPECT_EQ(receipt->version, 2);
    EXPECT_EQ(Jobs("integrity.check"), 1);
    ASSERT_TRUE(Hand(StudentFull(), id, before_ + hours(1)).has_value());
    EXPECT_EQ(Jobs("integrity.check"), 2);  // every submitted version is checked
    // The integrity module recorded one queued check per submitted version, with its text.
    const auto checks = db_->Read([&](platform::db::Session& s) {
        return s.Query("SELECT owner_kind, owner_id, body, status FROM integrity_check ORDER BY id");
    });
    ASSERT_EQ(checks.size(), 2U);
    EXPECT_EQ(checks[0].Text(0), "assignment");
    EXPECT_NE(checks[0].Int(1), checks[1].Int(1));
    EXPECT_NE(checks[1].Text(2).find("third normal form"), std::string::npos);
    EXPECT_EQ(checks[1].Text(3), "queued");
    // The grading view reads the check's state through the integrity module.
    auto info = detail::CheckOf(*db_, checks[1].Int(1));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->status, "queued");
    EXPECT_EQ(info->report_href.rfind("/integrity/checks/", 0), 0U);
}

/// A failure after the version is written (here the job queue's table is gone) rolls the whole
/// submission back: no submission, no version, no footprint.
TEST_P(AssignmentTest, FailedLaterStepRollsBackTheWholeSubmission) {  // R-O20
    if (IsSkipped()) return;
    const std::int64_t id = Make(TextDraft());
    db_->Transact([&](platform::db::Session& s) { s.ExecScript("DROP TABLE jobs_job"); });
    EXPECT_THROW((void)Hand(StudentFull(), id, before_), std::exception);
    EXPECT_EQ(Rows("assignments_submission"), 0);
    EXPECT_EQ(Rows("assignments_version"), 0);
}

/// An accepted submission is in the database for the next process.
TEST_P(AssignmentTest, AcceptedSubmissionSurvivesAReopen) {
    if (IsSkipped() || !Shared()) return;
    const std::int64_t id = Make(TextDraft());
    ASSERT_TRUE(Hand(StudentFull(), id, before_, "Kept across restarts.").has_value());
    jobs_.reset();
    db_.reset();
    db_ = Open();
    jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
    auto view = FindAssignment(StudentFull(), *db_, id);
    ASSERT_TRUE(view.has_value());
    ASSERT_TRUE(view->own.has_value());
    ASSERT_EQ(view->own->versions.size(), 1U);
    EXPECT_EQ(view->own->versions[0].text, "Kept across restarts.");
    EXPECT_EQ(view->own->status, Status::kSubmitted);
}

/// The server's clock: on time at the due date, one day late a microsecond after it (10%), the
/// cap, accepted at the cut-off and refused after it with nothing changed; the penalty is applied
/// to the grade.
TEST_P(AssignmentTest, LatenessAndPenaltyAtTheBoundaries) {
    if (IsSkipped()) return;
    const std::int64_t id = Make(TextDraft());
    auto on_time = Hand(StudentFull(), id, due_);
    ASSERT_TRUE(on_time.has_value());
    EXPECT_EQ(on_time->timing.late_seconds, 0);
    auto late = Hand(StudentFull(), id, due_ + microseconds(1));
    ASSERT_TRUE(late.has_value());
    EXPECT_EQ(late->timing.late_days, 1);
    EXPECT_EQ(late->timing.penalty_percent, 10);
    auto at_cutoff = Hand(StudentFull(), id, cutoff_);
    ASSERT_TRUE(at_cutoff.has_value());
    EXPECT_EQ(at_cutoff->timing.penalty_percent, 30);  // 5 days, capped at 30%
    auto closed = Hand(StudentFull(), id, cutoff_ + microseconds(1));
    ASSERT_FALSE(closed.has_value());
    EXPECT_EQ(closed.error().message_key, "assignments.closed");
    EXPECT_EQ(Rows("assignments_version"), 3);
    auto view = FindAssignment(StudentFull(), *db_, id);
    ASSERT_TRUE(view.has_value() && view->own.has_value());
    EXPECT_EQ(view->own->status, Status::kLate);
    auto graded = GradeSubmission(Teacher1(), Ac(), id, view->own->id, {.mark = "80"});
    ASSERT_TRUE(graded.has_value());
    EXPECT_EQ(graded->penalty_percent, 30);
    EXPECT_DOUBLE_EQ(graded->mark, 56);
    auto early = Hand(StudentOnline(), id, Local("2026-09-01T08:59"));
    ASSERT_FALSE(early.has_value());
    EXPECT_EQ(early.error().message_key, "assignments.not_open");
}

/// An extension (the dean's office or the teacher) moves the student's due date and is audited;
/// a student cannot grant one; a date before the due date changes nothing.
TEST_P(AssignmentTest, ExtensionIsAuditedAndMovesTheDueDate) {
    if (IsSkipped()) return;
    const std::int64_t id = Make(TextDraft());
    auto bad = GrantExtension(Dean1(), Ac(), id, student_full_, "2026-10-09T10:00", "Illness");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "assignments.extension_invalid");
    auto by_student = GrantExtension(StudentFull(), Ac(), id, student_full_, "2026-10-20T10:00", "Me");
    ASSERT_FALSE(by_student.has_value());
    EXPECT_EQ(by_student.error().code, core::ErrorCode::kForbidden);
    auto stranger = GrantExtension(Dean1(), Ac(), id, student1_, "2026-10-20T10:00", "Not in the course");
    ASSERT_FALSE(stranger.has_value());
    EXPECT_EQ(Audited("assignments.grant_extension"), 0);
    ASSERT_TRUE(
        GrantExtension(Dean1(), Ac(), id, student_full_, "2026-10-20T10:00", "Illness, certificate 12")
            .has_value());
    EXPECT_EQ(Audited("assignments.grant_extension"), 1);
    const auto detail = db_->Read([&](platform::db::Session& s) {
        return s.Query("SELECT detail FROM audit_log WHERE action = 'assignments.grant_extension'")[0].Text(
            0);
    });
    EXPECT_NE(detail.find("certificate 12"), std::string::npos);
    auto extended = Hand(StudentFull(), id, Local("2026-10-18T10:00"));
    ASSERT_TRUE(extended.has_value());
    EXPECT_EQ(extended->timing.late_seconds, 0);
    // The other student has no extension: past the cut-off he is refused, before it he is late.
    EXPECT_EQ(Hand(StudentOnline(), id, Local("2026-10-18T10:00")).error().message_key, "assignments.closed");
    auto other = Hand(StudentOnline(), id, Local("2026-10-12T10:00"));
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->timing.penalty_percent, 20);
    auto list = ExtensionsOf(Teacher1(), *db_, id);
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->size(), 1U);
    EXPECT_EQ(list->front().reason, "Illness, certificate 12");
}

/// Rubric grading sums the chosen levels; a regrade is kept in the history; a graded work is closed
/// until returned, then takes a new version.
TEST_P(AssignmentTest, RubricSumsAndGradeHistory) {
    if (IsSkipped()) return;
    AssignmentDraft d = TextDraft();
    d.rubric = "Content | Excellent: 50 | Good: 30 | Weak: 10\nStyle | Clear: 20 | Unclear: 7.5";
    const std::int64_t id = Make(d);
    ASSERT_TRUE(Hand(StudentFull(), id, before_).has_value());
    const auto own = FindAssignment(StudentFull(), *db_, id)->own;
    ASSERT_TRUE(own.has_value());
    auto wrong = GradeSubmission(Teacher1(), Ac(), id, own->id, {.levels = {"0"}});
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().message_key, "assignments.levels_invalid");
    auto first =
        GradeSubmission(Teacher1(), Ac(), id, own->id, {.levels = {"1", "1"}, .feedback = "Good start."});
    ASSERT_TRUE(first.has_value());
    EXPECT_DOUBLE_EQ(first->points, 37.5);
    EXPECT_DOUBLE_EQ(first->mark, 37.5);
    auto refused = Hand(StudentFull(), id, before_ + hours(1));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "assignments.graded");
    auto returned =
        GradeSubmission(Teacher1(), Ac(), id, own->id,
                        {.levels = {"1", "1"}, .feedback = "Add examples.", .return_for_resubmission = true});
    ASSERT_TRUE(returned.has_value());
    ASSERT_TRUE(Hand(StudentFull(), id, before_ + hours(2), "With examples.").has_value());
    auto second = GradeSubmission(Teacher1(), Ac(), id, own->id, {.levels = {"0", "0"}});
    ASSERT_TRUE(second.has_value());
    EXPECT_DOUBLE_EQ(second->mark, 70);
    EXPECT_EQ(second->version_number, 2);
    auto after = FindSubmission(Teacher1(), *db_, id, own->id);
    ASSERT_TRUE(after.has_value());
    ASSERT_EQ(after->grades.size(), 3U);
    EXPECT_DOUBLE_EQ(after->grades[0].mark, 37.5);
    EXPECT_TRUE(after->grades[1].returned);
    EXPECT_EQ(after->status, Status::kGraded);
    EXPECT_EQ(Audited("assignments.grade"), 2);
    EXPECT_EQ(Audited("assignments.return"), 1);
}

/// Every version is kept and the last submitted one counts.
TEST_P(AssignmentTest, ResubmissionKeepsEveryVersion) {
    if (IsSkipped()) return;
    const std::int64_t id = Make(TextDraft());
    for (int i = 1; i <= 3; ++i) {
        auto r = Hand(StudentFull(), id, before_ + hours(i), "Version " + std::to_string(i));
        ASSERT_TRUE(r.has_value());
        EXPECT_EQ(r->version, i);
    }
    SubmissionDraft draft;
    draft.text = "Unfinished fourth.";
    draft.final = false;
    ASSERT_TRUE(Submit(StudentFull(), When(before_ + hours(5)), *jobs_, id, draft).has_value());
    auto view = FindAssignment(StudentFull(), *db_, id);
    ASSERT_TRUE(view.has_value() && view->own.has_value());
    ASSERT_EQ(view->own->versions.size(), 4U);
    EXPECT_EQ(view->own->versions[0].text, "Version 1");
    const Version* counting = CountingVersion(*view->own);
    ASSERT_NE(counting, nullptr);
    EXPECT_EQ(counting->text, "Version 3");
    EXPECT_EQ(view->own->status, Status::kSubmitted);
}

/// Bad input gets its message and changes nothing.
TEST_P(AssignmentTest, BadInputChangesNothing) {
    if (IsSkipped()) return;
    const std::int64_t text_id = Make(TextDraft());
    auto empty = Hand(StudentFull(), text_id, before_, "  \n");
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().message_key, "assignments.text_missing");
    AssignmentDraft d = TextDraft();
    d.submission_type = "file";
    d.file_types = "pdf";
    d.max_file_mb = "1";
    const std::int64_t file_id = Make(d);
    SubmissionDraft f;
    f.file_sha256 = std::string(64, 'a');
    f.file_name = "essay.exe";
    f.file_type = "application/x-dosexec";
    f.file_size = 100;
    auto wrong = Submit(StudentFull(), When(before_), *jobs_, file_id, f);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().message_key, "assignments.file_type_invalid");
    f.file_name = "essay.pdf";  // a PDF by name only: the sniffed type decides
    f.file_type = "text/plain";
    EXPECT_EQ(Submit(StudentFull(), When(before_), *jobs_, file_id, f).error().message_key,
              "assignments.file_type_invalid");
    f.file_type = "application/pdf";
    f.file_size = (1u << 20) + 1;
    EXPECT_EQ(Submit(StudentFull(), When(before_), *jobs_, file_id, f).error().message_key,
              "assignments.file_too_large");
    EXPECT_EQ(Submit(StudentFull(), When(before_), *jobs_, file_id, {}).error().message_key,
              "assignments.file_missing");
    EXPECT_EQ(Rows("assignments_submission"), 0);
    EXPECT_EQ(Rows("assignments_version"), 0);
    f.file_size = 1u << 20;
    ASSERT_TRUE(Submit(StudentFull(), When(before_), *jobs_, file_id, f).has_value());
}

/// A group assignment: the teacher forms a group; one member hands in and every member sees the
/// same submission and the shared grade; a student outside every group is told so.
TEST_P(AssignmentTest, GroupSubmissionIsVisibleToEveryMember) {
    if (IsSkipped()) return;
    AssignmentDraft d = TextDraft();
    d.group_mode = "shared";
    const std::int64_t id = Make(d);
    auto outside = Hand(StudentFull(), id, before_);
    ASSERT_FALSE(outside.has_value());
    EXPECT_EQ(outside.error().message_key, "assignments.no_group");
    EXPECT_EQ(FormGroup(StudentFull(), Ac(), id, "A", {student_full_}).error().code,
              core::ErrorCode::kForbidden);
    EXPECT_EQ(FormGroup(Teacher1(), Ac(), id, "A", {student1_}).error().message_key,
              "assignments.group_invalid");
    auto group = FormGroup(Teacher1(), Ac(), id, "Team A", {student_full_, student_online_});
    ASSERT_TRUE(group.has_value());
    EXPECT_EQ(FormGroup(Teacher1(), Ac(), id, "Team B", {student_online_}).error().message_key,
              "assignments.group_member_taken");
    ASSERT_TRUE(Hand(StudentFull(), id, before_, "Our joint report.").has_value());
    auto other = FindAssignment(StudentOnline(), *db_, id);
    ASSERT_TRUE(other.has_value() && other->own.has_value());
    EXPECT_EQ(other->group_name.value_or(""), "Team A");
    ASSERT_EQ(other->own->versions.size(), 1U);
    EXPECT_EQ(other->own->versions[0].text, "Our joint report.");
    EXPECT_EQ(other->own->versions[0].submitted_by, student_full_);
    EXPECT_EQ(other->own->members.size(), 2U);
    ASSERT_TRUE(GradeSubmission(Teacher1(), Ac(), id, other->own->id, {.mark = "90"}).has_value());
    for (const auto& who : {StudentFull(), StudentOnline()}) {
        auto view = FindAssignment(who, *db_, id);
        ASSERT_TRUE(view.has_value() && view->own.has_value());
        const Grade* g = CurrentGrade(*view->own, *view->student_id);
        ASSERT_NE(g, nullptr);
        EXPECT_DOUBLE_EQ(g->mark, 90);
    }
    EXPECT_EQ(SubmissionsOf(Teacher1(), *db_, id)->size(), 1U);
}

/// Individual grading of a group: each member's own grade counts for him.
TEST_P(AssignmentTest, IndividualGradesInAGroup) {
    if (IsSkipped()) return;
    AssignmentDraft d = TextDraft();
    d.group_mode = "individual";
    const std::int64_t id = Make(d);
    ASSERT_TRUE(FormGroup(Teacher1(), Ac(), id, "Team A", {student_full_, student_online_}).has_value());
    ASSERT_TRUE(Hand(StudentOnline(), id, before_).has_value());
    const std::int64_t submission = FindAssignment(StudentOnline(), *db_, id)->own->id;
    ASSERT_TRUE(GradeSubmission(Teacher1(), Ac(), id, submission,
                                {.mark = "60", .student_id = std::to_string(student_full_)})
                    .has_value());
    ASSERT_TRUE(GradeSubmission(Teacher1(), Ac(), id, submission,
                                {.mark = "95", .student_id = std::to_string(student_online_)})
                    .has_value());
    EXPECT_EQ(GradeSubmission(Teacher1(), Ac(), id, submission,
                              {.mark = "95", .student_id = std::to_string(student1_)})
                  .error()
                  .message_key,
              "assignments.member_invalid");
    const auto full = FindAssignment(StudentFull(), *db_, id);
    EXPECT_DOUBLE_EQ(CurrentGrade(*full->own, student_full_)->mark, 60);
    EXPECT_DOUBLE_EQ(CurrentGrade(*full->own, student_online_)->mark, 95);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssignmentTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assignments::testing
