#include "assessment/api.hpp"
#include "assessment/bank.hpp"

namespace oqu::assessment {

core::Result<std::int64_t> CreateQuizFromText(const platform::auth::Principal& actor,
                                              platform::db::Database& db, core::Instant now,
                                              std::int64_t course_id, const QuizFromText& quiz) {
    const BankChange change{db, now, ""};
    const ImportResult read = ReadQuestions(quiz.file_name, quiz.text, ImportFormat::kAuto);
    if (!read.parsed.issues.empty()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "assessment.bank.import_has_errors",
                               read.parsed.issues.front().where);
    }
    auto category = AddCategory(actor, change, course_id, quiz.category, "");
    if (!category) return category.error();
    if (auto saved = CommitImport(actor, change, course_id, *category, read); !saved) return saved.error();
    auto questions = ListQuestions(actor, db, course_id, *category, false);
    if (!questions) return questions.error();
    QuizDraft draft;
    draft.title = quiz.title;
    draft.intro = quiz.intro;
    draft.opens_at = quiz.opens_at;
    draft.closes_at = quiz.closes_at;
    draft.time_limit_minutes = quiz.time_limit_minutes;
    draft.attempts_allowed = quiz.attempts_allowed;
    draft.review = quiz.review;
    draft.grade_column = quiz.grade_column;
    draft.published = quiz.published;
    for (const BankQuestion& q : *questions) {
        draft.rules.push_back({"fixed", std::to_string(q.stored.id), "", "1", quiz.mark});
    }
    return SaveQuiz(actor, change, course_id, std::nullopt, draft);
}

}  // namespace oqu::assessment
