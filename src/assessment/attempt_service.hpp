#pragma once

// The attempts of the testing system (issue 5 §3, R-A5, R-A7) and their grading: the use cases
// behind the attempt API and pages. Internal to the assessment module. The server's clock is the
// only timer (every function takes `now`); each state change is one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/bank_store.hpp"
#include "assessment/domain/attempt.hpp"
#include "assessment/domain/question.hpp"
#include "assessment/domain/scoring.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform::auth {
struct Principal;
}
namespace oqu::platform::db {
class Database;
class Session;
}  // namespace oqu::platform::db
namespace oqu::platform::jobs {
class JobQueue;
}

namespace oqu::assessment {

class JournalSync;

/// The job kind that submits an attempt at its deadline; payload {"attempt": id}.
inline constexpr std::string_view kDeadlineJob = "assessment.attempt_deadline";

/// One question of an attempt as it was shown (the snapshot) with the latest saved answer.
struct AttemptSlot {
    int slot = 0;  ///< 1-based position in the attempt.
    std::int64_t question_id = 0;
    int question_version = 1;
    Question question;                ///< Type and body as they were when the attempt started.
    double mark = 0.0;                ///< Points the question is worth.
    std::vector<int> answer_order;    ///< Shown order of the answers (choice, ordering) or of the
                                      ///< right-hand items (matching): indexes into question.answers.
    std::optional<std::int64_t> seq;  ///< Sequence number of the stored answer.
    std::optional<std::string> response_json;  ///< The stored answer (see ParseResponse).
    std::optional<double> share;               ///< Share of the mark earned; none until graded.
    std::string comment;                       ///< The teacher's comment (essays).
    /// True for an essay waiting for the teacher.
    bool awaiting_grade() const { return question.type == QuestionType::kEssay && !share.has_value(); }
};

/// An attempt with its snapshot.
struct Attempt {
    std::int64_t id = 0;
    std::int64_t quiz_id = 0;
    std::int64_t course_id = 0;
    std::int64_t student_id = 0;
    int number = 1;
    std::string state;  ///< "in_progress", "submitted", "graded".
    core::Instant started_at{};
    core::Instant deadline{};
    std::optional<core::Instant> submitted_at;
    std::string submitted_by;  ///< "student", "server" or "" while in progress.
    std::optional<double> mark;
    double max_mark = 0.0;
    std::vector<AttemptSlot> slots;
};

/// The outcome of a start request.
struct Started {
    Attempt attempt;
    bool created = false;  ///< False: the open attempt was resumed.
};

/// Starts (or resumes) the actor's attempt at a published quiz (domain DecideStart): the actor must
/// be a student of the quiz's course (else kNotFound "web.error_404"). A new attempt draws its
/// questions per rule with a per-attempt seed, shuffles as the quiz says, keeps the snapshot, and
/// enqueues the deadline job in the same transaction. kConflict "assessment.attempt.not_open_yet" /
/// "assessment.attempt.closed" / "assessment.attempt.no_attempts" / "assessment.attempt.empty_quiz".
core::Result<Started> StartAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                   platform::jobs::JobQueue& jobs, std::int64_t quiz_id, core::Instant now);

/// The attempt as its student, a teacher of the course or the course's dean's office sees it
/// (closed lazily first when its deadline passed); kNotFound otherwise.
core::Result<Attempt> GetAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, core::Instant now);

/// The attempt as GetAttempt, for its own student only (the pages of taking it); kNotFound for
/// anyone else.
core::Result<Attempt> OwnAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, core::Instant now);

/// What a save did.
struct Saved {
    int slot = 0;
    std::int64_t seq = 0;  ///< The stored sequence number after the save.
    SaveDecision decision = SaveDecision::kApply;
    core::Instant deadline{};
};

/// Saves the student's answer to one slot with its sequence number (domain DecideSave): a seq not
/// above the stored one changes nothing. kNotFound (not his attempt or no such slot), kInvalidInput
/// "assessment.attempt.response_invalid", kConflict "assessment.attempt.closed" after the deadline.
core::Result<Saved> SaveResponse(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, int slot, std::int64_t seq,
                                 std::string_view response_json, core::Instant now);

/// The student submits: graded automatically (essays wait for the teacher). Submitting a submitted
/// attempt again returns it unchanged.
core::Result<Attempt> SubmitAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t attempt_id, core::Instant now);

/// The deadline job: submits the attempt with what was saved when it is due (DueForAutoSubmit);
/// returns true when this call submitted it. Idempotent. When the attempt is not due yet (a clock
/// ahead of the job's run_at), enqueues itself again for the due time.
core::Result<bool> CloseIfDue(platform::db::Database& db, platform::jobs::JobQueue& jobs,
                              std::int64_t attempt_id, core::Instant now);

/// The JSON of a response in the API's shape for a question type: {"chosen": [answer ids]}
/// (single, multiple choice, true/false; ids are 1-based answer indexes), {"pairs": {"id": "right
/// item"}} (matching), {"order": [ids]} (ordering), {"text": "..."} (short answer, numerical,
/// essay). kInvalidInput "assessment.attempt.response_invalid" when malformed or naming no answer.
core::Result<Response> ParseResponse(const Question& question, std::string_view response_json);

// ----- the student's view of a quiz ----------------------------------------------------------

/// What the student's quiz page shows.
struct StudentQuiz {
    QuizRow quiz;
    Accommodation accommodation;
    std::vector<Attempt> attempts;     ///< His attempts (without snapshots), number order.
    std::optional<int> attempts_left;  ///< None: unlimited.
    StartDecision decision = StartDecision::kStart;
    core::Instant deadline_if_started{};  ///< The deadline a start now would get.
};

/// The quiz as its student sees it (published quizzes of his course only, else kNotFound);
/// closes his expired attempts lazily.
core::Result<StudentQuiz> StudentQuizOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::int64_t quiz_id, core::Instant now);

/// True when the quiz's review option lets the student see his graded answers now.
bool ReviewOpen(const QuizRow& quiz, const Accommodation& accommodation, const Attempt& attempt,
                core::Instant now);

// ----- grading (teachers of the course) -----------------------------------------------------

/// A line of the grading list.
struct GradingRow {
    Attempt attempt;  ///< Without snapshot slots.
    std::string student_name;
    int essays_waiting = 0;
};

/// The quiz and its attempts for grading: a teacher of the course (edit) or its dean's office
/// (manage, read only); kNotFound otherwise.
struct Grading {
    QuizRow quiz;
    bool can_grade = false;
    std::vector<GradingRow> rows;  ///< Submitted and graded attempts, student then number order.
    int in_progress = 0;
};
core::Result<Grading> GradingOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                std::int64_t quiz_id, core::Instant now);

/// Whether the actor may grade (a teacher of the course) or only view the attempt's grading.
core::Result<bool> CanGrade(const platform::auth::Principal& actor, platform::db::Database& db,
                            std::int64_t course_id);

/// The teacher marks one essay: points 0..slot mark and a comment. The attempt becomes graded when
/// no essay waits. kInvalidInput "assessment.grading.mark_range"; kConflict
/// "assessment.grading.not_submitted"; kNotFound. Audited ("assessment.grade_essay").
core::Status GradeEssay(const platform::auth::Principal& actor, platform::db::Database& db,
                        std::int64_t attempt_id, int slot, double points, std::string_view comment,
                        core::Instant now, std::string_view address);

/// What a regrade did.
struct Regraded {
    int attempts = 0;       ///< Submitted or graded attempts looked at.
    int slots_updated = 0;  ///< Questions whose key was taken from the bank's newer version.
    int marks_changed = 0;  ///< Attempts whose mark changed.
};

/// Re-scores every submitted attempt of the quiz with the current key of its questions (the bank's
/// latest version, where newer than the snapshot), keeping the answers; essays keep their marks.
/// A teacher of the course only; audited ("assessment.regrade").
core::Result<Regraded> RegradeQuiz(const platform::auth::Principal& actor, platform::db::Database& db,
                                   std::int64_t quiz_id, core::Instant now, std::string_view address);

/// Item analysis of one question of a quiz.
struct ItemRow {
    std::int64_t question_id = 0;
    std::string name;                      ///< The question's name, or the start of its text.
    std::string type;                      ///< TypeName.
    int responses = 0;                     ///< Graded attempts that had the question.
    double facility = 0;                   ///< Mean share earned, 0..1 (the difficulty index).
    std::optional<double> discrimination;  ///< Corrected item-total (point-biserial) correlation.
};

/// The item analysis of a quiz over its graded attempts: for each question (first slot order),
/// the facility index and the correlation of its score with the rest of the attempt. Teachers of
/// the course and its dean's office; kNotFound otherwise.
struct ItemAnalysis {
    QuizRow quiz;
    int attempts = 0;
    std::vector<ItemRow> items;
};
core::Result<ItemAnalysis> AnalyseQuiz(const platform::auth::Principal& actor, platform::db::Database& db,
                                       std::int64_t quiz_id);

/// The item statistics of questions from per-attempt scores: `scores[a]` maps each question the
/// attempt had to its share; the rest of the attempt is the sum of its other shares. Pure.
std::vector<ItemRow> ItemStatisticsOf(
    const std::vector<std::vector<std::pair<std::int64_t, double>>>& scores);

namespace detail {

/// The attempt `id` (with its snapshot and answers when `with_slots`), if it exists.
std::optional<Attempt> LoadAttempt(platform::db::Session& session, std::int64_t id, bool with_slots);
/// Loads the snapshot slots and the latest answers of `attempt`.
void LoadSlots(platform::db::Session& session, Attempt& attempt);
/// A student's attempts at a quiz (without slots), number order.
std::vector<Attempt> AttemptsOf(platform::db::Session& session, std::int64_t quiz_id,
                                std::int64_t student_id);
/// The share the slot's saved answer earns; nullopt for an answered essay (the teacher grades it).
std::optional<double> ScoreSlot(const AttemptSlot& slot);
/// Stores the sum of the graded slots' points as the mark; graded when no essay waits.
void StoreMark(platform::db::Session& session, Attempt& attempt, core::Instant now);
/// Submits the attempt with what was saved when its deadline and grace passed; true when it did.
/// A graded attempt's mark goes to the journal through `sync` (JournalSync::Graded).
bool CloseExpired(platform::db::Session& session, Attempt& attempt, core::Instant now,
                  JournalSync* sync = nullptr);

}  // namespace detail

}  // namespace oqu::assessment
