#include "assessment/bank_store.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "platform/db/database.hpp"

namespace oqu::assessment {
namespace {

using platform::db::Row;

constexpr std::array<QuestionType, 8> kTypes{QuestionType::kSingleChoice, QuestionType::kMultipleChoice,
                                             QuestionType::kTrueFalse,    QuestionType::kMatching,
                                             QuestionType::kOrdering,     QuestionType::kShortAnswer,
                                             QuestionType::kNumerical,    QuestionType::kEssay};

std::optional<QuestionType> TypeOf(std::string_view name) {
    for (QuestionType t : kTypes) {
        if (TypeName(t) == name) return t;
    }
    return std::nullopt;
}

TextFormat FormatOf(std::string_view name) {
    if (name == "html") return TextFormat::kHtml;
    if (name == "markdown") return TextFormat::kMarkdown;
    return TextFormat::kPlain;
}

// Columns: q.id, q.category_id, q.version, q.retired, q.type, q.name, q.body, c.name.
constexpr const char* kQuestionColumns =
    "q.id, q.category_id, q.version, q.retired, q.type, q.name, q.body, c.name FROM assessment_question q "
    "JOIN assessment_category c ON c.id = q.category_id";

std::optional<StoredQuestion> QuestionOf(const Row& r) {
    auto body = ParseQuestionJson(r.Text(6));
    auto type = TypeOf(r.Text(4));
    if (!body || !type) return std::nullopt;  // Never written by this module: skipped.
    StoredQuestion s;
    s.id = r.Int(0);
    s.category_id = r.Int(1);
    s.version = static_cast<int>(r.Int(2));
    s.retired = r.Int(3) != 0;
    s.question = std::move(body.value());
    s.question.type = *type;
    s.question.name = r.Text(5);
    s.question.category = r.Text(7);
    return s;
}

constexpr const char* kQuizColumns =
    "id, course_id, week_id, title, intro, opens_at, closes_at, time_limit_seconds, attempts_allowed, "
    "shuffle_questions, shuffle_answers, one_per_page, review, proctored, grade_column, max_mark, published, "
    "created_by, created_at, updated_at FROM assessment_quiz";

}  // namespace

std::optional<QuestionType> ParseTypeName(std::string_view name) {
    return TypeOf(name);
}

std::string QuestionJson(const Question& question) {
    nlohmann::json answers = nlohmann::json::array();
    for (const Answer& a : question.answers) {
        nlohmann::json answer{{"text", a.text},   {"fraction", a.fraction}, {"penalty", a.penalty},
                              {"match", a.match}, {"feedback", a.feedback}, {"tolerance", nullptr}};
        if (a.tolerance) answer["tolerance"] = *a.tolerance;
        answers.push_back(std::move(answer));
    }
    nlohmann::json body{{"text", question.text},
                        {"format", FormatName(question.format)},
                        {"answers", std::move(answers)},
                        {"feedback", question.feedback}};
    return body.dump();
}

core::Result<Question> ParseQuestionJson(std::string_view json) {
    auto bad = [] {
        return core::MakeError(core::ErrorCode::kInvalidInput, "assessment.bank.body_invalid",
                               "question body is not the JSON of a question");
    };
    auto body = nlohmann::json::parse(json, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return bad();
    try {
        Question q;
        q.text = body.value("text", std::string());
        q.format = FormatOf(body.value("format", std::string("plain")));
        q.feedback = body.value("feedback", std::string());
        if (body.contains("answers")) {
            if (!body["answers"].is_array()) return bad();
            for (const auto& a : body["answers"]) {
                if (!a.is_object()) return bad();
                Answer answer;
                answer.text = a.value("text", std::string());
                answer.fraction = a.value("fraction", 0.0);
                answer.penalty = a.value("penalty", 0.0);
                answer.match = a.value("match", std::string());
                answer.feedback = a.value("feedback", std::string());
                if (a.contains("tolerance") && a["tolerance"].is_number()) {
                    answer.tolerance = a["tolerance"].get<double>();
                }
                q.answers.push_back(std::move(answer));
            }
        }
        return q;
    } catch (const nlohmann::json::exception&) {
        return bad();
    }
}

std::vector<StoredQuestion> LoadQuestions(platform::db::Session& session, std::int64_t course_id,
                                          std::span<const std::int64_t> ids) {
    std::vector<StoredQuestion> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto rows =
            session.Query(std::string("SELECT ") + kQuestionColumns + " WHERE q.id = ? AND q.course_id = ?",
                          {id, course_id});
        if (rows.empty()) continue;
        if (auto q = QuestionOf(rows[0])) out.push_back(std::move(*q));
    }
    return out;
}

std::vector<StoredQuestion> CategoryQuestions(platform::db::Session& session, std::int64_t category_id) {
    std::vector<StoredQuestion> out;
    auto rows = session.Query(std::string("SELECT ") + kQuestionColumns +
                                  " WHERE q.category_id = ? AND q.retired = 0 ORDER BY q.id",
                              {category_id});
    for (const Row& r : rows) {
        if (auto q = QuestionOf(r)) out.push_back(std::move(*q));
    }
    return out;
}

std::optional<QuizRow> FindQuiz(platform::db::Session& session, std::int64_t quiz_id) {
    auto rows = session.Query(std::string("SELECT ") + kQuizColumns + " WHERE id = ?", {quiz_id});
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    QuizRow q;
    q.id = r.Int(0);
    q.course_id = r.Int(1);
    q.week_id = r.OptInt(2);
    q.title = r.Text(3);
    q.intro = r.Text(4);
    q.opens_at = core::FromMicros(r.Int(5));
    q.closes_at = core::FromMicros(r.Int(6));
    if (auto limit = r.OptInt(7)) q.time_limit_seconds = static_cast<int>(*limit);
    q.attempts_allowed = static_cast<int>(r.Int(8));
    q.shuffle_questions = r.Int(9) != 0;
    q.shuffle_answers = r.Int(10) != 0;
    q.one_per_page = r.Int(11) != 0;
    q.review = r.Text(12);
    q.proctored = r.Int(13) != 0;
    q.grade_column = r.OptText(14);
    q.max_mark = r.Real(15);
    q.published = r.Int(16) != 0;
    q.created_by = r.Int(17);
    q.created_at = core::FromMicros(r.Int(18));
    q.updated_at = core::FromMicros(r.Int(19));
    return q;
}

std::vector<QuizRule> QuizRules(platform::db::Session& session, std::int64_t quiz_id) {
    std::vector<QuizRule> out;
    auto rows = session.Query(
        "SELECT id, position, question_id, category_id, draw_count, mark FROM assessment_quiz_rule "
        "WHERE quiz_id = ? ORDER BY position, id",
        {quiz_id});
    for (const Row& r : rows) {
        out.push_back({.id = r.Int(0),
                       .position = static_cast<int>(r.Int(1)),
                       .question_id = r.OptInt(2),
                       .category_id = r.OptInt(3),
                       .draw_count = static_cast<int>(r.Int(4)),
                       .mark = r.Real(5)});
    }
    return out;
}

QuizWindow WindowOf(const QuizRow& quiz) {
    QuizWindow w;
    w.opens = quiz.opens_at;
    w.closes = quiz.closes_at;
    if (quiz.time_limit_seconds) {
        w.time_limit = std::chrono::duration_cast<Minutes>(Seconds{*quiz.time_limit_seconds});
    }
    w.attempts_allowed = quiz.attempts_allowed;
    return w;
}

Accommodation AccommodationFor(platform::db::Session& session, std::int64_t quiz_id,
                               std::int64_t student_id) {
    // The quiz's own accommodation first, then the course-wide one; the latest set wins among equals.
    auto rows = session.Query(
        "SELECT a.extra_time_percent, a.closes_at FROM assessment_accommodation a "
        "JOIN assessment_quiz q ON q.course_id = a.course_id "
        "WHERE q.id = ? AND a.student_id = ? AND (a.quiz_id = q.id OR a.quiz_id IS NULL) "
        "ORDER BY CASE WHEN a.quiz_id IS NULL THEN 1 ELSE 0 END, a.set_at DESC, a.id DESC",
        {quiz_id, student_id});
    Accommodation out;
    if (rows.empty()) return out;
    out.extra_time_percent = static_cast<int>(rows[0].Int(0));
    if (auto closes = rows[0].OptInt(1)) out.closes = core::FromMicros(*closes);
    return out;
}

}  // namespace oqu::assessment
