#include <array>
#include <string>

#include "assessment/domain/question.hpp"
#include "assessment/domain/text.hpp"

namespace oqu::assessment {
namespace {

Issue LineIssue(int line, std::string key) {
    return {"line " + std::to_string(line), std::move(key), {}};
}

/// A variant's label ("A", or a Cyrillic capital as teachers type on a Russian keyboard, read as
/// its Latin look-alike: "А" → "A", "В" → "B", "С" → "C") and the length of "A." / "A)" + space.
struct Label {
    std::string letter;
    std::size_t length = 0;
};

std::optional<Label> LabelOf(std::string_view line) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kLookAlikes{{
        {"\xD0\x90", "A"},
        {"\xD0\x92", "B"},
        {"\xD0\xA1", "C"},
        {"\xD0\x95", "E"},
        {"\xD0\x9D", "H"},
        {"\xD0\x9A", "K"},
        {"\xD0\x9C", "M"},
        {"\xD0\x9E", "O"},
        {"\xD0\xA0", "P"},
        {"\xD0\xA2", "T"},
        {"\xD0\xA5", "X"},
    }};
    Label label;
    std::size_t width = 0;
    if (!line.empty() && line[0] >= 'A' && line[0] <= 'Z') {
        label.letter = std::string(1, line[0]);
        width = 1;
    } else {
        for (const auto& [cyrillic, latin] : kLookAlikes) {
            if (line.starts_with(cyrillic)) {
                label.letter = std::string(latin);
                width = cyrillic.size();
            }
        }
    }
    if (width == 0 || line.size() < width + 2) return std::nullopt;
    if (line[width] != '.' && line[width] != ')') return std::nullopt;
    if (line[width + 1] != ' ' && line[width + 1] != '\t') return std::nullopt;
    label.length = width + 2;
    return label;
}

}  // namespace

ParseResult ParseAiken(std::string_view text) {
    ParseResult out;
    std::vector<std::string> labels;
    bool open = false;  // a question has begun and its ANSWER line is still due
    for (const Line& line : SplitLines(text)) {
        const std::string_view t = TrimSpace(line.text);
        if (t.empty()) continue;
        if (AsciiLower(t.substr(0, std::min<std::size_t>(t.size(), 7))) == "answer:") {
            if (!open) {
                out.issues.push_back(LineIssue(line.number, "assessment.import.text_outside_question"));
                continue;
            }
            open = false;
            std::string_view letter = TrimSpace(t.substr(7));
            const auto as_label = LabelOf(std::string(letter) + ". x");
            Question& q = out.questions.back();
            bool found = false;
            for (std::size_t a = 0; a < labels.size() && as_label; ++a) {
                if (labels[a] == as_label->letter) {
                    q.answers[a].fraction = 1.0;
                    found = true;
                }
            }
            if (!found) {
                Issue issue = LineIssue(line.number, "assessment.import.answer_not_a_variant");
                issue.args.emplace_back("answer", std::string(letter));
                out.issues.push_back(std::move(issue));
            }
            continue;
        }
        const auto label = LabelOf(t);
        if (open && label && !out.questions.back().text.empty()) {
            out.questions.back().answers.push_back({.text = std::string(TrimSpace(t.substr(label->length)))});
            labels.push_back(label->letter);
            continue;
        }
        if (open && out.questions.back().answers.empty()) {
            // A question text over several lines.
            out.questions.back().text += '\n';
            out.questions.back().text += t;
            continue;
        }
        if (open) {
            out.issues.push_back(LineIssue(out.questions.back().line, "assessment.import.no_answer_line"));
        }
        out.questions.push_back(
            {.type = QuestionType::kSingleChoice, .text = std::string(t), .line = line.number});
        labels.clear();
        open = true;
    }
    if (open) out.issues.push_back(LineIssue(out.questions.back().line, "assessment.import.no_answer_line"));
    if (out.questions.empty()) out.issues.push_back(LineIssue(1, "assessment.import.no_questions"));
    ValidateQuestions(out.questions, out.issues);
    return out;
}

}  // namespace oqu::assessment
