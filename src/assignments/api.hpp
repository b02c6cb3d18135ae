#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assignments/domain/rules.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "gradebook/api.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
namespace jobs {
class JobQueue;
}
}  // namespace oqu::platform

/// Assignments (issue 5 §2; R-O20, R-A4, R-O8.1): written work of a course, optionally of one of
/// its weeks. Students hand in text and/or files until the cut-off, every version is kept and the
/// last submitted one counts; teachers grade with a rubric or a plain mark, the late penalty
/// applied; the dean's office or the course's teachers grant extensions (audited). Every submitted
/// version is queued for the borrowing check in its own transaction (R-O20).
///
/// Rights come from courses::AccessTo: a teacher of the course (`edit`) authors, grades, forms
/// groups and grants extensions; the dean's office (`manage`) reads and grants extensions; a
/// student of the course (`study`) reads and submits his own. Anyone else gets kNotFound. Bad
/// input is kInvalidInput with an "assignments.*" key and nothing is changed.
namespace oqu::assignments {

/// Where and when a change happens.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The server's clock: it decides lateness.
    std::string address;         ///< Client IP for the audit record.
};

/// An assignment as typed (form fields or JSON).
struct AssignmentDraft {
    std::string title;                         ///< 1..300 bytes.
    std::string instructions;                  ///< Markdown, 1..50000 bytes.
    std::string week_id;                       ///< A week of the course, or empty.
    std::string submission_type;               ///< "text", "file", "both".
    std::string file_types;                    ///< "pdf, docx" (file and both only).
    std::string max_file_mb;                   ///< 1..50 (file and both only).
    std::string opens_at, due_at, cutoff_at;   ///< "YYYY-MM-DDTHH:MM" Asia/Almaty; cut-off optional.
    std::string late_policy;                   ///< "penalty", "refuse".
    std::string penalty_per_day, penalty_cap;  ///< Percent 0..100 (penalty policy).
    std::string max_mark;                      ///< 1..1000 for a plain mark; a rubric sets its own.
    std::string rubric;                        ///< The rubric's text form (ParseRubric); empty: plain.
    std::string group_mode;                    ///< "none", "shared", "individual".
    std::string report_visible;                ///< "yes" / "no".
    std::string grade_column;                  ///< "", "current", "rk1", "rk2", "exam" (R-O22).
};

/// How students are grouped.
enum class GroupMode : std::uint8_t {
    kNone,        ///< Each student on his own.
    kShared,      ///< One submission per group, one grade for all.
    kIndividual,  ///< One submission per group, a grade per member.
};

/// An assignment as stored.
struct Assignment {
    std::int64_t id = 0;
    std::int64_t course_id = 0;
    std::optional<std::int64_t> week_id;
    std::string title, instructions;
    std::string submission_type;  ///< "text", "file", "both".
    std::vector<std::string> file_types;
    int max_file_mb = 10;
    Deadlines deadlines;
    LatePolicy late_policy = LatePolicy::kPenalty;
    Penalty penalty;
    double max_mark = 100;
    Rubric rubric;
    GroupMode group_mode = GroupMode::kNone;
    bool report_visible = false;
    /// The e-journal column its marks go to (R-O22): "current", "rk1", "rk2", "exam"; none: not
    /// in the journal.
    std::optional<std::string> grade_column;
};

/// "none", "shared", "individual".
std::string_view GroupModeName(GroupMode mode);

/// Creates an assignment of a course (a teacher of the course, else kForbidden
/// "assignments.not_course_teacher"). kInvalidInput "assignments.title_invalid",
/// "assignments.instructions_invalid", "assignments.week_invalid", "assignments.type_invalid",
/// "assignments.file_types_invalid", "assignments.file_size_invalid", "assignments.dates_invalid",
/// "assignments.policy_invalid", "assignments.penalty_invalid", "assignments.mark_invalid",
/// "assignments.rubric_invalid", "assignments.group_mode_invalid", "assignments.grade_column_invalid".
/// Audited.
core::Result<std::int64_t> CreateAssignment(const platform::auth::Principal& actor, const Change& change,
                                            std::int64_t course_id, const AssignmentDraft& draft);

/// A submission's state as its student sees it.
enum class Status : std::uint8_t { kNone, kDraft, kSubmitted, kLate, kGraded, kReturned };
/// "none", "draft", "submitted", "late", "graded", "returned".
std::string_view StatusName(Status status);

/// An assignment in a course's list, with the actor's own standing when he is a student.
struct AssignmentSummary {
    Assignment assignment;
    std::optional<core::Instant> own_due;  ///< The student's due date (an extension moves it).
    Status own_status = Status::kNone;
    std::optional<double> own_mark;
    int submissions = 0;  ///< For teachers: submitted (non-draft) submissions.
};

/// The assignments of a course the actor may see, due-date order.
core::Result<std::vector<AssignmentSummary>> ListAssignments(const platform::auth::Principal& actor,
                                                             platform::db::Database& db,
                                                             std::int64_t course_id);

/// What the actor may do with an assignment.
struct AssignmentAccess {
    bool grade = false;   ///< A teacher of the course: grades, forms groups, extends.
    bool extend = false;  ///< A teacher or the dean's office.
    bool submit = false;  ///< A student of the course.
};

/// A version of a submission.
struct Version {
    std::int64_t id = 0;  ///< The version's row id (the borrowing check's owner id).
    int number = 0;
    bool final = false;  ///< Submitted (not a draft).
    std::string text;
    std::string file_sha256, file_name, file_type;
    std::int64_t submitted_by = 0;  ///< Student id.
    std::string submitted_by_name;
    core::Instant submitted_at{};
    std::int64_t late_seconds = 0;
    int penalty_percent = 0;
};

/// A grade (one row of the history).
struct Grade {
    std::optional<std::int64_t> student_id;  ///< Individual grade of a group member; else all.
    int version_number = 0;
    std::vector<int> levels;
    double points = 0, mark = 0;
    int penalty_percent = 0;
    std::string feedback, feedback_sha256, feedback_name;
    bool returned = false;
    core::Instant graded_at{};
};

/// A member of a submission (the student, or each member of the group).
struct Member {
    std::int64_t student_id = 0;
    std::string name;
};

/// A submission with everything about it.
struct Submission {
    std::int64_t id = 0;
    std::int64_t assignment_id = 0;
    std::optional<std::int64_t> group_id;
    std::string group_name;
    std::vector<Member> members;
    Status status = Status::kNone;
    std::vector<Version> versions;  ///< Number order.
    std::vector<Grade> grades;      ///< Oldest first; the latest per member counts.
    core::Instant updated_at{};
};

/// The counting (last submitted) version; nullptr when only drafts exist.
const Version* CountingVersion(const Submission& submission);
/// The grade that counts for `student_id` (his individual one, else the whole submission's).
const Grade* CurrentGrade(const Submission& submission, std::int64_t student_id);

/// The assignment as the actor sees it: for a student, his submission (own or his group's) and
/// his due date.
struct AssignmentView {
    Assignment assignment;
    AssignmentAccess access;
    std::optional<std::int64_t> student_id;  ///< The actor as a student.
    std::optional<Submission> own;           ///< The actor's (or his group's) submission.
    std::optional<core::Instant> own_due;    ///< With his extension.
    std::string own_extension_reason;
    std::optional<std::string> group_name;  ///< His group, for a group assignment.
};

/// One assignment; kNotFound when the actor may not see its course.
core::Result<AssignmentView> FindAssignment(const platform::auth::Principal& actor,
                                            platform::db::Database& db, std::int64_t assignment_id);

/// A submission as handed in; the file, if any, is already in the file store.
struct SubmissionDraft {
    std::string text;
    std::string file_sha256, file_name, file_type;  ///< file_type sniffed, never the client's.
    std::uint64_t file_size = 0;
    bool final = true;  ///< false: save as a draft (not counted, not checked).
};

/// What a submission produced.
struct Receipt {
    std::int64_t submission_id = 0;
    int version = 0;
    Timing timing;
    std::optional<std::int64_t> check_id;  ///< The queued borrowing check (final versions).
};

/// A student of the course hands in a version (for a group assignment, his group's). The server's
/// `change.now` decides lateness. kInvalidInput "assignments.text_missing", "assignments.file_missing",
/// "assignments.file_type_invalid", "assignments.file_too_large", "assignments.text_too_long";
/// kRuleViolation "assignments.not_open" / "assignments.closed" (after the cut-off),
/// "assignments.no_group" (a group assignment, not in a group), "assignments.graded" (graded and
/// not returned). R-O20: a final version is queued for the borrowing check in the same transaction.
core::Result<Receipt> Submit(const platform::auth::Principal& actor, const Change& change,
                             platform::jobs::JobQueue& jobs, std::int64_t assignment_id,
                             const SubmissionDraft& draft);

/// A student of the course, with his group of the course (for group forming and extensions).
struct CourseStudent {
    std::int64_t student_id = 0;
    std::string name;
    std::string group_code;
};

/// The students of the assignment's course (teachers and the dean's office).
core::Result<std::vector<CourseStudent>> StudentsOf(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, std::int64_t assignment_id);

/// Forms a group of a group assignment (a teacher of the course): name 1..100 bytes, at least one
/// student of the course, none in another group. kInvalidInput "assignments.group_invalid";
/// kConflict "assignments.group_member_taken". Audited.
core::Result<std::int64_t> FormGroup(const platform::auth::Principal& actor, const Change& change,
                                     std::int64_t assignment_id, std::string_view name,
                                     const std::vector<std::int64_t>& student_ids);

/// A group with its members.
struct GroupRow {
    std::int64_t id = 0;
    std::string name;
    std::vector<Member> members;
};
/// The groups of an assignment (anyone who may see it).
core::Result<std::vector<GroupRow>> GroupsOf(const platform::auth::Principal& actor,
                                             platform::db::Database& db, std::int64_t assignment_id);

/// Grants a student of the course a new due date (a teacher of the course or the dean's office):
/// kInvalidInput "assignments.extension_invalid" (date not after the due date, reason 1..1000
/// bytes, not a student of the course). Audited with the reason.
core::Status GrantExtension(const platform::auth::Principal& actor, const Change& change,
                            std::int64_t assignment_id, std::int64_t student_id, std::string_view due_local,
                            std::string_view reason);

/// An extension in force.
struct Extension {
    std::int64_t student_id = 0;
    std::string name;
    core::Instant due_at{};
    std::string reason;
};
/// The extensions of an assignment (teachers and the dean's office).
core::Result<std::vector<Extension>> ExtensionsOf(const platform::auth::Principal& actor,
                                                  platform::db::Database& db, std::int64_t assignment_id);

/// The submissions of an assignment (teachers of the course and the dean's office), id order.
core::Result<std::vector<Submission>> SubmissionsOf(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, std::int64_t assignment_id);

/// One submission (its teachers, the dean's office, or one of its members).
core::Result<Submission> FindSubmission(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::int64_t assignment_id, std::int64_t submission_id);

/// A grade as typed.
struct GradeDraft {
    std::vector<std::string> levels;  ///< The chosen level index per criterion (rubric).
    std::string mark;                 ///< Points 0..max_mark (plain mark).
    std::string feedback;             ///< Up to 20000 bytes.
    std::string feedback_sha256, feedback_name;
    std::string student_id;  ///< Individual grading: the member; empty: the whole submission.
    bool return_for_resubmission = false;
};

/// Grades the counting version (a teacher of the course); the version's late penalty is applied.
/// Grading again adds a row to the history. kInvalidInput "assignments.levels_invalid",
/// "assignments.mark_invalid", "assignments.feedback_invalid", "assignments.member_invalid";
/// kRuleViolation "assignments.nothing_to_grade". Audited. R-O22: when the assignment has a journal
/// column, each member's grade that now counts (CurrentGrade; not one returned for resubmission)
/// goes to his group's journal in the same transaction (gradebook::RecordAssessmentMark, source
/// "assignment:ID"): the mark after the penalty as gradebook::PercentMark(mark, max_mark).
core::Result<Grade> GradeSubmission(const platform::auth::Principal& actor, const Change& change,
                                    std::int64_t assignment_id, std::int64_t submission_id,
                                    const GradeDraft& draft);

/// R-O22: sets the assignment's journal column ("current", "rk1", "rk2", "exam"; "" for none), a
/// teacher of the course (else kForbidden "assignments.not_course_teacher"; kNotFound for those who
/// may not see it). kInvalidInput "assignments.grade_column_invalid". Audited
/// "assignments.set_journal_column". Marks already in the journal stay where they are: later
/// gradings and sendings write to the new column.
core::Status SetJournalColumn(const platform::auth::Principal& actor, const Change& change,
                              std::int64_t assignment_id, std::string_view column);

/// What one sending to the journal did, per student.
using JournalTally = gradebook::AssessmentTally;

/// What "send the marks to the journal again" did.
struct SentMarks {
    int students = 0;  ///< Students with a grade that counts.
    JournalTally tally;
};

/// R-O22: sends every student's counting grade of the assignment to the journal again (a teacher
/// of the course, else kForbidden "assignments.not_course_teacher"; kNotFound for those who may not
/// see it), in one transaction, audited ("assignments.send_marks" with the counts). Never over a
/// typed mark, never into a closed journal. kConflict "assignments.journal_no_column" when the
/// assignment has no journal column.
core::Result<SentMarks> SendMarksToJournal(const platform::auth::Principal& actor, const Change& change,
                                           std::int64_t assignment_id);

/// Whether the file (a version's or a feedback file) belongs to a submission the actor may see;
/// its sniffed type and name, kNotFound otherwise.
struct FileInfo {
    std::string type, name;
};
core::Result<FileInfo> SubmissionFile(const platform::auth::Principal& actor, platform::db::Database& db,
                                      std::int64_t assignment_id, std::string_view sha256);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::assignments
