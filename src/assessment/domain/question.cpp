#include "assessment/domain/question.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "assessment/domain/text.hpp"

namespace oqu::assessment {

std::string_view TypeName(QuestionType type) {
    switch (type) {
        case QuestionType::kSingleChoice:
            return "single_choice";
        case QuestionType::kMultipleChoice:
            return "multiple_choice";
        case QuestionType::kTrueFalse:
            return "true_false";
        case QuestionType::kMatching:
            return "matching";
        case QuestionType::kOrdering:
            return "ordering";
        case QuestionType::kShortAnswer:
            return "short_answer";
        case QuestionType::kNumerical:
            return "numerical";
        case QuestionType::kEssay:
            return "essay";
    }
    return "single_choice";
}

std::string_view FormatName(TextFormat format) {
    switch (format) {
        case TextFormat::kPlain:
            return "plain";
        case TextFormat::kHtml:
            return "html";
        case TextFormat::kMarkdown:
            return "markdown";
    }
    return "plain";
}

namespace {
constexpr std::array<std::pair<ImportFormat, std::string_view>, 5> kFormats{{
    {ImportFormat::kAuto, "auto"},
    {ImportFormat::kMoodleXml, "moodle-xml"},
    {ImportFormat::kGift, "gift"},
    {ImportFormat::kAiken, "aiken"},
    {ImportFormat::kKzText, "kz-text"},
}};

bool EndsWith(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

Issue At(const Question& q, std::size_t index, std::string key) {
    Issue issue{q.line > 0 ? "line " + std::to_string(q.line) : "question " + std::to_string(index + 1),
                std::move(key),
                {}};
    return issue;
}
}  // namespace

std::string_view ImportFormatName(ImportFormat format) {
    for (const auto& [f, name] : kFormats) {
        if (f == format) return name;
    }
    return "auto";
}

std::optional<ImportFormat> ParseImportFormat(std::string_view name) {
    for (const auto& [f, n] : kFormats) {
        if (n == name) return f;
    }
    return std::nullopt;
}

ImportFormat DetectFormat(std::string_view file_name, std::string_view text) {
    const std::string_view head = TrimSpace(StripBom(text)).substr(0, 200);
    if (EndsWith(file_name, ".xml") || head.starts_with("<?xml") || head.starts_with("<quiz")) {
        return ImportFormat::kMoodleXml;
    }
    if (EndsWith(file_name, ".gift")) return ImportFormat::kGift;
    const std::string lower = AsciiLower(text.substr(0, 1 << 16));
    if (lower.find("<question") != std::string::npos && lower.find("<variant") != std::string::npos) {
        return ImportFormat::kKzText;
    }
    for (const auto& line : SplitLines(text.substr(0, 1 << 16))) {
        const std::string_view t = TrimSpace(line.text);
        if (t.size() >= 8 && AsciiLower(t.substr(0, 7)) == "answer:") return ImportFormat::kAiken;
    }
    return ImportFormat::kGift;
}

void ValidateQuestions(const std::vector<Question>& questions, std::vector<Issue>& issues) {
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const Question& q = questions[i];
        if (TrimSpace(q.text).empty()) issues.push_back(At(q, i, "assessment.import.no_text"));
        for (const Answer& a : q.answers) {
            if (!std::isfinite(a.fraction) || a.fraction < 0.0 || a.fraction > 1.0 || a.penalty < 0.0 ||
                a.penalty > 1.0) {
                issues.push_back(At(q, i, "assessment.import.bad_fraction"));
                break;
            }
        }
        const auto right = std::count_if(q.answers.begin(), q.answers.end(),
                                         [](const Answer& a) { return a.fraction > 0.0; });
        double total = 0.0;
        for (const Answer& a : q.answers) total += a.fraction;
        switch (q.type) {
            case QuestionType::kSingleChoice:
            case QuestionType::kMultipleChoice:
                if (q.answers.size() < 2) {
                    issues.push_back(At(q, i, "assessment.import.too_few_variants"));
                } else if (right == 0) {
                    issues.push_back(At(q, i, "assessment.import.no_right_answer"));
                } else if (q.type == QuestionType::kMultipleChoice && std::fabs(total - 1.0) > 0.01) {
                    Issue issue = At(q, i, "assessment.import.shares_not_whole");
                    issue.args.emplace_back("total",
                                            std::to_string(static_cast<int>(std::lround(total * 100))));
                    issues.push_back(std::move(issue));
                }
                for (std::size_t a = 0; a < q.answers.size(); ++a) {
                    if (TrimSpace(q.answers[a].text).empty()) {
                        issues.push_back(At(q, i, "assessment.import.empty_variant"));
                        break;
                    }
                }
                break;
            case QuestionType::kTrueFalse:
                if (right != 1) issues.push_back(At(q, i, "assessment.import.no_right_answer"));
                break;
            case QuestionType::kMatching:
                if (q.answers.size() < 2) {
                    issues.push_back(At(q, i, "assessment.import.too_few_pairs"));
                } else if (std::any_of(q.answers.begin(), q.answers.end(),
                                       [](const Answer& a) { return TrimSpace(a.match).empty(); })) {
                    issues.push_back(At(q, i, "assessment.import.pair_without_match"));
                }
                break;
            case QuestionType::kOrdering:
                if (q.answers.size() < 2) issues.push_back(At(q, i, "assessment.import.too_few_variants"));
                break;
            case QuestionType::kShortAnswer:
                if (right == 0) issues.push_back(At(q, i, "assessment.import.no_right_answer"));
                break;
            case QuestionType::kNumerical:
                if (right == 0) issues.push_back(At(q, i, "assessment.import.no_right_answer"));
                for (const Answer& a : q.answers) {
                    if (!ParseNumber(a.text)) {
                        issues.push_back(At(q, i, "assessment.import.not_a_number"));
                        break;
                    }
                }
                break;
            case QuestionType::kEssay:
                break;
        }
    }
}

}  // namespace oqu::assessment
