#include <algorithm>
#include <string>

#include "assessment/domain/question.hpp"
#include "assessment/domain/text.hpp"

namespace oqu::assessment {
namespace {

enum class TagKind : std::uint8_t { kQuestion, kVariant, kRightVariant };

struct Tag {
    TagKind kind;
    std::size_t begin;  ///< Offset of '<'.
    std::size_t end;    ///< Offset after '>'.
    int line;
};

/// The tags of the format: <question...>, <variant>, <variantright> in any case. Any other '<'
/// ("x < 5", HTML) is text.
std::vector<Tag> FindTags(std::string_view text) {
    std::vector<Tag> tags;
    int line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') ++line;
        if (text[i] != '<') continue;
        const std::size_t close = text.find('>', i);
        if (close == std::string_view::npos || close - i > 24) continue;
        std::string name = AsciiLower(text.substr(i + 1, close - i - 1));
        name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == ' ' || c == '_'; }),
                   name.end());
        std::optional<TagKind> kind;
        if (name.starts_with("question") &&
            std::all_of(name.begin() + 8, name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            kind = TagKind::kQuestion;
        } else if (name == "variant") {
            kind = TagKind::kVariant;
        } else if (name == "variantright" || name == "rightvariant") {
            kind = TagKind::kRightVariant;
        }
        if (!kind) continue;
        tags.push_back({*kind, i, close + 1, line});
        i = close;
    }
    return tags;
}

Issue LineIssue(int line, std::string key) {
    return {"line " + std::to_string(line), std::move(key), {}};
}

}  // namespace

ParseResult ParseKzText(std::string_view text) {
    text = StripBom(text);
    ParseResult out;
    const auto tags = FindTags(text);
    if (tags.empty()) {
        out.issues.push_back(LineIssue(1, "assessment.import.no_questions"));
        return out;
    }
    if (!TrimSpace(text.substr(0, tags.front().begin)).empty()) {
        out.issues.push_back(LineIssue(1, "assessment.import.text_outside_question"));
    }
    std::vector<bool> marked;  // per variant of the current question
    const auto finish = [&] {
        if (out.questions.empty()) return;
        Question& q = out.questions.back();
        const auto right = std::count(marked.begin(), marked.end(), true);
        if (right == 0) {
            if (!q.answers.empty()) q.answers.front().fraction = 1.0;
        } else {
            for (std::size_t a = 0; a < q.answers.size(); ++a) {
                q.answers[a].fraction = marked[a] ? 1.0 / static_cast<double>(right) : 0.0;
            }
            if (right > 1) q.type = QuestionType::kMultipleChoice;
        }
        for (std::size_t a = 0; a < q.answers.size(); ++a) {
            for (std::size_t b = 0; b < a; ++b) {
                if (q.answers[a].text == q.answers[b].text) {
                    out.issues.push_back(LineIssue(q.line, "assessment.import.duplicate_variant"));
                    return;
                }
            }
        }
    };
    for (std::size_t t = 0; t < tags.size(); ++t) {
        const std::size_t end = t + 1 < tags.size() ? tags[t + 1].begin : text.size();
        std::string body(TrimSpace(text.substr(tags[t].end, end - tags[t].end)));
        if (tags[t].kind == TagKind::kQuestion) {
            finish();
            marked.clear();
            out.questions.push_back(
                {.type = QuestionType::kSingleChoice, .text = std::move(body), .line = tags[t].line});
            continue;
        }
        if (out.questions.empty()) {
            out.issues.push_back(LineIssue(tags[t].line, "assessment.import.text_outside_question"));
            continue;
        }
        out.questions.back().answers.push_back({.text = std::move(body)});
        marked.push_back(tags[t].kind == TagKind::kRightVariant);
    }
    finish();
    ValidateQuestions(out.questions, out.issues);
    return out;
}

}  // namespace oqu::assessment
