#pragma once

// The question bank of a course and quiz authoring (issue 5 §3, R-A5, R-A7): the use cases behind
// /courses/{id}/questions and /courses/{id}/quizzes. Module-internal (the routes and tests use it).
//
// Teachers of the course (courses::AccessTo(...).edit) change the bank and the quizzes; staff who
// see the course (the dean's office with courses:view) read them; the course's teachers and the
// dean's office (courses:manage) set accommodations. Anyone who may not see the course gets
// kNotFound, a student of the course kForbidden. Each change is one transaction with an audit act.
// Bad input is kInvalidInput with an "assessment.bank.*" / "assessment.quiz.*" key; nothing changes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/api.hpp"
#include "assessment/bank_store.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform::db {
class Database;
}  // namespace oqu::platform::db

namespace oqu::assessment {

/// Where and when a change happens.
struct BankChange {
    platform::db::Database& db;
    core::Instant now{};
    std::string address;  ///< Client IP for the audit record.
};

/// What the actor may do with a course's bank and quizzes.
struct BankRights {
    bool read = false;         ///< See the bank and quizzes.
    bool edit = false;         ///< A teacher of the course: change them.
    bool accommodate = false;  ///< Set accommodations (a teacher of the course or courses:manage).
    bool grade = false;        ///< Open the grading pages (the same: a teacher or courses:manage).
};
/// kNotFound when the actor may not see the course; kForbidden for a student of it.
core::Result<BankRights> RightsOn(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t course_id);

// --- categories ---------------------------------------------------------------------------------

struct Category {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string name;
    std::string path;  ///< "Week 3 / Sorting".
    int depth = 0;
    int questions = 0;  ///< Not retired.
    bool removable = false;
};
/// The categories of a course in tree order (requires read).
core::Result<std::vector<Category>> ListCategories(const platform::auth::Principal& actor,
                                                   platform::db::Database& db, std::int64_t course_id);
/// Adds a category under `parent` ("" for the top). kInvalidInput "assessment.bank.name_required",
/// kConflict "assessment.bank.category_exists".
core::Result<std::int64_t> AddCategory(const platform::auth::Principal& actor, const BankChange& change,
                                       std::int64_t course_id, std::string_view name,
                                       std::string_view parent);
core::Status RenameCategory(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t category_id, std::string_view name);
/// Only an empty category: kConflict "assessment.bank.category_not_empty".
core::Status RemoveCategory(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t category_id);

// --- questions ----------------------------------------------------------------------------------

/// One answer row of the question form; fraction in percent ("100", "50", "-25" a penalty).
struct AnswerDraft {
    std::string text, fraction, match, tolerance, feedback;
};
/// A question as typed in the form.
struct QuestionDraft {
    std::string type;  ///< TypeName.
    std::string name, text, format, feedback;
    std::string right;                 ///< true_false: "true" or "false".
    std::vector<AnswerDraft> answers;  ///< Blank rows are skipped.
};
/// The question a draft describes and its problems (translated keys of domain Issue).
struct BuiltQuestion {
    Question question;
    std::vector<Issue> issues;
};
BuiltQuestion BuildQuestion(const QuestionDraft& draft);

/// A question with its place in the bank.
struct BankQuestion {
    StoredQuestion stored;
    std::string category_path;
};
/// The questions of a course (of one category if given), id order; retired ones when asked.
core::Result<std::vector<BankQuestion>> ListQuestions(const platform::auth::Principal& actor,
                                                      platform::db::Database& db, std::int64_t course_id,
                                                      std::optional<std::int64_t> category_id,
                                                      bool with_retired);
core::Result<BankQuestion> FindQuestion(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::int64_t course_id, std::int64_t question_id);
/// kInvalidInput with the first issue's key when the draft has problems.
core::Result<std::int64_t> AddQuestion(const platform::auth::Principal& actor, const BankChange& change,
                                       std::int64_t course_id, std::int64_t category_id,
                                       const QuestionDraft& draft);
/// Replaces the question and bumps its version (the type stays).
core::Status EditQuestion(const platform::auth::Principal& actor, const BankChange& change,
                          std::int64_t course_id, std::int64_t question_id, const QuestionDraft& draft);
core::Status RetireQuestion(const platform::auth::Principal& actor, const BankChange& change,
                            std::int64_t course_id, std::int64_t question_id, bool retired);
core::Status MoveQuestion(const platform::auth::Principal& actor, const BankChange& change,
                          std::int64_t course_id, std::int64_t question_id, std::int64_t category_id);

// --- import and export --------------------------------------------------------------------------

/// Saves every question of an import into `category_id` (a question's own category path, e.g.
/// from $CATEGORY, becomes sub-categories of it, created as needed), in one transaction. A result
/// with any issue or no question is refused (kInvalidInput "assessment.bank.import_has_errors" /
/// "assessment.import.no_questions") and nothing changes. Returns the number saved.
core::Result<int> CommitImport(const platform::auth::Principal& actor, const BankChange& change,
                               std::int64_t course_id, std::int64_t category_id, const ImportResult& result);
/// Moodle XML of a category (with its sub-categories) or, category nullopt, of the whole bank;
/// retired questions are left out.
core::Result<std::string> ExportBank(const platform::auth::Principal& actor, platform::db::Database& db,
                                     std::int64_t course_id, std::optional<std::int64_t> category_id);

// --- quizzes ------------------------------------------------------------------------------------

/// A rule as typed: kind "fixed" (question_id) or "draw" (category_id, count); mark per question.
struct RuleDraft {
    std::string kind, question_id, category_id, count, mark;
};
/// A quiz as typed. Times "YYYY-MM-DDTHH:MM" in Kazakhstan time (datetime-local fields).
struct QuizDraft {
    std::string title, intro, week_id, opens_at, closes_at, time_limit_minutes, attempts_allowed;
    bool shuffle_questions = false, shuffle_answers = false, one_per_page = false, proctored = false,
         published = false;
    std::string review, grade_column;
    std::vector<RuleDraft> rules;  ///< Blank rows are skipped.
};
/// Every problem of a draft (empty: valid). Keys "assessment.quiz.*", the field in `detail`.
std::vector<core::Error> CheckQuiz(platform::db::Database& db, std::int64_t course_id,
                                   const QuizDraft& draft);
/// Creates (quiz_id nullopt) or changes a quiz. kInvalidInput with the first problem of CheckQuiz;
/// kConflict "assessment.quiz.rules_locked" when the rules would change after attempts began.
core::Result<std::int64_t> SaveQuiz(const platform::auth::Principal& actor, const BankChange& change,
                                    std::int64_t course_id, std::optional<std::int64_t> quiz_id,
                                    const QuizDraft& draft);
/// The quizzes of a course, opening order (requires read).
core::Result<std::vector<QuizRow>> ListQuizzes(const platform::auth::Principal& actor,
                                               platform::db::Database& db, std::int64_t course_id);
/// A quiz of the course with its rules (kNotFound for another course's quiz).
struct QuizDetail {
    QuizRow quiz;
    std::vector<QuizRule> rules;
    bool attempts_begun = false;
};
core::Result<QuizDetail> FindQuizOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t course_id, std::int64_t quiz_id);
/// True when a student has started the quiz (assessment_attempt, schema 0002).
bool AttemptsBegun(platform::db::Session& session, std::int64_t quiz_id);

/// "YYYY-MM-DDTHH:MM" in Kazakhstan time (UTC+5) as an instant; nullopt when malformed.
std::optional<core::Instant> ParseLocalMinute(std::string_view text);
/// An instant as "YYYY-MM-DDTHH:MM" in Kazakhstan time.
std::string FormatLocalMinute(core::Instant t);

// --- accommodations (R-A7) ----------------------------------------------------------------------

struct AccommodationDraft {
    std::string student_id, quiz_id;  ///< quiz_id "" for every quiz of the course.
    std::string extra_time_percent, closes_at, reason;
};
struct AccommodationRow {
    std::int64_t id = 0;
    std::int64_t student_id = 0;
    std::string student_name;
    std::optional<std::int64_t> quiz_id;
    std::string quiz_title;
    int extra_time_percent = 0;
    std::optional<core::Instant> closes_at;
    std::string reason;
    core::Instant set_at{};
};
/// A student of the course's groups: (id, "Surname Name · group").
struct CourseStudent {
    std::int64_t id = 0;
    std::string label;
};
std::vector<CourseStudent> StudentsOfCourse(platform::db::Database& db, std::int64_t course_id);
core::Result<std::vector<AccommodationRow>> ListAccommodations(const platform::auth::Principal& actor,
                                                               platform::db::Database& db,
                                                               std::int64_t course_id);
/// Sets (replaces the same student's for the same quiz) an accommodation; audited
/// "assessment.accommodation_set". kInvalidInput "assessment.quiz.student_invalid",
/// "assessment.quiz.extra_time_invalid", "assessment.quiz.reason_required", ...
core::Result<std::int64_t> SetAccommodation(const platform::auth::Principal& actor, const BankChange& change,
                                            std::int64_t course_id, const AccommodationDraft& draft);
/// Removes one; audited "assessment.accommodation_removed".
core::Status RemoveAccommodation(const platform::auth::Principal& actor, const BankChange& change,
                                 std::int64_t course_id, std::int64_t accommodation_id);

}  // namespace oqu::assessment
