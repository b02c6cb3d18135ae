#include <map>

#include <nlohmann/json.hpp>

#include "assessment/api.hpp"
#include "assessment/decode.hpp"
#include "assessment/moodle_xml.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment {

ImportResult ReadQuestions(std::string_view file_name, std::string_view bytes, ImportFormat format) {
    ImportResult result{.format = format, .parsed = {}};
    auto text = DecodeQuestionFile(bytes);
    if (!text) {
        result.parsed.issues.push_back({"line 1", text.error().message_key, {}});
        return result;
    }
    if (format == ImportFormat::kAuto) result.format = DetectFormat(file_name, text.value());
    switch (result.format) {
        case ImportFormat::kMoodleXml:
            result.parsed = ParseMoodleXml(text.value());
            break;
        case ImportFormat::kAiken:
            result.parsed = ParseAiken(text.value());
            break;
        case ImportFormat::kKzText:
            result.parsed = ParseKzText(text.value());
            break;
        case ImportFormat::kGift:
        case ImportFormat::kAuto:
            result.parsed = ParseGift(text.value());
            break;
    }
    return result;
}

nlohmann::json ResultJson(const ImportResult& result, const platform::web::Strings& strings,
                          platform::web::Language lang) {
    nlohmann::json questions = nlohmann::json::array();
    for (const Question& q : result.parsed.questions) {
        nlohmann::json answers = nlohmann::json::array();
        for (const Answer& a : q.answers) {
            nlohmann::json answer{{"text", a.text}, {"fraction", a.fraction}};
            if (!a.match.empty()) answer["match"] = a.match;
            if (a.tolerance) answer["tolerance"] = *a.tolerance;
            if (a.penalty > 0) answer["penalty"] = a.penalty;
            if (!a.feedback.empty()) answer["feedback"] = a.feedback;
            answers.push_back(std::move(answer));
        }
        nlohmann::json question{{"type", TypeName(q.type)},
                                {"text", q.text},
                                {"text_format", FormatName(q.format)},
                                {"answers", std::move(answers)}};
        if (!q.name.empty()) question["name"] = q.name;
        if (!q.category.empty()) question["category"] = q.category;
        if (!q.feedback.empty()) question["feedback"] = q.feedback;
        if (q.line > 0) question["line"] = q.line;
        questions.push_back(std::move(question));
    }
    nlohmann::json errors = nlohmann::json::array();
    for (const Issue& issue : result.parsed.issues) {
        const std::map<std::string, std::string> args(issue.args.begin(), issue.args.end());
        errors.push_back(
            {{"where", issue.where}, {"message", strings.Format(lang, issue.key, args)}, {"key", issue.key}});
    }
    return {{"format", ImportFormatName(result.format)},
            {"questions", std::move(questions)},
            {"errors", std::move(errors)}};
}

}  // namespace oqu::assessment
