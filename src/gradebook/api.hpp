#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "gradebook/domain/grading.hpp"
#include "gradebook/domain/journal.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
class Session;
}  // namespace db
}  // namespace oqu::platform

/// The e-journal and attestation (R-O22, R-D9): one journal per study group, curriculum
/// discipline and academic period, with weekly current-control marks, RK1, RK2, the admission
/// rating, the exam (and the re-exam of an FX), the final mark, its letter and GPA points; the
/// weights of the institution's academic policy are stored on each journal. Transcripts with the
/// GPA and exam sheets (ведомость). Other modules use only this header.
///
/// Every function takes the acting principal first. A journal's scope path is the group's
/// {institution, faculty, programme}: outside it a journal is kNotFound. Teachers enter marks
/// within the scope of their grant, and only in the journals of the courses they teach once
/// courses installs its check (SetJournalTeacherCheck). The dean's office enters marks too,
/// closes a journal, and alone changes a mark after the closing, with a reason (audited). A
/// student sees only his own marks; the curator (adviser) of a group sees its journals. Each
/// change is one transaction with a footprint event; administrative acts are audited.
namespace oqu::gradebook {

/// Where and when a change happens.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

/// A journal: group × discipline × period, with the policy it is graded by.
struct Journal {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::int64_t discipline_id = 0;
    std::int64_t period_id = 0;
    std::int64_t faculty_id = 0;    ///< Of the group's programme.
    std::int64_t programme_id = 0;  ///< The group's programme.
    std::string group_code;         ///< "ИС-26-1".
    std::string discipline_code;    ///< "IS 2201".
    std::string discipline_kk, discipline_ru, discipline_en;
    int credits = 0;           ///< ECTS of the discipline.
    std::string period_kind;   ///< "semester1", "semester2", "summer".
    std::string period_start;  ///< ISO day.
    std::string period_end;    ///< ISO day.
    int weeks = kDefaultWeeks;
    Policy policy;        ///< Weights and minimums in force for this journal.
    bool closed = false;  ///< Closed by the dean's office: changes need a reason.
    std::optional<core::Instant> closed_at;
};

/// A journal to open, as typed (ids as text).
struct JournalDraft {
    std::string group_id;
    std::string discipline_id;
    std::string period_id;
    std::string weeks;  ///< "1".."30"; empty: 15.
};

/// Opens the journal of a group's discipline in a period with the institution's policy
/// (gradebook:enter_marks on the group's scope). The discipline must belong to a curriculum of
/// the group's programme. kInvalidInput "gradebook.<field>_invalid" (detail names the field),
/// kConflict "gradebook.journal_exists" when that journal is open already.
core::Result<std::int64_t> OpenJournal(const platform::auth::Principal& actor, const Change& change,
                                       const JournalDraft& draft, const Policy& policy = {});

/// One option of the "open a journal" form.
struct Choice {
    std::int64_t id = 0;
    std::string code;    ///< Group or discipline code; a period's kind ("semester1").
    std::string detail;  ///< A discipline's semester; a period's "2026-2027: 2026-09-01 – 2027-01-10".
    std::string name_kk, name_ru, name_en;  ///< A discipline's names.
};

/// What the "open a journal" form offers.
struct JournalChoices {
    std::vector<Choice> groups;            ///< Groups in whose scope the actor may enter marks, code order.
    std::optional<std::int64_t> group_id;  ///< The chosen group, when it is one of them.
    std::vector<Choice> disciplines;       ///< The chosen group's curriculum (its admission year's).
    std::vector<Choice> periods;           ///< Periods of every academic year, newest first.
};

/// The choices of the form, for a chosen group or none; kForbidden without gradebook:enter_marks.
core::Result<JournalChoices> ChoicesFor(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::optional<std::int64_t> group_id);

/// Sets the weights of a journal within the policy's bounds (CheckWeights), for a course's own
/// assessment policy (gradebook:manage_journal). kConflict "gradebook.journal_closed" when closed.
core::Status SetJournalWeights(const platform::auth::Principal& actor, const Change& change,
                               std::int64_t journal_id, const Weights& weights);

/// Whether the teacher signed in as `actor` teaches the group's discipline in the period (a
/// higher module, courses, knows; gradebook does not depend on it).
using JournalTeacherCheck =
    std::function<bool(const platform::auth::Principal& actor, platform::db::Database& db,
                       std::int64_t group_id, std::int64_t discipline_id, std::int64_t period_id)>;
/// Installs the check (courses does, at registration; thread-safe, before serving): from then on a
/// teacher enters marks only in the journals it accepts (kForbidden "gradebook.not_journal_teacher");
/// the dean's office is not narrowed. Without a check the grant's scope decides.
void SetJournalTeacherCheck(JournalTeacherCheck check);

/// For a course's assessment policy (courses::SetWeights), in the caller's transaction: sets
/// `weights` (already checked with CheckWeights) on the open journals of these groups in the
/// discipline and period, each audited as "gradebook.set_weights" with the course id. Closed
/// journals keep theirs. Returns the ids of the journals changed.
std::vector<std::int64_t> ApplyCourseWeights(platform::db::Session& session,
                                             const platform::auth::Principal& actor, const Change& change,
                                             std::int64_t course_id,
                                             const std::vector<std::int64_t>& group_ids,
                                             std::int64_t discipline_id, std::int64_t period_id,
                                             const Weights& weights);

/// Filters of the journal list.
struct JournalQuery {
    std::optional<std::int64_t> group_id;
    bool curated = false;  ///< Only the groups the actor curates.
};

/// The journals the actor may see (gradebook:view_journal, or the curator of the group), by
/// period, group and discipline code.
std::vector<Journal> ListJournals(const platform::auth::Principal& actor, platform::db::Database& db,
                                  const JournalQuery& query = {});

/// One journal; kNotFound when absent or not visible.
core::Result<Journal> FindJournal(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t id);

/// One student's line of a journal.
struct SheetRow {
    std::int64_t student_id = 0;
    std::string name;            ///< "Surname Given Patronymic".
    std::string student_number;  ///< Зачётная книжка.
    bool in_group = true;        ///< False for a student who left the group but has marks in it.
    Row marks;
    RowResult result;
};

/// A journal with its students (the group's, then others with marks), surname order.
struct Sheet {
    Journal journal;
    std::vector<SheetRow> rows;
    bool can_enter = false;    ///< The actor may enter marks now (open journal, or dean's office).
    bool can_close = false;    ///< The actor may close it (dean's office, open journal).
    bool can_history = false;  ///< The actor may read its history of changes (HistoryOf).
};

/// The journal with every row and result; kNotFound when not visible.
core::Result<Sheet> LoadSheet(const platform::auth::Principal& actor, platform::db::Database& db,
                              std::int64_t journal_id);

/// One mark to enter, as typed.
struct MarkEntry {
    std::int64_t student_id = 0;
    std::string cell;    ///< CellCode: "w3", "rk1", "rk2", "exam", "reexam".
    std::string mark;    ///< "0".."100", or "" to clear.
    std::string reason;  ///< Needed after the closing.
};

/// An idempotent save from the grid script: a client id per page load and a rising sequence
/// number. A repeated (client, seq) is not applied again; it answers the cell as it stands.
struct SaveKey {
    std::string client;  ///< 8..64 characters [0-9a-zA-Z_-].
    std::int64_t seq = 0;
};

/// What a save did.
struct Saved {
    bool changed = false;    ///< The mark differed and was written.
    bool duplicate = false;  ///< The (client, seq) was seen before: nothing was applied.
    std::optional<int> mark;
    RowResult result;  ///< The student's row after the save.
};

/// Enters (or clears) marks (gradebook:enter_marks on the journal's scope), all or nothing: the
/// first invalid entry refuses them all (kInvalidInput "gradebook.mark_range" / "gradebook.cell_invalid"
/// / "gradebook.student_invalid", detail names the entry index). After the closing only the
/// dean's office (gradebook:manage_journal) may, with a reason (kInvalidInput
/// "gradebook.reason_required"), else kForbidden "gradebook.journal_closed"; each such change is
/// audited (platform::audit::RecordAct). Every change is a footprint event. A re-exam mark only
/// after an FX (kRuleViolation "gradebook.reexam_not_allowed"). Returns one Saved per entry.
core::Result<std::vector<Saved>> EnterMarks(const platform::auth::Principal& actor, const Change& change,
                                            std::int64_t journal_id, const std::vector<MarkEntry>& entries,
                                            const std::optional<SaveKey>& key = std::nullopt);

/// One change of a mark, newest first in a history.
struct MarkChange {
    std::int64_t student_id = 0;
    std::string student_name;  ///< "Surname Given Patronymic"; empty when the record is gone.
    std::string cell;          ///< CellCode: "w3", "rk1", ...
    std::optional<int> old_mark, new_mark;
    core::Instant at{};
    std::int64_t by_user_id = 0;
    std::string by_login;      ///< Empty for changes recorded before the login was kept.
    bool after_close = false;  ///< Made by the dean's office after the closing, with `reason`.
    std::string reason;
    std::string source;        ///< "quiz:12" when an assessment wrote it (RecordAssessmentMark); "" typed.
    std::string source_title;  ///< The assessment's title then (a quiz's title).
};

/// A journal's history of mark changes.
struct History {
    Journal journal;
    std::vector<MarkChange> changes;  ///< Newest first.
};

/// The history of a journal (who, when, old -> new, reason): the dean's office
/// (gradebook:manage_journal) and the teachers who enter its marks; kForbidden for others who
/// see the journal, kNotFound for the rest.
core::Result<History> HistoryOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                std::int64_t journal_id);

/// A mark that an assessment of a higher module (a quiz of the testing system) gives a student,
/// for his journal. Gradebook depends on neither: the caller knows the student's group (people)
/// and the discipline, period and period start of the course (courses).
struct AssessmentMark {
    std::int64_t student_id = 0;
    std::int64_t group_id = 0;  ///< The student's group now: its journal receives the mark.
    std::int64_t discipline_id = 0;
    std::int64_t period_id = 0;
    std::string period_start;  ///< ISO day of the period's first day (for the week of "current").
    std::string column;        ///< "current", "rk1", "rk2" or "exam".
    core::Instant at{};        ///< For "current": the week of the period this falls in (Asia/Almaty day).
    int mark = 0;              ///< 0..100 (PercentMark).
    std::string source;        ///< The source's stable key: "quiz:12".
    std::string source_title;  ///< Shown in the journal's history: the quiz's title.
};

/// What RecordAssessmentMark did.
enum class AssessmentOutcome {
    kWritten,      ///< The cell was empty or last written by this source, and now holds the mark.
    kUnchanged,    ///< The cell already held this mark from this source.
    kClosed,       ///< The journal is closed: nothing changed (the dean's office may enter it by hand).
    kHandEntered,  ///< The cell holds a mark typed in the journal (or from another source): kept.
    kNoJournal,    ///< No journal of the group's discipline in the period, or a bad column: nothing.
};

/// What one sending of an assessment's marks to the journal did (a quiz's or an assignment's
/// "send the marks to the journal again"): the outcomes of RecordAssessmentMark, counted.
struct AssessmentTally {
    int written = 0;     ///< Marks written or updated.
    int unchanged = 0;   ///< The journal held this mark from this source already.
    int closed = 0;      ///< Skipped: the journal is closed.
    int hand = 0;        ///< Skipped: a mark typed by hand (or from another source) is in the cell.
    int no_journal = 0;  ///< Skipped: no journal of the student's group (or no group).
    void Add(AssessmentOutcome outcome);
};

/// The outcome, the journal and the cell (CellCode) when one was found.
struct AssessmentRecorded {
    AssessmentOutcome outcome = AssessmentOutcome::kNoJournal;
    std::optional<std::int64_t> journal_id;
    std::string cell;
};

/// Points scored of `max_points` as a journal mark 0..100: points / max * 100 rounded half up
/// (84.5 -> 85), clamped to 0..100; 0 when max_points is not positive.
int PercentMark(double points, double max_points);

/// True for the columns an assessment's marks may go to: "current", "rk1", "rk2", "exam" (what a
/// quiz's or an assignment's settings accept).
bool IsAssessmentColumn(std::string_view column);

/// The journal cell of an assessment column: "rk1", "rk2", "exam" as they are; "current" the week
/// of the period that `at` falls in ((Kazakhstan day of `at` - period start) / 7 + 1), clamped to
/// 1..weeks ("w1".."wN"). Empty for any other column or an unreadable period start.
std::string AssessmentCell(std::string_view column, core::Instant at, std::string_view period_start,
                           int weeks);

/// Records a mark from an assessment in the caller's transaction (R-O22): finds the journal of
/// (group, discipline, period), locks it, picks the cell (AssessmentCell) and writes the mark when
/// the journal is open and the cell is empty, cleared, or last written by the same source; a mark
/// typed by a teacher or the dean's office is never overwritten (kHandEntered), a closed journal
/// never changed (kClosed). A write is a history row naming the source (HistoryOf shows it) and a
/// footprint event "gradebook.assessment_mark" by `actor` (the system for automatic grading). No
/// permission check: the caller decided that the mark is due (its grading is the act).
AssessmentRecorded RecordAssessmentMark(platform::db::Session& session,
                                        const platform::auth::Principal& actor, core::Instant now,
                                        std::string_view address, const AssessmentMark& mark);

/// Closes a journal (gradebook:manage_journal), audited. kConflict "gradebook.journal_closed" when
/// it is closed already.
core::Status CloseJournal(const platform::auth::Principal& actor, const Change& change,
                          std::int64_t journal_id);

/// One discipline of a student's record.
struct TranscriptLine {
    Journal journal;
    Row marks;
    RowResult result;
};

/// A student's marks over all journals, and the GPA of the disciplines with a final mark.
struct Transcript {
    std::int64_t student_id = 0;
    std::string name;
    std::string student_number;
    std::string group_code;
    std::string programme_code;
    std::vector<TranscriptLine> lines;  ///< Period then discipline code order.
    int credits = 0;                    ///< Credits of the lines with a final mark.
    double gpa = 0.0;                   ///< Gpa() of those lines.
};

/// A student's transcript: the student himself, gradebook:view_journal on his scope, or the
/// curator of his group; kNotFound otherwise.
core::Result<Transcript> TranscriptOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                      std::int64_t student_id);

/// The student record linked to the actor's account; kNotFound "gradebook.not_a_student" when none.
core::Result<std::int64_t> OwnStudentId(const platform::auth::Principal& actor, platform::db::Database& db);

/// Whether the gradebook's migrations have run in `db` (a partial setup, such as another
/// module's test database, has no gradebook tables; `oqu demo` then makes no journals).
bool SchemaInstalled(platform::db::Database& db);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::gradebook
