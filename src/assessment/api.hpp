#pragma once

// The assessment module's interface to other modules and to the command line: the question
// importers (R-A5) — Moodle XML, GIFT, Aiken and the Kazakhstan text format — with the
// per-question problems a preview shows before anything is saved, and a quiz made from a question
// file (the demo's). The question bank, quizzes and attempts are used through the module's pages
// and JSON API (docs/QUIZZES.md); a graded quiz's mark reaches the gradebook by itself.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assessment/domain/question.hpp"  // IWYU pragma: export
#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/web/language.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace auth {
struct Principal;
}  // namespace auth
namespace db {
class Database;
}  // namespace db
}  // namespace oqu::platform
namespace oqu::platform::web {
class Strings;
}  // namespace oqu::platform::web

namespace oqu::assessment {

/// What an import read: the format actually used and the parse result.
struct ImportResult {
    ImportFormat format = ImportFormat::kAuto;
    ParseResult parsed;
};

/// Reads an uploaded file's bytes in `format` (kAuto: detected from `file_name` and content).
/// The bytes are decoded first (UTF-8, UTF-16 with BOM, Windows-1251); a file that cannot be
/// read is one issue, never an exception. Pure of side effects: nothing is saved.
ImportResult ReadQuestions(std::string_view file_name, std::string_view bytes, ImportFormat format);

/// The stable JSON of `oqu questions import --dry-run` (docs/CLI.md):
/// {"questions": [{"type", "text", "answers": [{"text", "fraction"}]}], "errors": [{"where",
/// "message"}]} with extra fields ("format", "name", "category", "text_format", "feedback" on a
/// question; "match", "tolerance", "penalty", "feedback" on an answer when set; "key" on an error).
nlohmann::json ResultJson(const ImportResult& result, const platform::web::Strings& strings,
                          platform::web::Language lang);

/// A quiz made in one go from a question file (the demo seeds one this way): the questions are
/// imported into a new top-level category `category` of the course's bank and each becomes a
/// fixed rule worth `mark` points. Times "YYYY-MM-DDTHH:MM" in Kazakhstan time.
struct QuizFromText {
    std::string category;
    std::string file_name;  ///< For the format's detection ("questions.gift").
    std::string text;       ///< The questions (any import format).
    std::string title, intro, opens_at, closes_at, time_limit_minutes, attempts_allowed;
    std::string review = "after_submit";
    std::string grade_column;  ///< "current", "rk1", "rk2", "exam" or "" (not in the journal).
    std::string mark = "1";    ///< Points per question.
    bool published = true;
};

/// Imports the questions and saves the quiz as a teacher of the course would (the same checks
/// and audit acts; `actor` must teach the course). kInvalidInput when the file has a problem or
/// the quiz is invalid. Returns the quiz's id.
core::Result<std::int64_t> CreateQuizFromText(const platform::auth::Principal& actor,
                                              platform::db::Database& db, core::Instant now,
                                              std::int64_t course_id, const QuizFromText& quiz);

/// Declares the module (its strings) and `oqu questions import|convert`.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::assessment
