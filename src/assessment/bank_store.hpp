#pragma once

// The stored question bank and quiz settings (issue 5 §3, R-A5, R-A7): plain functions on a
// db::Session (the caller's transaction) over the tables of schema/0001. The bank's use cases
// (bank.hpp) check permissions; these functions do not. The attempts part reads quizzes, rules,
// questions and accommodations through them.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/domain/attempt.hpp"
#include "assessment/domain/question.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform::db {
class Session;
}  // namespace oqu::platform::db

namespace oqu::assessment {

/// The stored JSON of a question's body: {"text", "format", "answers": [{"text", "fraction",
/// "penalty", "match", "tolerance", "feedback"}], "feedback"} (the type and name are columns).
std::string QuestionJson(const Question& question);
/// The type named `name` ("single_choice" ... "essay", as TypeName), if any.
std::optional<QuestionType> ParseTypeName(std::string_view name);
/// Reads a body written by QuestionJson (type and name stay default: the caller sets them).
/// kInvalidInput "assessment.bank.body_invalid" when the JSON is not such a body.
core::Result<Question> ParseQuestionJson(std::string_view json);

/// A question of the bank as stored.
struct StoredQuestion {
    std::int64_t id = 0;
    std::int64_t category_id = 0;
    int version = 1;
    bool retired = false;
    Question question;  ///< Type, name and body; `category` is the category's name.
};

/// The questions `ids` of course `course_id` (others are skipped), in the order of `ids`.
std::vector<StoredQuestion> LoadQuestions(platform::db::Session& session, std::int64_t course_id,
                                          std::span<const std::int64_t> ids);
/// The questions of a category that are not retired, id order.
std::vector<StoredQuestion> CategoryQuestions(platform::db::Session& session, std::int64_t category_id);

/// A quiz as stored (times in UTC).
struct QuizRow {
    std::int64_t id = 0;
    std::int64_t course_id = 0;
    std::optional<std::int64_t> week_id;
    std::string title;
    std::string intro;
    core::Instant opens_at{};
    core::Instant closes_at{};
    std::optional<int> time_limit_seconds;
    int attempts_allowed = 1;  ///< 0: unlimited.
    bool shuffle_questions = false;
    bool shuffle_answers = false;
    bool one_per_page = false;
    std::string review = "after_close";  ///< "never", "after_submit", "after_close".
    bool proctored = false;
    std::optional<std::string> grade_column;  ///< "current", "rk1", "rk2", "exam".
    double max_mark = 0.0;                    ///< The sum of the rules' marks.
    bool published = false;
    std::int64_t created_by = 0;
    core::Instant created_at{};
    core::Instant updated_at{};
};

/// The quiz `quiz_id`, if it exists.
std::optional<QuizRow> FindQuiz(platform::db::Session& session, std::int64_t quiz_id);

/// A rule of a quiz: a fixed question, or a random draw of `draw_count` from a category.
struct QuizRule {
    std::int64_t id = 0;
    int position = 0;
    std::optional<std::int64_t> question_id;
    std::optional<std::int64_t> category_id;
    int draw_count = 1;
    double mark = 1.0;  ///< Per question.
};

/// The rules of a quiz in position order.
std::vector<QuizRule> QuizRules(platform::db::Session& session, std::int64_t quiz_id);

/// The window of a quiz for the attempt rules (domain/attempt.hpp).
QuizWindow WindowOf(const QuizRow& quiz);

/// The accommodation of `student_id` for the quiz: the one set for this quiz, else the one set for
/// every quiz of its course, else none (zero extra time, no later closing).
Accommodation AccommodationFor(platform::db::Session& session, std::int64_t quiz_id, std::int64_t student_id);

}  // namespace oqu::assessment
