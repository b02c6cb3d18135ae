#pragma once

// The assessment module's interface to other modules and to the command line: for now the
// question importers (R-A5) — Moodle XML, GIFT, Aiken and the Kazakhstan text format — with the
// per-question problems a preview shows before anything is saved. The question bank, quizzes
// and attempts come with the courses module (issue 5).
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assessment/domain/question.hpp"  // IWYU pragma: export
#include "platform/web/language.hpp"

namespace oqu::platform {
class ModuleRegistry;
}
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

/// Declares the module (its strings) and `oqu questions import|convert`.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::assessment
