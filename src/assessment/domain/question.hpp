#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Questions of a course's bank as the importers read them (R-A5): the types of the testing
/// system, answers with their share of the mark, and the per-question problems a preview shows
/// before anything is saved. Pure: no I/O, no clock.
namespace oqu::assessment {

/// The question types of the testing system. Names (TypeName) are the stable JSON interface.
enum class QuestionType : std::uint8_t {
    kSingleChoice,    ///< One right answer among variants.
    kMultipleChoice,  ///< Several answers carry shares of the mark.
    kTrueFalse,       ///< "true" / "false".
    kMatching,        ///< Pairs: each answer's text matches its `match`.
    kOrdering,        ///< The answers in the right order.
    kShortAnswer,     ///< Typed text compared with the accepted answers.
    kNumerical,       ///< A number within a tolerance of an accepted value.
    kEssay,           ///< Free text graded by hand.
};

/// "single_choice", "multiple_choice", "true_false", "matching", "ordering", "short_answer",
/// "numerical", "essay".
std::string_view TypeName(QuestionType type);

/// Markup of a question's text: as typed, HTML (Moodle XML, GIFT [html]) or Markdown.
enum class TextFormat : std::uint8_t { kPlain, kHtml, kMarkdown };

/// "plain", "html", "markdown".
std::string_view FormatName(TextFormat format);

/// One answer (variant) of a question.
struct Answer {
    std::string text;
    double fraction = 0.0;            ///< Share of the mark, 0..1.
    double penalty = 0.0;             ///< Share taken off when chosen (a negative Moodle/GIFT weight), 0..1.
    std::string match;                ///< Matching: the right-hand item this answer pairs with.
    std::optional<double> tolerance;  ///< Numerical: accepted error around the value in `text`.
    std::string feedback;
};

/// A question as imported.
struct Question {
    QuestionType type = QuestionType::kSingleChoice;
    std::string name;      ///< Title if the format has one (GIFT ::title::, Moodle <name>).
    std::string category;  ///< Bank category ("Week 3/Sorting"), empty for the import's default.
    std::string text;
    TextFormat format = TextFormat::kPlain;
    std::vector<Answer> answers;
    std::string feedback;  ///< General feedback shown after the attempt.
    int line = 0;          ///< 1-based line of the file where the question starts (0: unknown).
};

/// A problem with one question or line; the preview lists it, the import refuses the file.
struct Issue {
    std::string where;  ///< "line 12", "question 3 (Sorting)".
    std::string key;    ///< Message key ("assessment.import.no_right_answer").
    std::vector<std::pair<std::string, std::string>> args;
};

/// What an importer read from a file: the questions and every problem found.
struct ParseResult {
    std::vector<Question> questions;
    std::vector<Issue> issues;
};

/// The import formats. Names (FormatOf/ImportFormatName) are the command line's --format values.
enum class ImportFormat : std::uint8_t { kAuto, kMoodleXml, kGift, kAiken, kKzText };

/// "auto", "moodle-xml", "gift", "aiken", "kz-text".
std::string_view ImportFormatName(ImportFormat format);
/// The format named `name`, if any.
std::optional<ImportFormat> ParseImportFormat(std::string_view name);

/// The format of a file from its name (".xml", ".gift", ".txt") and content: Moodle XML starts
/// with "<?xml" or "<quiz"; the Kazakhstan text format has <question> and <variant> tags; Aiken
/// has "ANSWER: X" lines; anything else is read as GIFT.
ImportFormat DetectFormat(std::string_view file_name, std::string_view text);

/// Checks the questions every importer produced: text present, a choice question has a right
/// answer, shares add up, matching has pairs ... Appends issues; returns nothing.
void ValidateQuestions(const std::vector<Question>& questions, std::vector<Issue>& issues);

/// GIFT, Moodle's text format (docs.moodle.org/en/GIFT_format): comments, ::titles::,
/// $CATEGORY:, [html]/[markdown] markup, {T}/{F}, {=right ~wrong}, weights %50%, matching
/// {=a -> b}, numerical {#3.14:0.01} / {#1..5}, short answer {=a =b}, essay {}, feedback #...,
/// and the escapes \~ \= \# \{ \} \:.
ParseResult ParseGift(std::string_view text);

/// Aiken: a question line, variants "A." or "A)", then "ANSWER: B".
ParseResult ParseAiken(std::string_view text);

/// The plain-text format of Kazakhstan's academic systems: "<question>" then the text, each
/// variant after "<variant>"; the first variant is right unless some are marked
/// "<variantright>" (then those are, several making a multiple-choice question). Tags in any
/// case; Cyrillic and Latin text alike.
ParseResult ParseKzText(std::string_view text);

}  // namespace oqu::assessment
